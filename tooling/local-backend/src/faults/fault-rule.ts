/** Route families a fault can target. */
export type FaultRoute = 'traces' | 'sessions' | 'events' | 'all';

/** Transports a fault can target (`http` = any HTTP request). */
export type FaultProtocol = 'grpc' | 'http' | 'http/protobuf' | 'http/json';

/** The kinds of injected faults. */
export type FaultKind = 'status' | 'delay' | 'reset' | 'refuse' | 'garbage';

/** WHICH requests and FOR HOW LONG a fault applies. */
export interface FaultScope {
  /** Apply to the next N matching requests (not allowed for `refuse`). */
  count?: number;
  /** Apply during a time window starting when the rule is set. */
  durationMs?: number;
  /** Route families (default `traces`). Ignored by `refuse`, which closes the whole listener. */
  routes?: FaultRoute | FaultRoute[];
  /** Transports (default: all). For `refuse`: which listener(s) to close (default both). */
  protocols?: FaultProtocol[];
}

/**
 * How a gRPC status fault tells the client when to retry (with `retryAfterSeconds`): a plain `retry-after`
 * entry, `grpc-retry-pushback-ms`, or a `google.rpc.RetryInfo` in the `grpc-status-details-bin` trailer.
 */
export type GrpcRetryHint = 'retry-after' | 'pushback' | 'retry-info';

/** Answer with an error status (HTTP) or the matching gRPC code. */
export interface StatusFault extends FaultScope {
  /** Fault kind. */
  kind: 'status';
  /** HTTP status, e.g. 429, 503, 500, 401. */
  status: number;
  /** Sent as `Retry-After` (HTTP) or, for gRPC, as the `grpcRetryHints` (default `retry-after` + pushback). */
  retryAfterSeconds?: number;
  /** gRPC only: which signals carry `retryAfterSeconds` (default `['retry-after', 'pushback']`). */
  grpcRetryHints?: GrpcRetryHint[];
  /** Response body (default: a JSON error naming the fault). */
  body?: string;
  /** gRPC status code to use instead of the one mapped from `status`. */
  grpcCode?: number;
}

/** Wait, then answer normally (spans are stored if the client is still there). */
export interface DelayFault extends FaultScope {
  /** Fault kind. */
  kind: 'delay';
  /** Delay in milliseconds. */
  ms: number;
}

/** Destroy the connection after reading the request headers (gRPC: destroy the HTTP/2 session). */
export interface ResetFault extends FaultScope {
  /** Fault kind. */
  kind: 'reset';
}

/** Stop listening (connections refused) until cleared or until `durationMs` has passed; re-listens on the same port. */
export interface RefuseFault extends FaultScope {
  /** Fault kind. */
  kind: 'refuse';
}

/** Answer 200 (gRPC: OK) with an undecodable body. */
export interface GarbageFault extends FaultScope {
  /** Fault kind. */
  kind: 'garbage';
}

/** A fault-injection rule: what happens, to which requests, for how long. */
export type FaultRule = StatusFault | DelayFault | ResetFault | RefuseFault | GarbageFault;

/** Throws a TypeError naming the problem when a rule is malformed (test-code misuse). */
export function validateFaultRule(rule: FaultRule): void {
  const fail = (why: string): never => {
    throw new TypeError(`invalid fault rule ${JSON.stringify(rule)}: ${why}`);
  };
  if (rule.count !== undefined && (!Number.isInteger(rule.count) || rule.count < 1)) fail('count must be a positive integer');
  if (rule.durationMs !== undefined && !(rule.durationMs > 0)) fail('durationMs must be > 0');
  switch (rule.kind) {
    case 'status':
      if (!Number.isInteger(rule.status) || rule.status < 100 || rule.status > 599) fail('status must be an HTTP status code');
      if (rule.retryAfterSeconds !== undefined && !(rule.retryAfterSeconds >= 0)) fail('retryAfterSeconds must be >= 0');
      if (rule.grpcRetryHints !== undefined && !rule.grpcRetryHints.every((h) => ['retry-after', 'pushback', 'retry-info'].includes(h))) {
        fail("grpcRetryHints must list 'retry-after', 'pushback' or 'retry-info'");
      }
      return;
    case 'delay':
      if (!(rule.ms >= 0)) fail('ms must be >= 0');
      return;
    case 'refuse':
      if (rule.count !== undefined) fail('refuse cannot be counted (no request arrives); use durationMs or clear()');
      return;
    case 'reset':
    case 'garbage':
      return;
    default:
      fail('unknown kind');
  }
}
