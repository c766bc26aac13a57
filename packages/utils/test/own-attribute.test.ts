import type { AttributeValue } from '@opentelemetry/api';
import { setOwnAttribute } from '../src';

/** A span with an SDK-like attribute map whose setAttribute refuses new keys past `limit`, as the SDK does. */
function limitedSpan(limit: number, attributes: Record<string, AttributeValue> = {}, recording = true) {
  let dropped = 0;
  const span = {
    attributes,
    isRecording: () => recording,
    setAttribute(key: string, value: AttributeValue) {
      if (!recording) return span;
      if (!(key in span.attributes) && Object.keys(span.attributes).length >= limit) dropped++;
      else span.attributes[key] = value;
      return span;
    },
    dropped: () => dropped,
  };
  return span;
}

describe('setOwnAttribute', () => {
  it('sets the key on a span already at its attribute limit, without counting a drop', () => {
    const span = limitedSpan(2, { a: 1, b: 2 });
    setOwnAttribute(span, 'honeyhive.session_id', 'sid');
    expect(span.attributes).toEqual({ a: 1, b: 2, 'honeyhive.session_id': 'sid' });
    expect(span.dropped()).toBe(0);
  });

  it('overwrites a value the span already has', () => {
    const span = limitedSpan(10, { honeyhive_event_type: 'tool' });
    setOwnAttribute(span, 'honeyhive_event_type', 'model');
    expect(span.attributes.honeyhive_event_type).toBe('model');
  });

  it('leaves a span that is not recording alone', () => {
    const span = limitedSpan(10, {}, false);
    setOwnAttribute(span, 'honeyhive_duration_ms', 5);
    expect(span.attributes).toEqual({});
  });

  it('goes through setAttribute when the span has no writable attribute map', () => {
    const calls: Array<[string, AttributeValue]> = [];
    const apiOnly = { setAttribute: (key: string, value: AttributeValue) => calls.push([key, value]) };
    setOwnAttribute(apiOnly, 'k', 'v');
    const frozen = { attributes: Object.freeze({}), setAttribute: (key: string, value: AttributeValue) => calls.push([key, value]) };
    setOwnAttribute(frozen, 'k2', 'v2');
    expect(calls).toEqual([['k', 'v'], ['k2', 'v2']]);
  });
});
