import { trace } from '@opentelemetry/api';
import { applyEnrichment, enrichmentAttributes } from '../src';
import { createEventBody, eventUpdateBody, sessionStartBody } from '../src/event-payloads';

describe('enrichmentAttributes', () => {
  it('flattens each group under its docs/wire-contract.md prefix and skips nulls', () => {
    const fields = {
      inputs: { messages: [{ role: 'user', content: 'hi' }] },
      outputs: { text: 'hello', extra: null },
      metadata: { tags: ['a', 'b'] },
      metrics: { score: 1 },
      userProperties: { id: 'u1' },
      eventName: 'Greeting',
      eventType: 'model',
      attributes: { 'custom.key': 'v' },
    };
    const copy = structuredClone(fields);
    expect(enrichmentAttributes(fields)).toEqual({
      'honeyhive_inputs.messages.0.role': 'user',
      'honeyhive_inputs.messages.0.content': 'hi',
      'honeyhive_outputs.text': 'hello',
      'honeyhive_metadata.tags.0': 'a',
      'honeyhive_metadata.tags.1': 'b',
      'honeyhive_metrics.score': 1,
      'honeyhive_user_properties.id': 'u1',
      honeyhive_event_name: 'Greeting',
      honeyhive_event_type: 'model',
      'custom.key': 'v',
    });
    expect(fields).toEqual(copy);
  });

  it('records a non-object group as <prefix>.value and an Error as honeyhive_error', () => {
    expect(enrichmentAttributes({ outputs: 'plain', feedback: 5, error: new RangeError('too far') })).toEqual({
      'honeyhive_outputs.value': 'plain',
      'honeyhive_feedback.value': 5,
      honeyhive_error: 'too far',
      honeyhive_error_type: 'RangeError',
    });
  });

  it('respects the attribute limit per group and never throws on hostile input', () => {
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    expect(Object.keys(enrichmentAttributes({ metadata: many }, { maxAttributes: 10 }))).toHaveLength(10);
    const hostile = { get metadata(): unknown { throw new Error('boom'); } };
    expect(() => enrichmentAttributes(hostile)).not.toThrow();
    expect(enrichmentAttributes(undefined)).toEqual({});
  });

  it('applyEnrichment is safe without a recording span', () => {
    expect(applyEnrichment(undefined, { metadata: { a: 1 } })).toBe(false);
    expect(applyEnrichment(trace.wrapSpanContext({ traceId: '0'.repeat(32), spanId: '0'.repeat(16), traceFlags: 0 }), { metadata: { a: 1 } })).toBe(false);
  });
});

describe('wire payloads', () => {
  it('event updates follow the docs/wire-contract.md rules', () => {
    expect(eventUpdateBody({ outputs: ['x'], inputs: { q: 1 }, metadata: { m: 1 }, userProperties: { u: 1 }, error: 'e' })).toEqual({
      outputs: { value: ['x'] },
      metadata: { m: 1, inputs: { q: 1 } },
      user_properties: { u: 1 },
      error: 'e',
    });
  });

  it('session and event bodies use snake_case and leave out what is not set', () => {
    expect(sessionStartBody({ sessionId: 's', startTime: 5 })).toEqual({ session_id: 's', start_time: 5 });
    expect(createEventBody({ eventId: 'e', sessionId: 's', eventName: 'n', inputs: 'q', durationMs: 2 })).toEqual({
      event_id: 'e',
      session_id: 's',
      event_type: 'tool',
      event_name: 'n',
      inputs: { value: 'q' },
      duration: 2,
    });
  });
});
