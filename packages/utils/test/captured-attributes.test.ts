import { enrichmentAttributes, outputAttributes } from '../src';

describe('enrichmentAttributes', () => {
  it('masks each top-level key of inputs and outputs, never the other groups', () => {
    const mask = (key: string, value: unknown) => (key === 'email' ? '***' : value);
    const attributes = enrichmentAttributes(
      { inputs: { email: 'a@b.c', q: 'hi' }, outputs: { email: 'x@y.z' }, metadata: { email: 'kept' } },
      { mask },
    );
    expect(attributes).toEqual({
      'honeyhive_inputs.email': '***',
      'honeyhive_inputs.q': 'hi',
      'honeyhive_outputs.email': '***',
      'honeyhive_metadata.email': 'kept',
    });
  });

  it('drops a value whose mask throws instead of recording it raw', () => {
    const attributes = enrichmentAttributes({ inputs: { email: 'a@b.c', ok: 1 } }, {
      mask: (key, value) => {
        if (key === 'email') throw new Error('mask failed');
        return value;
      },
    });
    expect(attributes).toEqual({ 'honeyhive_inputs.ok': 1 });
  });

  it('sets only valid event types, and HoneyHive fields win over extra attributes on a clash', () => {
    expect(enrichmentAttributes({ eventType: 'banana' })).toEqual({});
    expect(
      enrichmentAttributes({ eventType: 'tool', metadata: { a: 1 }, attributes: { 'honeyhive_metadata.a': 'extra', 'other.key': { nested: true } } }),
    ).toEqual({ honeyhive_event_type: 'tool', 'honeyhive_metadata.a': 1, 'other.key.nested': true });
  });

  it('shares one budget of maxAttributes keys across the groups, in group order', () => {
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i]));
    const attributes = enrichmentAttributes({ eventType: 'tool', config: { a: 1, b: 2 }, metadata: many, metrics: many }, { maxAttributes: 5 });
    expect(Object.keys(attributes).filter((k) => k.startsWith('honeyhive_config.'))).toHaveLength(2);
    expect(Object.keys(attributes).filter((k) => k.startsWith('honeyhive_metadata.'))).toHaveLength(3);
    expect(Object.keys(attributes).filter((k) => k.startsWith('honeyhive_metrics.'))).toHaveLength(0);
    expect(attributes['honeyhive_event_type']).toBe('tool');
  });

  it('records an error-like value from another realm with its type', () => {
    const foreign = Object.assign(Object.create(null), { message: 'boom' });
    Object.defineProperty(foreign, Symbol.toStringTag, { value: 'Error' });
    expect(enrichmentAttributes({ error: new TypeError('bad') })).toEqual({ honeyhive_error: 'bad', honeyhive_error_type: 'TypeError' });
    expect(enrichmentAttributes({ error: foreign }).honeyhive_error_type).toBeDefined();
  });

  it('outputAttributes puts a return value under honeyhive_outputs.result, masked with the key "result"', () => {
    expect(outputAttributes({ text: 'x' }, undefined, 10)).toEqual({ 'honeyhive_outputs.result.text': 'x' });
    expect(outputAttributes('secret', (key) => (key === 'result' ? '[masked]' : undefined), 10)).toEqual({ 'honeyhive_outputs.result': '[masked]' });
  });
});
