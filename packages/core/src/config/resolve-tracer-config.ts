import { redactSecrets } from '@honeyhive/integration';
import type { EnvSource } from '@honeyhive/utils';
import { HoneyHiveConfigError } from './config-error';
import type { ConfigProblem, ConfigSource } from './config-problem';
import { DEFAULT_OTLP_PROTOCOL, HH_ENV } from './defaults';
import { readEnvVariables } from './env-variables';
import { checkGrpcTransport } from './grpc-transport-check';
import { checkHttpTracing } from './http-tracing-check';
import { inferEvaluation } from './evaluation-inference';
import { readOptionLayers } from './option-layers';
import { protocolVariable } from './protocol-variable';
import { unsupportedOtelVariables } from './otel-unsupported';
import { inertOptionNotices } from './inert-options';
import type { OptionSpec } from './option-spec';
import { OPTION_NAMES, OPTION_TABLE } from './option-table';
import type { OptionName, ResolvedOptions } from './option-table';
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

const envNote = (spec: OptionSpec<unknown>) => (spec.env === undefined ? '' : ` (env ${spec.env.map((variable) => variable.name).join(' / ')})`);

function consequence(spec: OptionSpec<unknown>): string {
  return spec.degradeOnInvalid
    ? 'nothing will be exported (degraded mode) rather than sending data to an address you did not choose'
    : `using ${spec.fallback}`;
}

function fixFor(name: string, spec: OptionSpec<unknown>, variable?: string): string {
  const envVariable = variable === undefined ? undefined : spec.env?.find((candidate) => candidate.name === variable);
  if (variable !== undefined) {
    const envExample = envVariable?.example ?? spec.example;
    return `set ${variable} to ${envVariable?.expected ?? spec.expected}${envExample === undefined ? '' : `, e.g. ${envExample}`}, or unset it`;
  }
  const example = spec.example === undefined ? '' : `, e.g. ${spec.example}`;
  const env = spec.env?.[0] === undefined ? '' : ` (or ${spec.env[0].name})`;
  return `set ${name}${env} to ${spec.expected}${example}`;
}

/**
 * The names of the variables set in `env`, upper-cased (Windows matches names in any case), or undefined when
 * they cannot be listed. An option none of whose variables is among them has nothing to read there, so its
 * variables' readers are not run: most options are neither given nor set, and resolving them is then a default.
 */
function variablesSet(env: EnvSource): ReadonlySet<string> | undefined {
  try {
    const names = new Set<string>();
    for (const name in env) names.add(name.toUpperCase());
    return names;
  } catch {
    return undefined;
  }
}

function mayBeSet(variables: readonly { name: string }[], set: ReadonlySet<string> | undefined): boolean {
  if (set === undefined) return true;
  for (const variable of variables) if (set.has(variable.name.toUpperCase())) return true;
  return false;
}

function resolveField(name: OptionName, layers: readonly OptionLayer[], env: EnvSource, set: ReadonlySet<string> | undefined): FieldOutcome {
  const spec: OptionSpec<unknown> = OPTION_TABLE[name];
  const fallback = (): FieldOutcome => ({ value: spec.defaultValue?.(), source: 'default' });
  for (const layer of layers) {
    // every check finds `undefined` absent (a test holds the table to it): a field not given needs no check
    if (layer.values[name] === undefined) continue;
    const result = spec.check(layer.values[name]);
    if (result.kind === 'absent') continue;
    if (result.kind === 'ok') return { value: result.value, source: layer.source };
    const shown = spec.secret ? '' : ` ${describeValue(layer.values[name])}`;
    return {
      ...fallback(),
      degrade: spec.degradeOnInvalid === true,
      problem: {
        field: name,
        source: layer.source,
        message: `${name}${envNote(spec)}:${shown} from the ${ORIGIN[layer.source]} ${result.reason}; ${consequence(spec)}`,
        fix: fixFor(name, spec),
      },
    };
  }
  if (spec.env === undefined || !mayBeSet(spec.env, set)) return fallback();
  const read = readEnvVariables(spec.env, env);
  if (read.problem !== undefined) {
    return {
      ...fallback(),
      degrade: spec.degradeOnInvalid === true,
      problem: {
        field: name,
        source: 'env',
        variable: read.problem.variable,
        message: `${name}: ${read.problem.detail}; ${consequence(spec)}`,
        fix: fixFor(name, spec, read.problem.variable),
      },
    };
  }
  if (read.value !== undefined) return { value: read.value, source: 'env' };
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
 * `OTEL_EXPORTER_OTLP_(TRACES_)PROTOCOL=grpc` is often set for another exporter, so then it is only a notice.
 */
function checkProtocolForEndpoint(
  values: Record<string, unknown>,
  sources: Record<string, ConfigSource>,
  env: EnvSource,
): { problem?: ConfigProblem; notice?: ConfigProblem } {
  if (values.otlpProtocol !== 'grpc' || values.otlpEndpoint !== undefined) return {};
  const variable = sources.otlpProtocol === 'env' ? protocolVariable(env) : undefined;
  const fromOtelVariable = variable !== undefined && variable !== HH_ENV.OTLP_PROTOCOL;
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
  const set = variablesSet(env);
  for (const name of OPTION_NAMES) {
    const outcome = resolveField(name, layers, env, set);
    values[name] = outcome.value;
    sources[name] = outcome.source;
    if (outcome.problem !== undefined) problems.push(outcome.problem);
    if (outcome.degrade) degraded = true;
  }
  const protocol = checkProtocolForEndpoint(values, sources, env);
  if (protocol.problem !== undefined) problems.push(protocol.problem);
  if (protocol.notice !== undefined) notices.push(protocol.notice);
  if (values.testMode !== true && values.disableTracing !== true) problems.push(...unsupportedOtelVariables(env));
  const transport = checkGrpcTransport(values, sources, env);
  if (transport !== undefined) problems.push(transport);
  const httpTracing = checkHttpTracing(values, sources);
  if (httpTracing !== undefined) problems.push(httpTracing);
  notices.push(...inertOptionNotices(values, sources));
  const evaluation = inferEvaluation(values, sources);
  if (evaluation !== undefined) notices.push(evaluation);
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
    // every value came from its option's check or default (the table's types): see ResolvedOptions
    config: createResolvedConfig(values as ResolvedOptions, sources),
    problems: problems.map(scrub),
    notices: notices.map(scrub),
    mode: values.disableTracing === true ? 'disabled' : degraded ? 'degraded' : 'active',
  };
  if (values.strict === true && result.problems.length > 0) throw new HoneyHiveConfigError(result.problems);
  return result;
}
