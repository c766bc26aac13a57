import { EVENT_TYPES, SPAN_EVENT_TYPES, detectEventType, isEventType, isSpanEventType } from '../src/event-types';

describe('event type guards', () => {
  it('lists the four event types and accepts exactly those', () => {
    expect([...EVENT_TYPES].sort()).toEqual(['chain', 'model', 'session', 'tool']);
    for (const type of EVENT_TYPES) expect(isEventType(type)).toBe(true);
    for (const bad of ['Model', 'llm', '', null, undefined, 1, {}]) expect(isEventType(bad)).toBe(false);
  });

  it('span event types exclude session', () => {
    expect([...SPAN_EVENT_TYPES].sort()).toEqual(['chain', 'model', 'tool']);
    expect(isSpanEventType('session')).toBe(false);
    expect(isSpanEventType('chain')).toBe(true);
  });
});

describe('detectEventType rules', () => {
  it('1: uses a valid explicit argument', () => {
    expect(detectEventType({}, 'chain')).toBe('chain');
    expect(detectEventType({}, 'model')).toBe('model');
    expect(detectEventType({ 'gen_ai.operation.name': 'chat' }, 'tool')).toBe('tool');
  });

  it('1: reads the honeyhive_event_type attribute when no explicit argument is given', () => {
    expect(detectEventType({ honeyhive_event_type: 'chain' })).toBe('chain');
    expect(detectEventType({ honeyhive_event_type: 'model', 'traceloop.span.kind': 'tool' })).toBe('model');
  });

  it('1: the explicit argument wins over the attribute', () => {
    expect(detectEventType({ honeyhive_event_type: 'chain' }, 'model')).toBe('model');
  });

  it('1: ignores invalid explicit types (session, unknown words, non-strings) and goes on', () => {
    expect(detectEventType({ 'gen_ai.operation.name': 'chat' }, 'session')).toBe('model');
    expect(detectEventType({ 'gen_ai.operation.name': 'chat' }, 'banana')).toBe('model');
    expect(detectEventType({ 'gen_ai.operation.name': 'chat' }, 42)).toBe('model');
    expect(detectEventType({ honeyhive_event_type: 'session', 'traceloop.span.kind': 'workflow' })).toBe('chain');
    expect(detectEventType({ honeyhive_event_type: 7, 'traceloop.span.kind': 'workflow' })).toBe('chain');
  });

  it.each([
    ['chat', 'model'],
    ['text_completion', 'model'],
    ['generate_content', 'model'],
    ['invoke_agent', 'chain'],
    ['create_agent', 'chain'],
    ['execute_tool', 'tool'],
  ])('2: gen_ai.operation.name %s → %s', (operation, expected) => {
    expect(detectEventType({ 'gen_ai.operation.name': operation })).toBe(expected);
  });

  it.each([
    ['LLM', 'model'],
    ['CHAIN', 'chain'],
    ['AGENT', 'chain'],
    ['TOOL', 'tool'],
    ['RETRIEVER', 'tool'],
    ['EMBEDDING', 'tool'],
    ['RERANKER', 'tool'],
    ['GUARDRAIL', 'tool'],
    ['llm', 'model'],
    ['Agent', 'chain'],
  ])('3: openinference.span.kind %s → %s', (kind, expected) => {
    expect(detectEventType({ 'openinference.span.kind': kind })).toBe(expected);
  });

  it.each([
    ['workflow', 'chain'],
    ['task', 'chain'],
    ['agent', 'chain'],
    ['tool', 'tool'],
  ])('4: traceloop.span.kind %s → %s', (kind, expected) => {
    expect(detectEventType({ 'traceloop.span.kind': kind })).toBe(expected);
  });

  it.each(['gen_ai.request.model', 'gen_ai.response.model', 'llm.model_name', 'llm.request.model'])(
    '5: the model attribute %s → model',
    (key) => {
      expect(detectEventType({ [key]: 'gpt-4o' })).toBe('model');
    },
  );

  it('6: defaults to tool, and never guesses from anything else', () => {
    expect(detectEventType({})).toBe('tool');
    expect(detectEventType({ 'span.name': 'openai.chat', name: 'chat completion' })).toBe('tool');
    expect(detectEventType({ 'gen_ai.operation.name': 'unknown_op' })).toBe('tool');
    expect(detectEventType({ 'openinference.span.kind': 'UNKNOWN' })).toBe('tool');
  });
});

describe('detectEventType ordering (first match wins)', () => {
  it('gen_ai.operation.name beats openinference and traceloop kinds and model attributes', () => {
    const attributes = {
      'gen_ai.operation.name': 'execute_tool',
      'openinference.span.kind': 'LLM',
      'traceloop.span.kind': 'workflow',
      'gen_ai.request.model': 'gpt-4o',
    };
    expect(detectEventType(attributes)).toBe('tool');
  });

  it('openinference kind beats traceloop kind and model attributes', () => {
    expect(
      detectEventType({ 'openinference.span.kind': 'CHAIN', 'traceloop.span.kind': 'tool', 'llm.model_name': 'x' }),
    ).toBe('chain');
  });

  it('traceloop kind beats model attributes', () => {
    expect(detectEventType({ 'traceloop.span.kind': 'task', 'gen_ai.request.model': 'gpt-4o' })).toBe('chain');
  });

  it('an unrecognised value at one rule falls through to the next', () => {
    expect(detectEventType({ 'gen_ai.operation.name': 'embeddings', 'openinference.span.kind': 'AGENT' })).toBe('chain');
    expect(detectEventType({ 'openinference.span.kind': 'EVALUATOR', 'llm.request.model': 'm' })).toBe('model');
  });
});

describe('detectEventType never throws', () => {
  it('handles null, non-objects and hostile objects', () => {
    expect(detectEventType(null as never)).toBe('tool');
    expect(detectEventType('x' as never, 'chain')).toBe('chain');
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
      },
    );
    expect(detectEventType(hostile)).toBe('tool');
    expect(detectEventType(hostile, 'model')).toBe('model');
  });
});
