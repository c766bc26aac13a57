import type { Attributes } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/**
 * A read-only view of an ended span whose `attributes` is `attributes` and everything else is the
 * span's own. The span itself is not touched: once ended, SDK 2.x spans refuse `setAttribute`, and
 * other processors may hold the same object.
 *
 * The view inherits from the span (prototype delegation), so the getters of the SDK's SpanImpl
 * (`duration`, `ended`, `dropped*Count`) and `spanContext()` run with `this` = the view and read the
 * span's private fields through the prototype chain; only `attributes` is shadowed by an own property.
 */
export function withAttributes(span: ReadableSpan, attributes: Attributes): ReadableSpan {
  return Object.create(span, {
    attributes: { value: Object.freeze({ ...attributes }), enumerable: true, writable: false, configurable: false },
  }) as ReadableSpan;
}
