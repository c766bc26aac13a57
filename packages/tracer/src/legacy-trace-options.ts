import type { AnyFunction, TraceOptions } from '@honeyhive/instrumentation';
import { isSpanEventType } from '@honeyhive/utils';
import type { TraceFunctionOptions } from './legacy-types';

function functionName(fn: unknown): string {
  try {
    const name = (fn as { name?: unknown; hh_name?: unknown }).name || (fn as { hh_name?: unknown }).hh_name;
    return typeof name === 'string' ? name : '';
  } catch {
    return '';
  }
}

/**
 * The `trace()` options for an npm `honeyhive` 1.x `traceFunction(options)(fn)` call: `eventType` matched in
 * any case (others dropped, so the type is detected), and 1.x's event name fallback for an anonymous function
 * (`'<eventType> event'`, else `'event'`). The caller's object is not changed.
 */
export function toTraceOptions(options: TraceFunctionOptions | undefined, fn: AnyFunction): TraceOptions {
  const given: TraceFunctionOptions = options !== null && typeof options === 'object' ? { ...options } : {};
  const eventType = typeof given.eventType === 'string' ? given.eventType.toLowerCase() : undefined;
  const out: TraceOptions = { ...given, eventType: isSpanEventType(eventType) ? eventType : undefined };
  if (out.eventType === undefined) delete out.eventType;
  const hasName = typeof out.eventName === 'string' && out.eventName !== '';
  if (!hasName && functionName(fn) === '') out.eventName = out.eventType === undefined ? 'event' : `${out.eventType} event`;
  return out;
}

/**
 * The `trace()` options of `@tracer.trace(options)` on a method: `eventType` matched in any case (others dropped,
 * so the type is detected); the event name defaults to the method's name. The caller's object is not changed.
 */
export function methodTraceOptions(options: TraceFunctionOptions | undefined): TraceOptions {
  const given: TraceFunctionOptions = options !== null && typeof options === 'object' ? { ...options } : {};
  const eventType = typeof given.eventType === 'string' ? given.eventType.toLowerCase() : undefined;
  const out: TraceOptions = { ...given, eventType: isSpanEventType(eventType) ? eventType : undefined };
  if (out.eventType === undefined) delete out.eventType;
  return out;
}
