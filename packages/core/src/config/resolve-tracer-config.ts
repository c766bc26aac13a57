import { redactSecrets } from '@honeyhive/integration';
import type { EnvSource } from '@honeyhive/utils';
import { HoneyHiveConfigError } from './config-error';
import type { ConfigProblem, ConfigSource } from './config-problem';
import { DEFAULT_OTLP_PROTOCOL, HH_ENV } from './defaults';
import { FIELD_SPECS } from './field-specs';
import type { FieldSpec } from './field-specs';
import { readOptionLayers } from './option-layers';
import type { OptionLayer } from './option-layers';
import { createResolvedConfig } from './resolved-config';
import type { ResolvedTracerConfig } from './resolved-config';
import type { TracerOptions } from './types';

/**
 * How the tracer should run: `active` (exporting), `degraded` (a no-op because exporting is impossible or
 * unsafe, e.g. no API key), or `disabled` (`disableTracing`).
 */
export type TracerMode = 'active' | 'degraded' | 'disabled';

/** The result of {@link resolveTracerConfig}. */
export interface TracerConfigResolution {
  config: ResolvedTracerConfig;
  /** Invalid values, unknown options, a missing API key: each worth one log line. Empty when all is well. */
  problems: ConfigProblem[];
  /** Remarks for verbose mode: legacy names read, values given twice. */
  notices: ConfigProblem[];
  mode: TracerMode;
}

const ORIGIN: Record<OptionLayer['source'], string> = { argument: 'constructor argument', config: 'config object' };

interface FieldOutcome {
  value: unknown;
  source: ConfigSource;
  problem?: ConfigProblem;
  degrade?: boolean;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 60)}…` : value}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return '(an array)';
  return `(a ${typeof value})`;
}

const envNote = (spec: FieldSpec) => (spec.env === undefined ? '' : ` (env ${spec.env.join(' / ')})`);

function consequence(spec: FieldSpec): string {
  return spec.degradeOnInvalid
    ? 'nothing will be exported (degraded mode) rather than sending data to an address you did not choose'
    : `using ${spec.fallback}`;
}

function fixFor(spec: FieldSpec, variable?: string): string {
  if (variable !== undefined) {
    const envExample = spec.envExample ?? spec.example;
    return `set ${variable} to ${spec.envExpected ?? spec.expected}${envExample === undefined ? '' : `, e.g. ${envExample}`}, or unset it`;
  }
  const example = spec.example === undefined ? '' : `, e.g. ${spec.example}`;
  const env = spec.env === undefined ? '' : ` (or ${spec.env[0]})`;
  return `set ${spec.name}${env} to ${spec.expected}${example}`;
}

function resolveField(spec: FieldSpec, layers: readonly OptionLayer[], env: EnvSource): FieldOutcome {
  const fallback = (): FieldOutcome => ({ value: spec.defaultValue?.(), source: 'default' });
  for (const layer of layers) {
    const result = spec.check(layer.values[spec.name]);
    if (result.kind === 'absent') continue;
    if (result.kind === 'ok') return { value: result.value, source: layer.source };
    const shown = spec.secret ? '' : ` ${describeValue(layer.values[spec.name])}`;
    return {
      ...fallback(),
      degrade: spec.degradeOnInvalid === true,
      problem: {
        field: spec.name,
        source: layer.source,
        message: `${spec.name}${envNote(spec)}:${shown} from the ${ORIGIN[layer.source]} ${result.reason}; ${consequence(spec)}`,
        fix: fixFor(spec),
      },
    };
  }
  if (spec.readEnv !== undefined) {
    const read = spec.readEnv(env);
    if (read.problem !== undefined) {
      return {
        ...fallback(),
        degrade: spec.degradeOnInvalid === true,
        problem: {
          field: spec.name,
          source: 'env',
          variable: read.problem.variable,
          message: `${spec.name}: ${read.problem.detail}; ${consequence(spec)}`,
          fix: fixFor(spec, read.problem.variable),
        },
      };
    }
    if (read.value !== undefined) return { value: read.value, source: 'env' };
  }
  return fallback();
}

function missingApiKey(): ConfigProblem {
  return {
    field: 'apiKey',
    source: 'default',
    variable: HH_ENV.API_KEY,
    message:
      'apiKey (env HH_API_KEY) is not set, so spans cannot be exported to HoneyHive; the tracer runs as a no-op (degraded mode)',
    fix: 'set HH_API_KEY to your HoneyHive API key or pass apiKey; use testMode: true (or otlpEndpoint) to run without one',
  };
}

/**
 * The gRPC encoding is for OTLP collectors; the HoneyHive endpoint takes http/protobuf or http/json.
 * `OTEL_EXPORTER_OTLP_PROTOCOL=grpc` is often set for another exporter, so then it is only a notice.
 */
function checkProtocolForEndpoint(
  values: Record<string, unknown>,
  sources: Record<string, ConfigSource>,
  env: EnvSource,
): { problem?: ConfigProblem; notice?: ConfigProblem } {
  if (values.otlpProtocol !== 'grpc' || values.otlpEndpoint !== undefined) return {};
  const fromOtelVariable =
    sources.otlpProtocol === 'env' && (env[HH_ENV.OTLP_PROTOCOL] ?? '').trim() === '';
  const variable = sources.otlpProtocol === 'env' ? (fromOtelVariable ? HH_ENV.OTEL_OTLP_PROTOCOL : HH_ENV.OTLP_PROTOCOL) : undefined;
  const entry: ConfigProblem = {
    field: 'otlpProtocol',
    source: sources.otlpProtocol ?? 'default',
    ...(variable === undefined ? {} : { variable }),
    message: `otlpProtocol${variable ? ` (${variable})` : ''} 'grpc' is for OTLP collectors and the HoneyHive endpoint does not accept it; using ${DEFAULT_OTLP_PROTOCOL}`,
    fix: 'use http/protobuf or http/json with HoneyHive, or set otlpEndpoint to your collector to use grpc',
  };
  values.otlpProtocol = DEFAULT_OTLP_PROTOCOL;
  sources.otlpProtocol = 'default';
  return fromOtelVariable ? { notice: entry } : { problem: entry };
}

/**
 * Resolves tracer options into one validated configuration. Precedence per field: a field passed directly >
 * the same field in `options.config` > its environment variable > the default. Legacy snake_case names are
 * mapped (listed in `notices`). An invalid value becomes a problem and falls back to the default (an invalid
 * endpoint makes the mode `degraded` instead); a missing API key when exporting to HoneyHive makes it
 * `degraded`; `disableTracing` makes it `disabled`. With `strict: true`, any problem throws
 * {@link HoneyHiveConfigError}; otherwise this never throws. No message contains the API key.
 */
export function resolveTracerConfig(options?: TracerOptions, env: EnvSource = process.env): TracerConfigResolution {
  const { layers, problems, notices, apiKeyCandidates } = readOptionLayers(options);
  const values: Record<string, unknown> = {};
  const sources: Record<string, ConfigSource> = {};
  let degraded = false;
  for (const spec of FIELD_SPECS) {
    const outcome = resolveField(spec, layers, env);
    values[spec.name] = outcome.value;
    sources[spec.name] = outcome.source;
    if (outcome.problem !== undefined) problems.push(outcome.problem);
    if (outcome.degrade) degraded = true;
  }
  const protocol = checkProtocolForEndpoint(values, sources, env);
  if (protocol.problem !== undefined) problems.push(protocol.problem);
  if (protocol.notice !== undefined) notices.push(protocol.notice);
  const exportsToHoneyHive = values.testMode !== true && values.otlpEndpoint === undefined;
  if (exportsToHoneyHive && values.apiKey === undefined && values.disableTracing !== true) {
    problems.push(missingApiKey());
    degraded = true;
  }

  const secrets = [...apiKeyCandidates, ...(typeof values.apiKey === 'string' ? [values.apiKey] : [])];
  const envKey = env[HH_ENV.API_KEY];
  if (typeof envKey === 'string' && envKey.trim() !== '') secrets.push(envKey, envKey.trim());
  const scrub = (entry: ConfigProblem): ConfigProblem => ({
    ...entry,
    message: redactSecrets(entry.message, secrets),
    fix: redactSecrets(entry.fix, secrets),
  });
  const result: TracerConfigResolution = {
    config: createResolvedConfig(values, sources),
    problems: problems.map(scrub),
    notices: notices.map(scrub),
    mode: values.disableTracing === true ? 'disabled' : degraded ? 'degraded' : 'active',
  };
  if (values.strict === true && result.problems.length > 0) throw new HoneyHiveConfigError(result.problems);
  return result;
}
