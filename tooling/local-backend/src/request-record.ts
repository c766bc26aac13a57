import { maskAuthorization } from './auth';
import type { ClientIdentification, ReceivedRequest, RequestProtocol, RouteGroup } from './records';

/** Lower-cased, string-valued headers with the authorization token masked. */
export function recordableHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value)
      ? value.map(String).join(', ')
      : Buffer.isBuffer(value)
        ? value.toString('base64')
        : String(value);
    const key = name.toLowerCase();
    out[key] = key === 'authorization' ? maskAuthorization(text) : text;
  }
  return out;
}

/** The client identification headers of docs/wire-contract.md. */
function clientIdentification(headers: Record<string, string>): ClientIdentification {
  return {
    package: headers['hh-client-package'],
    version: headers['hh-client-version'],
    language: headers['hh-client-language'],
    source: headers['x-source'],
  };
}

/** A request record in its initial state (status 0, outcome ok, no spans). */
export function newRequestRecord(fields: {
  id: string;
  method: string;
  path: string;
  route: RouteGroup;
  protocol: RequestProtocol;
  headers: Record<string, string>;
  connectionId: string;
}): ReceivedRequest {
  return {
    ...fields,
    status: 0,
    grpcCode: undefined,
    outcome: 'ok',
    fault: undefined,
    reason: undefined,
    spanCount: 0,
    apiKey: undefined,
    client: clientIdentification(fields.headers),
    body: undefined,
    receivedAt: Date.now(),
  };
}

/** One log line for a finished request (never includes the API key). */
export function requestLogLine(r: ReceivedRequest): string {
  const status = r.grpcCode !== undefined ? `grpc ${r.grpcCode}` : String(r.status);
  const parts = [`${r.method} ${r.path}`, `→ ${status}`, r.protocol, `conn=${r.connectionId}`];
  if (r.spanCount > 0) parts.push(`spans=${r.spanCount}`);
  if (r.fault) parts.push(`fault=${r.fault}`);
  if (r.reason) parts.push(`(${r.reason})`);
  return parts.join(' ');
}
