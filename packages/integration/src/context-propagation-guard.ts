import type { ClientRequest, RequestOptions } from 'node:http';
import { context, propagation } from '@opentelemetry/api';
import { injectContext as injectFilteredContext, isLoopbackHost } from '@honeyhive/processing';
import { matchesHostPattern, requestTargetOf, type RequestPattern, type RequestTarget } from './own-request-matcher';

/** The W3C headers this guard writes for allowed hosts. */
const W3C_FIELDS = ['traceparent', 'tracestate', 'baggage'] as const;

/** Where and what automatic HTTP tracing may propagate. */
export interface PropagationGuardOptions {
  /** Hosts that get context headers (see {@link matchesHostPattern}). Default: loopback hosts only. */
  propagateTo?: readonly RequestPattern[];
  /**
   * Writes the W3C headers (`traceparent`, `tracestate`, `baggage`) for a request to an allowed host, in the
   * request's context (the active one). Default: the trace context, and the baggage without secret-looking keys.
   */
  injectContext?: (carrier: Record<string, string>) => void;
}

type HeaderValue = string | number | string[] | undefined;

/** The value of header `name` (any case) in the headers a caller passed (an object; other shapes are not read). */
function headerIn(headers: unknown, name: string): HeaderValue {
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) return undefined;
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() === name && (typeof value === 'string' || typeof value === 'number' || Array.isArray(value))) return value as HeaderValue;
  }
  return undefined;
}

function allowedTarget(target: RequestTarget | undefined, patterns: readonly RequestPattern[] | undefined): boolean {
  if (target === undefined) return false;
  if (patterns === undefined) return isLoopbackHost(target.hostname);
  return matchesHostPattern(patterns, target);
}

function defaultInject(carrier: Record<string, string>): void {
  injectFilteredContext(context.active(), carrier);
}

function sameValue(a: unknown, b: unknown): boolean {
  return a !== undefined && String(a) === String(b);
}

/**
 * Decides what context headers automatic HTTP tracing leaves on an outgoing request. The instrumentation
 * injects the global propagator's headers (all of the baggage, to any host); this undoes that:
 * - to a host not in `propagateTo` (default: loopback only), every header the instrumentation injected is put
 *   back as the caller had it (removed when the caller had none): nothing of the trace or its baggage leaves;
 * - to an allowed host, the W3C headers are replaced by `injectContext`'s (by default the same trace context
 *   and the baggage without secret-looking keys); other propagators' headers stay.
 * Headers the caller set itself (e.g. with `tracer.inject()`) are never touched. Call {@link beforeRequest}
 * from `ignoreOutgoingRequestHook` (before injection) and {@link onRequest} from `requestHook`. Never throws.
 */
export class PropagationGuard {
  private readonly patterns: readonly RequestPattern[] | undefined;
  private readonly inject: (carrier: Record<string, string>) => void;
  // The request between the two hooks: they run one after the other, synchronously, for each request.
  private pending: { target: RequestTarget | undefined; before: Map<string, HeaderValue> } | undefined;

  constructor(options: PropagationGuardOptions = {}) {
    this.patterns = Array.isArray(options.propagateTo)
      ? options.propagateTo.filter((p): p is RequestPattern => typeof p === 'string' || p instanceof RegExp)
      : undefined;
    this.inject = typeof options.injectContext === 'function' ? options.injectContext : defaultInject;
  }

  /** True when requests to `target` get context headers. */
  allows(target: RequestTarget | undefined): boolean {
    return allowedTarget(target, this.patterns);
  }

  /** Notes the caller's own context headers of a request about to be traced (before the instrumentation injects). */
  beforeRequest(request: RequestOptions | undefined): void {
    try {
      if (request === undefined) {
        this.pending = undefined;
        return;
      }
      const before = new Map<string, HeaderValue>();
      for (const field of this.fields()) before.set(field, headerIn(request.headers, field));
      this.pending = { target: requestTargetOf(request), before };
    } catch {
      this.pending = undefined;
    }
  }

  /** Fixes the context headers of `request` (a client request whose headers are not sent yet). */
  onRequest(request: unknown): void {
    const pending = this.pending;
    this.pending = undefined;
    if (!isClientRequest(request) || pending === undefined) return;
    try {
      const injected: Record<string, string> = {};
      propagation.inject(context.active(), injected);
      const allowed = this.allows(pending.target);
      const ours: Record<string, string> = {};
      if (allowed) this.inject(ours);
      for (const field of new Set([...this.fields(), ...Object.keys(injected)])) {
        const isW3c = (W3C_FIELDS as readonly string[]).includes(field);
        // a header the instrumentation did not write is the caller's: left alone
        if (!sameValue(request.getHeader(field), injected[field])) {
          if (allowed && isW3c && ours[field] !== undefined && pending.before.get(field) === undefined) request.setHeader(field, ours[field]);
          continue;
        }
        if (allowed && !isW3c) continue;
        const replacement = allowed ? ours[field] ?? pending.before.get(field) : pending.before.get(field);
        if (replacement === undefined) request.removeHeader(field);
        else request.setHeader(field, replacement);
      }
    } catch {
      // headers already sent, or a propagator that throws: the request goes out as it is
    }
  }

  private fields(): string[] {
    let fields: string[] = [];
    try {
      fields = propagation.fields().map((field) => field.toLowerCase());
    } catch {
      // a broken global propagator: the W3C fields still
    }
    return [...new Set([...W3C_FIELDS, ...fields])];
  }
}

function isClientRequest(request: unknown): request is ClientRequest {
  const candidate = request as ClientRequest | null;
  return (
    candidate !== null &&
    typeof candidate === 'object' &&
    typeof candidate.getHeader === 'function' &&
    typeof candidate.setHeader === 'function' &&
    typeof candidate.removeHeader === 'function' &&
    candidate.headersSent !== true
  );
}
