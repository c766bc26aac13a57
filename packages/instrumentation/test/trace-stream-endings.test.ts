import { ATTR, OUTPUT_RESULT_KEY } from '@honeyhive/utils';
import { SpanStatusCode } from '@opentelemetry/api';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ReadableStream, TextDecoderStream, WritableStream } from 'node:stream/web';
import { trace } from '../src';
import { collectUntil } from './support/gc';
import { setupTracing } from './support/tracing';
import type { TestTracing } from './support/tracing';

// Every stream a traced function returns ends its span, however it is consumed, and is handed back as
// the very object; one nobody consumes ends as abandoned once it is garbage-collected.

let tracing: TestTracing;

beforeAll(() => {
  tracing = setupTracing();
});
afterEach(() => tracing.reset());
afterAll(() => tracing.shutdown());

const encoder = new TextEncoder();

function textStream(parts: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(encoder.encode(part));
      controller.close();
    },
  });
}

/** A traced function returning `stream`, called: the returned stream (asserted to be `stream` itself). */
function tracedReturn<S extends object>(name: string, stream: S): S {
  const returned = trace(() => stream, { tracer: tracing.tracer, eventName: name })();
  expect(returned).toBe(stream);
  return returned;
}

function spanNamed(name: string) {
  return tracing.spans().find((span) => span.name === name);
}

async function waitForSpan(name: string) {
  const deadline = Date.now() + 20_000;
  while (spanNamed(name) === undefined) {
    if (Date.now() > deadline) throw new Error(`span '${name}' never ended`);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return spanNamed(name)!;
}

describe('web ReadableStream', () => {
  it('getReader(): ends when read to the end, not before', async () => {
    const stream = tracedReturn('viaReader', textStream(['a', 'b']));
    const reader = stream.getReader();
    await reader.read();
    expect(spanNamed('viaReader')).toBeUndefined();
    while (!(await reader.read()).done);
    const span = await waitForSpan('viaReader');
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes[ATTR.ABANDONED]).toBeUndefined();
  });

  it('pipeTo(): ends when the pipe completes', async () => {
    const stream = tracedReturn('viaPipeTo', textStream(['a']));
    const received: Uint8Array[] = [];
    await stream.pipeTo(new WritableStream({ write: (chunk) => void received.push(chunk) }));
    expect(received).toHaveLength(1);
    await waitForSpan('viaPipeTo');
  });

  it('pipeThrough(): follows the output, whose text becomes the output', async () => {
    const stream = tracedReturn('viaPipeThrough', textStream(['hel', 'lo']));
    let text = '';
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) text += chunk;
    expect(text).toBe('hello');
    const span = await waitForSpan('viaPipeThrough');
    expect(span.attributes[OUTPUT_RESULT_KEY]).toBe('hello');
  });

  it('new Response(stream): ends when the response body has been read', async () => {
    const stream = tracedReturn('viaResponse', textStream(['x', 'y']));
    await expect(new Response(stream as unknown as ConstructorParameters<typeof Response>[0]).text()).resolves.toBe('xy');
    await waitForSpan('viaResponse');
  });

  it('for await: ends when iterated to the end', async () => {
    const stream = tracedReturn('viaIteration', textStream(['1', '2']));
    let count = 0;
    for await (const chunk of stream) count += chunk.length;
    expect(count).toBe(2);
    await waitForSpan('viaIteration');
  });

  it('Readable.fromWeb(): ends when the Node stream has been consumed', async () => {
    const stream = tracedReturn('viaFromWeb', textStream(['p', 'q']));
    const chunks: Buffer[] = [];
    await pipeline(Readable.fromWeb(stream), new Writable({ write: (chunk, _enc, done) => (chunks.push(chunk), done()) }));
    expect(Buffer.concat(chunks).toString()).toBe('pq');
    await waitForSpan('viaFromWeb');
  });

  it('cancel(): ends at once', async () => {
    const stream = tracedReturn('viaCancel', new ReadableStream({ pull: () => undefined }));
    await stream.cancel('not needed');
    await waitForSpan('viaCancel');
  });

  it('tee(): ends when both branches have been read', async () => {
    const stream = tracedReturn('viaTee', textStream(['t']));
    const [left, right] = stream.tee();
    await new Response(left as unknown as ConstructorParameters<typeof Response>[0]).text();
    await new Promise((resolve) => setImmediate(resolve));
    expect(spanNamed('viaTee')).toBeUndefined();
    await new Response(right as unknown as ConstructorParameters<typeof Response>[0]).text();
    await waitForSpan('viaTee');
  });

  it('a stream that errors ends its span with the error', async () => {
    const failure = new Error('upstream broke');
    const stream = tracedReturn('viaError', new ReadableStream({ pull: (controller) => controller.error(failure) }));
    await expect(stream.getReader().read()).rejects.toBe(failure);
    const span = await waitForSpan('viaError');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('a stream from an async function is followed the same way', async () => {
    const open = trace(async () => textStream(['z']), { tracer: tracing.tracer, eventName: 'viaPromise' });
    const stream = await open();
    expect(spanNamed('viaPromise')).toBeUndefined();
    await new Response(stream as unknown as ConstructorParameters<typeof Response>[0]).text();
    await waitForSpan('viaPromise');
  });

  it('a stream nobody reads ends as abandoned once collected', async () => {
    (() => {
      trace(() => textStream(['never']), { tracer: tracing.tracer, eventName: 'unreadWeb' })();
    })();
    await collectUntil(() => spanNamed('unreadWeb') !== undefined);
    expect(spanNamed('unreadWeb')!.attributes[ATTR.ABANDONED]).toBe(true);
  });
});

/** An SDK stream object: iterable once, turned into a web stream by its own method (as OpenAI's `Stream` is). */
class SdkStream {
  readonly #parts: string[];

  constructor(parts: string[]) {
    this.#parts = parts;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<string> {
    for (const part of this.#parts) yield part;
  }

  toReadableStream(): ReadableStream<Uint8Array> {
    const iterator = this[Symbol.asyncIterator]();
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      },
      async cancel() {
        await iterator.return?.(undefined);
      },
    });
  }
}

describe('SDK stream objects', () => {
  it('the route-handler pattern new Response((await tracedChat()).toReadableStream()) ends the span', async () => {
    const chat = trace(async function chat() {
      return new SdkStream(['Hel', 'lo']);
    }, { tracer: tracing.tracer });
    const response = new Response((await chat()).toReadableStream() as unknown as ConstructorParameters<typeof Response>[0]);
    await expect(response.text()).resolves.toBe('Hello');
    const span = await waitForSpan('chat');
    expect(span.attributes[OUTPUT_RESULT_KEY]).toBe('Hello');
  });

  it('keeps the object itself (private fields work) and ends the span when the consumer cancels', async () => {
    let made: SdkStream | undefined;
    const chat = trace(function chatCancelled() {
      made = new SdkStream(['a', 'b', 'c']);
      return made;
    }, { tracer: tracing.tracer });
    const stream = chat();
    expect(stream).toBe(made);
    const reader = stream.toReadableStream().getReader();
    await reader.read();
    await reader.cancel();
    const span = await waitForSpan('chatCancelled');
    expect(span.attributes[OUTPUT_RESULT_KEY]).toBe('a');
  });
});

describe('Node Readable', () => {
  it('ends when consumed, not at once, and captures nothing of the stream internals', async () => {
    const readable = tracedReturn('nodeRows', Readable.from([{ row: 1 }, { row: 2 }]));
    expect(spanNamed('nodeRows')).toBeUndefined();
    expect(readable.readableFlowing).toBeNull();
    const rows: unknown[] = [];
    for await (const row of readable) rows.push(row);
    expect(rows).toEqual([{ row: 1 }, { row: 2 }]);
    const span = await waitForSpan('nodeRows');
    expect(Object.keys(span.attributes).filter((key) => key.includes('_readableState'))).toEqual([]);
    expect(Object.keys(span.attributes).filter((key) => key.startsWith('honeyhive_outputs'))).toEqual([]);
  });

  it('ends when piped to the end', async () => {
    const readable = tracedReturn('nodePiped', Readable.from(['a', 'b']));
    await pipeline(readable, new Writable({ objectMode: true, write: (_chunk, _enc, done) => done() }));
    await waitForSpan('nodePiped');
  });

  it('ends with the error when destroyed by one, leaving the error to the listeners the user has', async () => {
    const failure = new Error('disk gone');
    const readable = tracedReturn('nodeFailed', new Readable({ read() {} }));
    const seen: unknown[] = [];
    readable.on('error', (error) => seen.push(error));
    readable.destroy(failure);
    const span = await waitForSpan('nodeFailed');
    expect(seen).toEqual([failure]);
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(readable.listenerCount('error')).toBe(1);
  });

  it('a Readable nobody reads ends as abandoned once collected', async () => {
    (() => {
      trace(() => Readable.from(['never']), { tracer: tracing.tracer, eventName: 'unreadNode' })();
    })();
    await collectUntil(() => spanNamed('unreadNode') !== undefined);
    expect(spanNamed('unreadNode')!.attributes[ATTR.ABANDONED]).toBe(true);
  });
});

describe('generators', () => {
  it('hands back the very generator object', () => {
    let made: Generator<number> | undefined;
    function* numbers() {
      yield 1;
    }
    const gen = trace(function makeNumbers() {
      made = numbers();
      return made;
    }, { tracer: tracing.tracer })();
    expect(gen).toBe(made);
    expect([...gen]).toEqual([1]);
    expect(tracing.span('makeNumbers').attributes[`${OUTPUT_RESULT_KEY}.0`]).toBe(1);
    expect(Object.getOwnPropertyNames(gen)).toEqual([]);
  });

  it('an async generator never consumed ends as abandoned once collected', async () => {
    (() => {
      trace(async function* neverRead() {
        yield 'x';
      }, { tracer: tracing.tracer })();
    })();
    await collectUntil(() => spanNamed('neverRead') !== undefined);
    expect(spanNamed('neverRead')!.attributes[ATTR.ABANDONED]).toBe(true);
  });

  it('an async generator dropped after one next() ends as abandoned with what it yielded', async () => {
    await (async () => {
      const gen = trace(async function* droppedEarly() {
        yield 'first';
        yield 'second';
      }, { tracer: tracing.tracer })();
      await gen.next();
    })();
    await collectUntil(() => spanNamed('droppedEarly') !== undefined);
    const span = spanNamed('droppedEarly')!;
    expect(span.attributes[ATTR.ABANDONED]).toBe(true);
    expect(span.attributes[OUTPUT_RESULT_KEY]).toBe('first');
  });
});
