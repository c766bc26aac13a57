import { SpanStatusCode, context as otelContext, trace, type Context, type Span } from '@opentelemetry/api';
import { ATTR, errorMessage, isThenable } from '@honeyhive/utils';

/**
 * Marks `span` as failed by `error`: status ERROR with the message, the exception recorded, and
 * `honeyhive_error` / `honeyhive_error_type`. Never throws; never touches `error`.
 */
export function recordSpanError(span: Span, error: unknown): void {
  try {
    if (!span.isRecording()) return;
    const message = errorMessage(error);
    const type = error instanceof Error ? error.constructor?.name || error.name : typeof error;
    span.recordException(error instanceof Error ? error : message);
    span.setStatus({ code: SpanStatusCode.ERROR, message });
    span.setAttribute(ATTR.ERROR, message);
    span.setAttribute(ATTR.ERROR_TYPE, type);
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

/**
 * Runs `fn(span)` with `span` active in `ctx`, ends the span when `fn` returns (or when its promise settles),
 * records a thrown error or rejection on it, and gives back exactly what `fn` returned or threw: the same
 * value, the same promise object, the same error object.
 */
export function runInSpan<T>(span: Span, ctx: Context, fn: (span: Span) => T): T {
  let result: T;
  try {
    result = otelContext.with(trace.setSpan(ctx, span), fn, undefined, span);
  } catch (error) {
    recordSpanError(span, error);
    endQuietly(span);
    throw error;
  }
  if (!isThenable(result)) {
    endQuietly(span);
    return result;
  }
  try {
    result.then(
      () => endQuietly(span),
      (error: unknown) => {
        recordSpanError(span, error);
        endQuietly(span);
      },
    );
  } catch {
    // a thenable whose then() throws: end now rather than never
    endQuietly(span);
  }
  return result;
}
