import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { checkBearer } from '../auth';
import type { BackendState } from '../backend-state';
import type { Delays } from '../delays';
import type { FaultController } from '../faults/fault-controller';
import { stringifyJsonSafe } from '../json-safe';
import { decodeJsonExportRequest } from '../otlp/decode-json';
import { decodeProtobufExportRequest, emptyProtobufExportResponse } from '../otlp/decode-protobuf';
import { OtlpDecodeError } from '../otlp/otlp-decode-error';
import type { DecodedSpan } from '../otlp/received-span';
import type { ReceivedRequest, RequestProtocol } from '../records';
import { newRequestRecord, recordableHeaders, requestLogLine } from '../request-record';
import { createEvent, getSession, startSession, updateEvent, type RouteResult } from '../sessions/session-routes';
import { matchRoute, type HttpRoute } from './match-route';
import { type BodyError, decodeContentEncoding, readBody } from './read-body';

/** What the HTTP handler needs from the backend. */
export interface HttpHandlerDeps {
  /** Received data. */
  state: BackendState;
  /** Fault rules. */
  faults: FaultController;
  /** Accepted keys, or undefined for any non-empty bearer token. */
  apiKeys: readonly string[] | undefined;
  /** Log sink (one line per request). */
  log: (line: string) => void;
  /** Stable id of a socket. */
  connectionId: (socket: Socket) => string;
  /** Cancellable sleeps for `delay` faults. */
  delays: Delays;
  /** Maximum accepted body size. */
  bodyLimitBytes: number;
}

const GARBAGE_PROTOBUF = Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
const GARBAGE_TEXT = '\u0000garbage{{ not json';

function otlpProtocol(contentType: string | undefined): RequestProtocol {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'http/protobuf';
  if (type === 'application/json') return 'http/json';
  return 'http';
}

function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string>): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  send(res, status, stringifyJsonSafe(body), { 'content-type': 'application/json', ...headers });
}

/** Creates the `request` listener of the backend's HTTP server. */
export function createHttpHandler(deps: HttpHandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      deps.log(`internal error: ${(error as Error).message}`);
      sendJson(res, 500, { error: `internal error: ${(error as Error).message}` });
    });
  };
}

async function handle(deps: HttpHandlerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { state } = deps;
  const method = (req.method ?? 'GET').toUpperCase();
  const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  const route = matchRoute(method, pathname);
  const headers = recordableHeaders(req.headers);
  const record = newRequestRecord({
    id: state.nextRequestId(),
    method,
    path: pathname,
    route: route.group,
    protocol: route.kind === 'traces' ? otlpProtocol(req.headers['content-type']) : 'http',
    headers,
    connectionId: deps.connectionId(req.socket),
  });
  const finish = (status: number, outcome: ReceivedRequest['outcome'], reason?: string): void => {
    record.status = status;
    record.outcome = outcome;
    record.reason = reason;
    state.addRequest(record);
    deps.log(requestLogLine(record));
  };
  const reject = (status: number, reason: string, extra: Record<string, string> = {}): void => {
    sendJson(res, status, { error: reason }, extra);
    finish(status, 'rejected', reason);
  };

  if (route.kind === 'not-found') {
    req.resume();
    return reject(404, `no route for ${method} ${pathname}`);
  }
  if (route.kind === 'method-not-allowed') {
    req.resume();
    return reject(405, `${method} not allowed on ${pathname} (allowed: ${route.allow})`, { allow: route.allow });
  }

  const fault = deps.faults.take(route.group, record.protocol);
  record.fault = fault?.kind;
  if (fault?.kind === 'reset') {
    req.socket.destroy();
    return finish(0, 'fault', 'injected reset after the request headers');
  }

  let raw: Buffer;
  try {
    raw = await readBody(req, deps.bodyLimitBytes);
  } catch (error) {
    const bodyError = error as BodyError;
    if (bodyError.status === 0) return finish(0, 'aborted', bodyError.message);
    return reject(bodyError.status, bodyError.message);
  }

  if (fault?.kind === 'status') {
    const extra: Record<string, string> = {};
    if (fault.retryAfterSeconds !== undefined) extra['retry-after'] = String(fault.retryAfterSeconds);
    const body = fault.body ?? JSON.stringify({ error: `injected fault: status ${fault.status}` });
    send(res, fault.status, body, { 'content-type': fault.body === undefined ? 'application/json' : 'text/plain', ...extra });
    return finish(fault.status, 'fault', `injected status ${fault.status}`);
  }
  if (fault?.kind === 'garbage') {
    const protobuf = record.protocol === 'http/protobuf';
    send(res, 200, protobuf ? GARBAGE_PROTOBUF : GARBAGE_TEXT, {
      'content-type': protobuf ? 'application/x-protobuf' : 'application/json',
    });
    return finish(200, 'fault', 'injected garbage response body');
  }

  const auth = checkBearer(req.headers.authorization, deps.apiKeys);
  record.apiKey = auth.apiKey;
  if (!auth.ok) return reject(401, auth.reason, { 'www-authenticate': 'Bearer' });

  if (fault?.kind === 'delay') {
    await deps.delays.sleep(fault.ms);
    if (req.socket.destroyed) return finish(0, 'aborted', `client gone during the injected ${fault.ms} ms delay`);
  }

  let body: Buffer;
  try {
    body = decodeContentEncoding(raw, req.headers['content-encoding']);
  } catch (error) {
    return reject((error as BodyError).status, (error as BodyError).message);
  }

  if (route.kind === 'traces') return handleTraces(deps, record, body, res, finish, reject);
  let parsed: unknown;
  if (route.kind !== 'session-get') {
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch (error) {
      return reject(400, `malformed JSON body: ${(error as Error).message}`);
    }
  }
  record.body = parsed;
  const result = dispatchJson(deps, route, parsed);
  sendJson(res, result.status, result.body);
  const reason = result.status >= 400 ? (result.body as { error?: string }).error : undefined;
  finish(result.status, result.status >= 400 ? 'rejected' : 'ok', reason);
}

function dispatchJson(deps: HttpHandlerDeps, route: HttpRoute, body: unknown): RouteResult {
  switch (route.kind) {
    case 'session-start':
      return startSession(deps.state, body, route.legacy);
    case 'event-update':
      return updateEvent(deps.state, route.eventId, body);
    case 'event-create':
      return createEvent(deps.state, body, route.legacy);
    case 'session-get':
      return getSession(deps.state, route.sessionId);
    default:
      return { status: 500, body: { error: `unexpected route ${route.kind}` } };
  }
}

function handleTraces(
  deps: HttpHandlerDeps,
  record: ReceivedRequest,
  body: Buffer,
  res: ServerResponse,
  finish: (status: number, outcome: ReceivedRequest['outcome'], reason?: string) => void,
  reject: (status: number, reason: string) => void,
): void {
  if (record.protocol === 'http') {
    const given = record.headers['content-type'];
    return reject(
      415,
      `unsupported Content-Type ${given ? `"${given}"` : '(missing)'}; use application/x-protobuf or application/json`,
    );
  }
  let spans: DecodedSpan[];
  try {
    spans = record.protocol === 'http/json' ? decodeJsonExportRequest(body) : decodeProtobufExportRequest(body);
  } catch (error) {
    if (error instanceof OtlpDecodeError) return reject(400, error.message);
    throw error;
  }
  if (record.protocol === 'http/json') {
    send(res, 200, '{}', { 'content-type': 'application/json' });
  } else {
    send(res, 200, emptyProtobufExportResponse(), { 'content-type': 'application/x-protobuf' });
  }
  record.spanCount = spans.length;
  deps.state.addSpans(spans, record.protocol as 'http/json' | 'http/protobuf', record.id);
  finish(200, 'ok');
}
