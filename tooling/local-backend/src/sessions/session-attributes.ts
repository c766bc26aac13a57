import type { ReceivedSpan } from '../otlp/received-span';

/** The session id a span belongs to (`honeyhive.session_id`, else its traceloop twin), or undefined. */
export function spanSessionId(span: ReceivedSpan): string | undefined {
  const value = span.attributes['honeyhive.session_id'] ?? span.attributes['traceloop.association.properties.session_id'];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A string attribute, or undefined when absent or not a string. */
export function stringAttribute(span: ReceivedSpan, key: string): string | undefined {
  const value = span.attributes[key];
  return typeof value === 'string' ? value : undefined;
}
