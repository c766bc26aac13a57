import type { EnvProblem } from '@honeyhive/utils';

/** The OTLP encodings this package can send. */
export type OtlpProtocol = 'http/protobuf' | 'http/json' | 'grpc';

/** The protocol used when nothing chooses one: the HoneyHive cloud accepts http/protobuf and http/json. */
export const DEFAULT_OTLP_PROTOCOL: OtlpProtocol = 'http/protobuf';

/**
 * HoneyHive's API base URL when none is given: the multi-tenant HoneyHive cloud, as the Python SDK (1.0.1 and
 * later) and HoneyHive's own API client name it (docs/wire-contract.md, "Endpoints").
 */
export const DEFAULT_SERVER_URL = 'https://api.dp1.us.honeyhive.ai';

/** The HoneyHive cloud's earlier API host (the npm `honeyhive` 1.x default); it serves the same tenants. */
export const LEGACY_SERVER_URL = 'https://api.honeyhive.ai';

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
    message: `${variable}='${value}' is not an OTLP protocol; use http/protobuf, http/json or grpc (using http/protobuf)`,
  };
}

/** The protocol: the given one when it is an OTLP protocol (any case), else http/protobuf. */
export function resolveProtocol(explicit: unknown, problems: EnvProblem[]): OtlpProtocol {
  if (explicit !== undefined && explicit !== null && explicit !== '') {
    const value = String(explicit).trim().toLowerCase();
    if (isOtlpProtocol(value)) return value;
    problems.push(protocolProblem('protocol', String(explicit)));
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
 * The OTLP URL: `endpoint` > `${serverUrl}/opentelemetry/v1/traces`.
 * For gRPC only the origin (`http://host:port`; `http` means insecure) is kept: gRPC has no URL path.
 */
export function resolveEndpoint(endpoint: string | undefined, serverUrl: string | undefined, protocol: OtlpProtocol, problems: EnvProblem[]): string {
  let chosen: URL | undefined;
  if (typeof endpoint === 'string' && endpoint.trim() !== '') {
    chosen = parseHttpUrl(endpoint);
    if (!chosen) problems.push(urlProblem('endpoint', endpoint));
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
