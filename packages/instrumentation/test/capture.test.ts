import { ATTR, OUTPUT_RESULT_KEY } from '@honeyhive/utils';
import { trace, traceChain, traceModel, traceTool } from '../src';
import { attributesUnder, setupTracing } from './support/tracing';
import type { TestTracing } from './support/tracing';

let tracing: TestTracing;

beforeAll(() => {
  tracing = setupTracing();
});
afterEach(() => tracing.reset());
afterAll(() => tracing.shutdown());

function onlySpan() {
  const spans = tracing.spans();
  expect(spans).toHaveLength(1);
  return spans[0]!;
}

describe('input capture', () => {
  it('records arguments as honeyhive_inputs.<param> by default, nested values flattened', () => {
    const traced = trace(function ask(question: string, options: { temperature: number; tags: string[] }) {
      return question.length + options.tags.length;
    }, { tracer: tracing.tracer });
    traced('why?', { temperature: 0.5, tags: ['a', 'b'] });
    expect(attributesUnder(onlySpan(), 'honeyhive_inputs')).toEqual({
      'honeyhive_inputs.question': 'why?',
      'honeyhive_inputs.options.temperature': 0.5,
      'honeyhive_inputs.options.tags.0': 'a',
      'honeyhive_inputs.options.tags.1': 'b',
    });
  });

  it('records the npm 1.x shape behind legacyInputShape', () => {
    trace(function legacy(city: string, days: number) {
      return `${city}${days}`;
    }, { tracer: tracing.tracer, legacyInputShape: true })('Oslo', 3);
    expect(attributesUnder(onlySpan(), 'honeyhive_inputs')).toEqual({
      'honeyhive_inputs._params_.city': 'Oslo',
      'honeyhive_inputs._params_.days': 3,
    });
  });

  it('collects rest arguments as one array and extra arguments as arg<i>', () => {
    const withRest = trace(function withRest(first: number, ...others: number[]) {
      return first + others.length;
    }, { tracer: tracing.tracer });
    withRest(1, 2, 3);
    expect(attributesUnder(onlySpan(), 'honeyhive_inputs')).toEqual({
      'honeyhive_inputs.first': 1,
      'honeyhive_inputs.others.0': 2,
      'honeyhive_inputs.others.1': 3,
    });
    tracing.reset();
    const fewer = trace(function fewer(only: string) {
      return only;
    }, { tracer: tracing.tracer }) as (...args: unknown[]) => string;
    fewer('a', 'b', { c: 1 });
    expect(attributesUnder(onlySpan(), 'honeyhive_inputs')).toEqual({
      'honeyhive_inputs.only': 'a',
      'honeyhive_inputs.arg1': 'b',
      'honeyhive_inputs.arg2.c': 1,
    });
  });

  it('never lets keys collide', () => {
    const fn = new Function('return function (arg1, { x }) { return arg1; }')() as (...args: unknown[]) => unknown;
    trace(fn, { tracer: tracing.tracer, eventName: 'colliding' })('named', { x: 1 }, 'extra');
    const inputs = attributesUnder(onlySpan(), 'honeyhive_inputs');
    expect(inputs['honeyhive_inputs.arg1']).toBe('named');
    expect(Object.values(inputs).sort()).toEqual([1, 'extra', 'named'].sort());
    expect(Object.keys(inputs)).toHaveLength(3);
  });

  it('uses positional keys for destructured and native/bound functions', () => {
    trace(({ a }: { a: number }, [b]: number[]) => a + (b ?? 0), { tracer: tracing.tracer, eventName: 'destructured' })(
      { a: 1 },
      [2],
    );
    expect(attributesUnder(onlySpan(), 'honeyhive_inputs')).toEqual({
      'honeyhive_inputs.arg0.a': 1,
      'honeyhive_inputs.arg1.0': 2,
    });
    tracing.reset();
    trace(Math.max, { tracer: tracing.tracer })(4, 9);
    expect(attributesUnder(onlySpan(), 'honeyhive_inputs')).toEqual({
      'honeyhive_inputs.arg0': 4,
      'honeyhive_inputs.arg1': 9,
    });
    tracing.reset();
    const bound = function scaled(this: { k: number }, x: number) {
      return x * this.k;
    }.bind({ k: 2 });
    expect(trace(bound, { tracer: tracing.tracer })(5)).toBe(10);
    expect(attributesUnder(onlySpan(), 'honeyhive_inputs')).toEqual({ 'honeyhive_inputs.arg0': 5 });
  });

  it('uses positional keys for minified code', () => {
    const minified = new Function('return function(n,r){return n*r}')() as (a: number, b: number) => number;
    expect(trace(minified, { tracer: tracing.tracer, eventName: 'min' })(6, 7)).toBe(42);
    expect(attributesUnder(onlySpan(), 'honeyhive_inputs')).toEqual({
      'honeyhive_inputs.arg0': 6,
      'honeyhive_inputs.arg1': 7,
    });
  });

  it('prefers paramNames, and mapArgs over both', () => {
    const fn = (...args: unknown[]) => args.length;
    trace(fn, { tracer: tracing.tracer, eventName: 'named', paramNames: ['prompt', 'model'] })('hi', 'gpt', true);
    expect(attributesUnder(onlySpan(), 'honeyhive_inputs')).toEqual({
      'honeyhive_inputs.prompt': 'hi',
      'honeyhive_inputs.model': 'gpt',
      'honeyhive_inputs.arg2': true,
    });
    tracing.reset();
    const received: unknown[][] = [];
    const args = ['hi', { model: 'gpt' }];
    const mappedCall = trace(fn, {
      tracer: tracing.tracer,
      eventName: 'mapped',
      paramNames: ['ignored'],
      mapArgs: (given) => {
        received.push(given);
        given.length = 0;
        return { text: 'mapped text', n: 2 };
      },
    });
    expect(mappedCall(...args)).toBe(2);
    expect(attributesUnder(onlySpan(), 'honeyhive_inputs')).toEqual({
      'honeyhive_inputs.text': 'mapped text',
      'honeyhive_inputs.n': 2,
    });
    expect(received).toHaveLength(1);
  });

  it('falls back to named arguments when mapArgs throws or returns a non-object', () => {
    function fallback(value: number) {
      return value;
    }
    expect(
      trace(fallback, {
        tracer: tracing.tracer,
        mapArgs: () => {
          throw new Error('bad mapper');
        },
      })(3),
    ).toBe(3);
    expect(attributesUnder(onlySpan(), 'honeyhive_inputs')).toEqual({ 'honeyhive_inputs.value': 3 });
  });

  it('does not change the arguments the function receives', () => {
    const input = { nested: { list: [1, 2] } };
    const snapshot = JSON.stringify(input);
    let received: unknown;
    trace(function receive(arg: unknown) {
      received = arg;
    }, { tracer: tracing.tracer, mask: () => 'masked' })(input);
    expect(received).toBe(input);
    expect(JSON.stringify(input)).toBe(snapshot);
  });
});

describe('masking', () => {
  it('applies mask to each input and to the output before flattening, and to every value below them', () => {
    const seen: string[] = [];
    const mask = (key: string, value: unknown) => {
      seen.push(key);
      if (key === 'email') return '***';
      if (key === 'result') return { ...(value as object), ssn: '[redacted]' };
      return value;
    };
    const result = { name: 'Ann', ssn: '123-45' };
    const traced = trace(function lookup(user: string, email: string) {
      return user && email ? result : undefined;
    }, { tracer: tracing.tracer, mask });
    expect(traced('ann', 'ann@example.com')).toBe(result);
    expect(result.ssn).toBe('123-45');
    const span = onlySpan();
    expect(span.attributes['honeyhive_inputs.email']).toBe('***');
    expect(span.attributes['honeyhive_inputs.user']).toBe('ann');
    expect(span.attributes[`${OUTPUT_RESULT_KEY}.ssn`]).toBe('[redacted]');
    expect(span.attributes[`${OUTPUT_RESULT_KEY}.name`]).toBe('Ann');
    expect(seen).toEqual(['user', 'email', 'result', 'name', 'ssn']);
    expect(JSON.stringify(span.attributes)).not.toContain('ann@example.com');
  });

  it('applies mask at every depth, with the key and the full attribute path', () => {
    const calls: Array<[string, string | undefined]> = [];
    const mask = (key: string, value: unknown, path?: string) => {
      calls.push([key, path]);
      return key === 'email' ? '***' : value;
    };
    const traced = trace(function signup(form: unknown) {
      return form === undefined ? undefined : { users: [{ email: 'b@example.com' }] };
    }, { tracer: tracing.tracer, mask });
    traced({ profile: { email: 'a@example.com', name: 'A' } });
    const span = onlySpan();
    expect(span.attributes['honeyhive_inputs.form.profile.email']).toBe('***');
    expect(span.attributes['honeyhive_inputs.form.profile.name']).toBe('A');
    expect(span.attributes[`${OUTPUT_RESULT_KEY}.users.0.email`]).toBe('***');
    expect(calls).toContainEqual(['email', 'honeyhive_inputs.form.profile.email']);
    expect(calls).toContainEqual(['0', `${OUTPUT_RESULT_KEY}.users.0`]);
    expect(JSON.stringify(span.attributes)).not.toContain('@example.com');
  });

  it('records nothing for a value whose mask throws, and the call still succeeds', () => {
    const traced = trace(function secret(token: string, other: number) {
      return token.length + other;
    }, {
      tracer: tracing.tracer,
      mask: (key, value) => {
        if (key === 'token') throw new Error('mask bug');
        return value;
      },
    });
    expect(traced('sk-123', 1)).toBe(7);
    const span = onlySpan();
    expect(JSON.stringify(span.attributes)).not.toContain('sk-123');
    expect(span.attributes['honeyhive_inputs.other']).toBe(1);
    expect(span.attributes[OUTPUT_RESULT_KEY]).toBe(7);
  });

  it('uses the tracer mask when the call gives none; the call mask wins', () => {
    const tracer = tracing.tracerWith({ mask: () => 'tracer-masked' });
    trace(function a(x: string) {
      return x;
    }, { tracer })('raw');
    trace(function b(x: string) {
      return x;
    }, { tracer, mask: () => 'call-masked' })('raw');
    expect(tracing.span('a').attributes['honeyhive_inputs.x']).toBe('tracer-masked');
    expect(tracing.span('b').attributes['honeyhive_inputs.x']).toBe('call-masked');
  });
});

describe('capture switches', () => {
  function echo(value: unknown) {
    return value;
  }

  it('turns input and output capture off per call', () => {
    trace(echo, { tracer: tracing.tracer, captureInputs: false })('in');
    let span = onlySpan();
    expect(attributesUnder(span, 'honeyhive_inputs')).toEqual({});
    expect(span.attributes[OUTPUT_RESULT_KEY]).toBe('in');
    tracing.reset();
    trace(echo, { tracer: tracing.tracer, captureOutputs: false })('in');
    span = onlySpan();
    expect(attributesUnder(span, 'honeyhive_outputs')).toEqual({});
    expect(span.attributes['honeyhive_inputs.value']).toBe('in');
  });

  it('turns capture off per tracer, and a call option overrides the tracer', () => {
    const quiet = tracing.tracerWith({ captureInputs: false, captureOutputs: false });
    trace(echo, { tracer: quiet, eventName: 'quiet' })('x');
    trace(echo, { tracer: quiet, eventName: 'loud', captureInputs: true, captureOutputs: true })('y');
    const quietSpan = tracing.span('quiet');
    expect(Object.keys(quietSpan.attributes).filter((k) => /^honeyhive_(in|out)puts/.test(k))).toEqual([]);
    const loudSpan = tracing.span('loud');
    expect(loudSpan.attributes['honeyhive_inputs.value']).toBe('y');
    expect(loudSpan.attributes[OUTPUT_RESULT_KEY]).toBe('y');
  });

  it('uses the legacy shape and attribute limit from the tracer', () => {
    const tracer = tracing.tracerWith({ legacyInputShape: true, maxAttributes: 2 });
    trace(echo, { tracer })({ a: 1, b: 2, c: 3 });
    const inputs = attributesUnder(onlySpan(), 'honeyhive_inputs');
    expect(Object.keys(inputs)).toEqual(['honeyhive_inputs._params_.value.a', 'honeyhive_inputs._params_.value.b']);
  });
});

describe('outputs and static attributes', () => {
  it('flattens the return value under honeyhive_outputs.result', () => {
    const output = { choices: [{ text: 'hi', score: 0.9 }], meta: null, when: new Date(0) };
    trace(() => output, { tracer: tracing.tracer, eventName: 'out' })();
    expect(attributesUnder(onlySpan(), 'honeyhive_outputs')).toEqual({
      'honeyhive_outputs.result.choices.0.text': 'hi',
      'honeyhive_outputs.result.choices.0.score': 0.9,
      'honeyhive_outputs.result.when': '1970-01-01T00:00:00.000Z',
    });
  });

  it('records a primitive result under honeyhive_outputs.result itself and nothing for undefined', () => {
    trace(() => 'text', { tracer: tracing.tracer, eventName: 'primitive' })();
    trace(() => undefined, { tracer: tracing.tracer, eventName: 'nothing' })();
    expect(tracing.span('primitive').attributes[OUTPUT_RESULT_KEY]).toBe('text');
    expect(attributesUnder(tracing.span('nothing'), 'honeyhive_outputs')).toEqual({});
  });

  it('sets event type, name and the flattened option groups', () => {
    trace(() => 1, {
      tracer: tracing.tracer,
      eventType: 'model',
      eventName: 'llm-call',
      config: { model: 'gpt-4o', params: { temperature: 0 } },
      metadata: { team: 'search' },
      metrics: { cost: 0.01 },
      feedback: { liked: true },
      userProperties: { plan: 'pro' },
      attributes: { 'gen_ai.system': 'openai', extra: { deep: 1 } },
    })();
    const span = onlySpan();
    expect(span.attributes).toMatchObject({
      [ATTR.EVENT_TYPE]: 'model',
      [ATTR.EVENT_NAME]: 'llm-call',
      'honeyhive_config.model': 'gpt-4o',
      'honeyhive_config.params.temperature': 0,
      'honeyhive_metadata.team': 'search',
      'honeyhive_metrics.cost': 0.01,
      'honeyhive_feedback.liked': true,
      'honeyhive_user_properties.plan': 'pro',
      'gen_ai.system': 'openai',
      'extra.deep': 1,
    });
  });

  it('sets no event type unless one is given (the span processor detects it), and ignores invalid ones', () => {
    trace(() => 1, { tracer: tracing.tracer, eventName: 'untyped' })();
    trace(() => 1, { tracer: tracing.tracer, eventName: 'invalid', eventType: 'session' as never })();
    expect(tracing.span('untyped').attributes[ATTR.EVENT_TYPE]).toBeUndefined();
    expect(tracing.span('invalid').attributes[ATTR.EVENT_TYPE]).toBeUndefined();
  });

  it('traceModel/traceTool/traceChain fix the event type', () => {
    traceModel(function m() {}, { tracer: tracing.tracer })();
    traceTool(function t() {}, { tracer: tracing.tracer, eventType: 'chain' })();
    traceChain(function c() {}, { tracer: tracing.tracer })();
    expect(tracing.span('m').attributes[ATTR.EVENT_TYPE]).toBe('model');
    expect(tracing.span('t').attributes[ATTR.EVENT_TYPE]).toBe('tool');
    expect(tracing.span('c').attributes[ATTR.EVENT_TYPE]).toBe('chain');
  });

  it('reads the option groups at call time', () => {
    const metadata: Record<string, unknown> = { version: 1 };
    const traced = trace(function versioned() {}, { tracer: tracing.tracer, metadata });
    traced();
    metadata.version = 2;
    traced();
    expect(tracing.spans().map((span) => span.attributes['honeyhive_metadata.version'])).toEqual([1, 2]);
  });
});

describe("the tracer's own keys on a span full of captured values", () => {
  // the provider here keeps OpenTelemetry's default limit of 128 attributes per span
  const wide = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i]));

  it('keeps honeyhive_error, honeyhive_error_type and honeyhive_duration_ms when the inputs fill the span', () => {
    const failing = trace((input: Record<string, number>) => {
      throw new TypeError(`bad input of ${Object.keys(input).length} keys`);
    }, { tracer: tracing.tracer, eventName: 'crowded' });
    expect(() => failing(wide)).toThrow(TypeError);
    const span = onlySpan();
    expect(span.droppedAttributesCount).toBeGreaterThan(0); // the captured inputs were cut
    expect(span.attributes[ATTR.ERROR]).toBe('bad input of 300 keys');
    expect(span.attributes[ATTR.ERROR_TYPE]).toBe('TypeError');
    expect(typeof span.attributes[ATTR.DURATION_MS]).toBe('number');
  });

  it('keeps honeyhive_duration_ms when the output fills the span', () => {
    trace(() => wide, { tracer: tracing.tracer, eventName: 'crowded-out' })();
    const span = onlySpan();
    expect(span.droppedAttributesCount).toBeGreaterThan(0);
    expect(typeof span.attributes[ATTR.DURATION_MS]).toBe('number');
  });
});
