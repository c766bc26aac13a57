import { SpanStatusCode, context as otelContext, trace, type Context, type Span } from '@opentelemetry/api';
import { ATTR, errorMessage, followSettlement, isThenable, setOwnAttribute } from '@honeyhive/utils';

/**
 * Marks `span` as failed by `error`: status ERROR with the message, the exception recorded, and
 * `honeyhive_error` / `honeyhive_error_type`. Never throws; never touches `error`.
 */
function recordSpanError(span: Span, error: unknown): void {
  try {
    if (!span.isRecording()) return;
    const message = errorMessage(error);
    const type = error instanceof Error ? error.constructor?.name || error.name : typeof error;
    span.recordException(error instanceof Error ? error : message);
    span.setStatus({ code: SpanStatusCode.ERROR, message });
    // on top of the attribute limit: a span full of captured values still says what failed
    setOwnAttribute(span, ATTR.ERROR, message);
    setOwnAttribute(span, ATTR.ERROR_TYPE, type);
  } catch {
    // recording is best effort
  }
}

function endQuietly(span: Span): void {
  try {
    span.end();
  } catch {
    // never break the caller
  }
}

/** Ends a span whose result was never consumed: marked `honeyhive_metadata.abandoned = true`. */
function abandon(span: Span): void {
  try {
    setOwnAttribute(span, ATTR.ABANDONED, true);
  } catch {
    // the span still ends
  }
  endQuietly(span);
}

/**
 * Runs `fn(span)` with `span` active in `ctx`, ends the span when `fn` returns (or when its promise settles),
 * records a thrown error or rejection on it, and gives back exactly what `fn` returned or threw: the same
 * value, the same promise object, the same error object. A lazy thenable (a query builder, an SDK promise)
 * is not started by this: the span ends when the caller's await of it settles, or as abandoned if it is
 * garbage-collected unconsumed; a rejection nobody handles still reaches the host (see `followSettlement`).
 */
export function runInSpan<T>(span: Span, ctx: Context, fn: (span: Span) => T): T {
  let result: T;
  const active = trace.setSpan(ctx, span);
  try {
    result = otelContext.with(active, fn, undefined, span);
  } catch (error) {
    recordSpanError(span, error);
    endQuietly(span);
    throw error;
  }
  if (!isThenable(result)) {
    endQuietly(span);
    return result;
  }
  return followSettlement(
    result,
    {
      fulfilled: () => endQuietly(span),
      rejected: (error) => {
        recordSpanError(span, error);
        endQuietly(span);
      },
      abandoned: () => abandon(span),
    },
    { callWith: (start) => otelContext.with(active, start) },
  );
}
