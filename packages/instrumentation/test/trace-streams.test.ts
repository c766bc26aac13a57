import { SpanStatusCode, trace as otelTrace } from '@opentelemetry/api';
import { ATTR, OUTPUT_RESULT_KEY } from '@honeyhive/utils';
import { Readable } from 'node:stream';
import { trace } from '../src';
import { setupTracing } from './support/tracing';
import type { TestTracing } from './support/tracing';

let tracing: TestTracing;

beforeAll(() => {
  tracing = setupTracing();
});
afterEach(() => tracing.reset());
afterAll(() => tracing.shutdown());

describe('generators', () => {
  it('ends the span when a sync generator finishes, yielding the same items', () => {
    const item = { id: 1 };
    let activeInBody: string | undefined;
    function* produce(n: number) {
      activeInBody = otelTrace.getActiveSpan()?.spanContext().spanId;
      yield item;
      for (let i = 2; i <= n; i += 1) yield { id: i };
    }
    const traced = trace(produce, { tracer: tracing.tracer });
    const iterator = traced(3);
    expect(tracing.spans()).toHaveLength(0);
    const first = iterator.next();
    expect(first.value).toBe(item);
    expect(tracing.spans()).toHaveLength(0);
    const rest = [...iterator];
    expect(rest.map((x) => x.id)).toEqual([2, 3]);
    const span = tracing.span('produce');
    expect(activeInBody).toBe(span.spanContext().spanId);
    expect(span.attributes[`${OUTPUT_RESULT_KEY}.0.id`]).toBe(1);
    expect(span.attributes[`${OUTPUT_RESULT_KEY}.2.id`]).toBe(3);
    expect(span.attributes['honeyhive_inputs.n']).toBe(3);
    expect(typeof span.attributes[ATTR.DURATION_MS]).toBe('number');
  });

  it('keeps the generator object shape (instanceof, toString tag)', () => {
    function* letters() {
      yield 'a';
    }
    const gen = trace(letters, { tracer: tracing.tracer })();
    expect(gen).toBeInstanceOf(letters);
    expect(Object.prototype.toString.call(gen)).toBe('[object Generator]');
    expect([...gen]).toEqual(['a']);
  });

  it('ends the span when the consumer breaks early and runs the finally block', () => {
    let cleanedUp = false;
    function* endless() {
      try {
        for (let i = 0; ; i += 1) yield i;
      } finally {
        cleanedUp = true;
      }
    }
    const traced = trace(endless, { tracer: tracing.tracer });
    const seen: number[] = [];
    for (const value of traced()) {
      seen.push(value);
      if (value === 2) break;
    }
    expect(seen).toEqual([0, 1, 2]);
    expect(cleanedUp).toBe(true);
    const span = tracing.span('endless');
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes[`${OUTPUT_RESULT_KEY}.2`]).toBe(2);
  });

  it('records an error thrown inside the generator and rethrows it', () => {
    const error = new RangeError('ran out');
    function* failing() {
      yield 1;
      throw error;
    }
    const iterator = trace(failing, { tracer: tracing.tracer })();
    expect(iterator.next().value).toBe(1);
    expect(() => iterator.next()).toThrow(error);
    const span = tracing.span('failing');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes[ATTR.ERROR_TYPE]).toBe('RangeError');
  });

  it('forwards throw() into the generator', () => {
    function* catcher() {
      try {
        yield 1;
      } catch (e) {
        yield `caught ${(e as Error).message}`;
      }
    }
    const iterator = trace(catcher, { tracer: tracing.tracer })();
    iterator.next();
    expect(iterator.throw(new Error('boom')).value).toBe('caught boom');
    expect(iterator.next().done).toBe(true);
    expect(tracing.span('catcher').status.code).toBe(SpanStatusCode.UNSET);
  });
});

describe('async generators and streams', () => {
  it('ends the span when an async generator finishes; text chunks join into one output', async () => {
    const child = trace(async function child() {
      return 'c';
    }, { tracer: tracing.tracer });
    async function* tokens() {
      yield 'Hel';
      await new Promise((r) => setTimeout(r, 1));
      yield await child();
      yield 'lo';
    }
    const traced = trace(tokens, { tracer: tracing.tracer });
    const received: string[] = [];
    for await (const token of traced()) received.push(token);
    expect(received).toEqual(['Hel', 'c', 'lo']);
    const span = tracing.span('tokens');
    expect(span.attributes[OUTPUT_RESULT_KEY]).toBe('Helclo');
    expect(tracing.span('child').parentSpanContext?.spanId).toBe(span.spanContext().spanId);
  });

  it('ends the span on early break from for await', async () => {
    let finished = false;
    async function* endless() {
      try {
        for (let i = 0; ; i += 1) yield i;
      } finally {
        finished = true;
      }
    }
    for await (const value of trace(endless, { tracer: tracing.tracer })()) {
      if (value === 1) break;
    }
    expect(finished).toBe(true);
    const span = tracing.span('endless');
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes[`${OUTPUT_RESULT_KEY}.1`]).toBe(1);
  });

  it('records an error from an async generator and rejects with the same object', async () => {
    const error = new Error('stream broke');
    async function* broken() {
      yield 1;
      throw error;
    }
    const iterator = trace(broken, { tracer: tracing.tracer })();
    await iterator.next();
    await expect(iterator.next()).rejects.toBe(error);
    const span = tracing.span('broken');
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'stream broke' });
  });

  it('follows an async generator returned from an async function', async () => {
    async function* numbers() {
      yield 1;
      yield 2;
    }
    const traced = trace(async function openStream() {
      await Promise.resolve();
      return numbers();
    }, { tracer: tracing.tracer });
    const stream = await traced();
    expect(tracing.spans()).toHaveLength(0);
    const got: number[] = [];
    for await (const n of stream) got.push(n);
    expect(got).toEqual([1, 2]);
    expect(tracing.span('openStream').attributes[`${OUTPUT_RESULT_KEY}.1`]).toBe(2);
  });

  it('follows an SDK-like stream object (private fields, extra methods) without breaking it', async () => {
    class ChatStream {
      readonly #chunks: string[];
      readonly label = 'chat';
      constructor(chunks: string[]) {
        this.#chunks = chunks;
      }
      size(): number {
        return this.#chunks.length;
      }
      async *[Symbol.asyncIterator]() {
        for (const chunk of this.#chunks) yield chunk;
      }
    }
    const traced = trace(function openChat() {
      return new ChatStream(['a', 'b']);
    }, { tracer: tracing.tracer });
    const stream = traced();
    expect(stream).toBeInstanceOf(ChatStream);
    expect(stream.size()).toBe(2);
    expect(stream.label).toBe('chat');
    expect(tracing.spans()).toHaveLength(0);
    const got: string[] = [];
    for await (const chunk of stream) got.push(chunk);
    expect(got).toEqual(['a', 'b']);
    expect(tracing.span('openChat').attributes[OUTPUT_RESULT_KEY]).toBe('ab');
  });

  it('follows a Node stream without consuming it: the span ends when it has been read', async () => {
    const traced = trace(function openReadable() {
      return Readable.from(['x']);
    }, { tracer: tracing.tracer, captureOutputs: false });
    const readable = traced();
    expect(readable).toBeInstanceOf(Readable);
    expect(tracing.spans()).toHaveLength(0);
    const chunks: unknown[] = [];
    for await (const chunk of readable) chunks.push(chunk);
    expect(chunks).toEqual(['x']);
    const deadline = Date.now() + 20_000;
    while (tracing.spans().length === 0 && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
    expect(tracing.spans().map((span) => span.name)).toEqual(['openReadable']);
  });
});
