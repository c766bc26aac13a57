import { firstDefinedEnv, parseStringEnv, type EnvProblem, type EnvSource } from '@honeyhive/utils';

/** The OTLP encodings this package can send. */
export type OtlpProtocol = 'http/protobuf' | 'http/json' | 'grpc';

/** The protocol used when nothing chooses one: the HoneyHive cloud accepts http/protobuf and http/json. */
export const DEFAULT_OTLP_PROTOCOL: OtlpProtocol = 'http/protobuf';

/** HoneyHive's API base URL when none is given (the npm `honeyhive` 1.x default). */
export const DEFAULT_SERVER_URL = 'https://api.honeyhive.ai';

/** The OTLP trace ingest route under a HoneyHive server URL (docs/wire-contract.md). */
export const OTLP_TRACES_PATH = '/opentelemetry/v1/traces';

const PROTOCOLS: readonly OtlpProtocol[] = ['http/protobuf', 'http/json', 'grpc'];

/** True for `http/protobuf`, `http/json` and `grpc`. */
export function isOtlpProtocol(value: unknown): value is OtlpProtocol {
  return typeof value === 'string' && (PROTOCOLS as readonly string[]).includes(value);
}

function protocolProblem(variable: string, value: string): EnvProblem {
  return {
    variable,
    value,
    message: `${variable}='${value}' is not an OTLP protocol; use http/protobuf, http/json or grpc (using the next setting)`,
  };
}

/** The protocol: explicit > `HH_OTLP_PROTOCOL` > `OTEL_EXPORTER_OTLP_PROTOCOL` > http/protobuf. */
export function resolveProtocol(explicit: unknown, env: EnvSource, problems: EnvProblem[]): OtlpProtocol {
  if (explicit !== undefined && explicit !== null && explicit !== '') {
    const value = String(explicit).trim().toLowerCase();
    if (isOtlpProtocol(value)) return value;
    problems.push(protocolProblem('protocol', String(explicit)));
  }
  for (const name of ['HH_OTLP_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL']) {
    const found = firstDefinedEnv([name], env);
    if (!found) continue;
    const value = found.value.toLowerCase();
    if (isOtlpProtocol(value)) return value;
    problems.push(protocolProblem(name, found.value));
  }
  return DEFAULT_OTLP_PROTOCOL;
}

/** The URL when it is an absolute http(s) URL, else undefined. */
export function parseHttpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function urlProblem(variable: string, value: string): EnvProblem {
  return { variable, value, message: `${variable}='${value}' is not an http(s) URL; use e.g. https://collector.example.com/v1/traces (using the next setting)` };
}

/**
 * The OTLP URL: explicit `endpoint` > `HH_OTLP_ENDPOINT` > `${serverUrl}/opentelemetry/v1/traces`.
 * For gRPC only the origin (`http://host:port`; `http` means insecure) is kept: gRPC has no URL path.
 */
export function resolveEndpoint(
  endpoint: string | undefined,
  serverUrl: string | undefined,
  protocol: OtlpProtocol,
  env: EnvSource,
  problems: EnvProblem[],
): string {
  const candidates: Array<[string, string | undefined]> = [
    ['endpoint', endpoint],
    ['HH_OTLP_ENDPOINT', parseStringEnv('HH_OTLP_ENDPOINT', env).value],
  ];
  let chosen: URL | undefined;
  for (const [variable, value] of candidates) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    chosen = parseHttpUrl(value);
    if (chosen) break;
    problems.push(urlProblem(variable, value));
  }
  if (!chosen) {
    let base = parseHttpUrl(serverUrl ?? '');
    if (serverUrl !== undefined && serverUrl.trim() !== '' && !base) problems.push(urlProblem('serverUrl', serverUrl));
    base ??= new URL(DEFAULT_SERVER_URL);
    const path = base.pathname.replace(/\/+$/, '');
    chosen = new URL(`${base.origin}${path}${OTLP_TRACES_PATH}`);
  }
  if (protocol === 'grpc') return chosen.origin;
  return chosen.href;
}
