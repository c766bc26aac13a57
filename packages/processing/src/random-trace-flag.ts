import { INVALID_SPANID, INVALID_TRACEID, context as otelContext, trace, type Context, type Span, type SpanOptions, type Tracer, type TracerProvider } from '@opentelemetry/api';

/** W3C Trace Context Level 2 `random-trace-id` flag: at least the right-most 7 bytes of the trace id are random. */
export const RANDOM_TRACE_FLAG = 0x02;

const wrapped = new WeakSet<object>();

/**
 * Sets the random flag on a span the SDK just started: a span continuing a trace keeps its parent's bit; a span
 * that starts a new trace gets it: the SDK's id generator draws every byte of the trace id pseudo-randomly
 * (`Math.random`), which the flag's definition allows. The SDK itself sets the flags from the
 * sampling decision alone (sampled or not), which loses the bit. The span context object is the span's own,
 * created fresh for it, so this changes nothing else (the shared invalid context is never touched).
 */
function applyRandomFlag(span: Span, options: SpanOptions | undefined, ctx: Context): void {
  const own = span.spanContext();
  // A span the SDK does not record under suppressed tracing carries the API's one shared invalid context: never
  // touched. Comparing with the all-zero ids is enough here (the SDK generated or kept every other id), and
  // costs a fraction of the API's hex validation, which was a few percent of a traced call.
  if (own.traceId === INVALID_TRACEID || own.spanId === INVALID_SPANID) return;
  const parent = options?.root === true ? undefined : trace.getSpanContext(ctx);
  // the SDK keeps the parent's trace id only when the parent's context is valid: the same id is a continued trace
  const continued = parent !== undefined && parent.traceId === own.traceId;
  const random = continued ? (parent.traceFlags & RANDOM_TRACE_FLAG) !== 0 : true;
  if (random) own.traceFlags |= RANDOM_TRACE_FLAG;
}

/** Wraps `tracer.startSpan` (which `startActiveSpan` calls) once per tracer to apply the random flag. */
function wrapTracer(tracer: Tracer): Tracer {
  if (typeof tracer?.startSpan !== 'function' || wrapped.has(tracer)) return tracer;
  const startSpan = tracer.startSpan;
  tracer.startSpan = function (this: Tracer, name: string, options?: SpanOptions, ctx?: Context): Span {
    const span = startSpan.call(this, name, options, ctx);
    try {
      applyRandomFlag(span, options, ctx ?? otelContext.active());
    } catch {
      // the span is returned as the SDK made it
    }
    return span;
  };
  wrapped.add(tracer);
  return tracer;
}

/**
 * Makes every tracer of `provider` carry the W3C Level 2 random flag (0x02) in its spans' trace flags, so that
 * `inject` writes it: kept from a continued trace, set on traces whose ids the SDK generated at random.
 * Idempotent; returns `provider`.
 */
export function keepRandomTraceFlag<P extends TracerProvider>(provider: P): P {
  if (wrapped.has(provider)) return provider;
  const getTracer = provider.getTracer;
  provider.getTracer = function (this: P, ...args: Parameters<TracerProvider['getTracer']>): Tracer {
    return wrapTracer(getTracer.apply(this, args));
  } as P['getTracer'];
  wrapped.add(provider);
  return provider;
}
