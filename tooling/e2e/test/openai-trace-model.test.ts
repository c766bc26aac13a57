import { traceModel } from '@honeyhive/instrumentation';
import { startLocalBackend } from '@honeyhive/local-backend';
import type { LocalBackend, ReceivedSpan } from '@honeyhive/local-backend';
import { HoneyHiveTracer } from '@honeyhive/tracer';
import OpenAI from 'openai';
import { startFakeOpenAIServer } from '../src/fake-openai-server';
import type { FakeOpenAIServer } from '../src/fake-openai-server';
import { waitForSpan } from './support/backend-spans';

// traceModel around the real `openai` client (against the fake OpenAI server): the wrapper hands back the
// client's own APIPromise, so its methods (withResponse, asResponse) work, nothing is parsed behind the
// caller's back, and the span ends however the result is consumed — including the streaming route-handler
// pattern `new Response((await chat()).toReadableStream())`.

let backend: LocalBackend;
let fake: FakeOpenAIServer;
let tracer: HoneyHiveTracer;
let client: OpenAI;

beforeAll(async () => {
  backend = await startLocalBackend();
  fake = await startFakeOpenAIServer();
  tracer = new HoneyHiveTracer({
    apiKey: 'hh-e2e-key',
    serverUrl: backend.httpUrl,
    project: 'e2e-trace-model',
    source: 'e2e',
    disableBatch: true,
    flushOnExit: false,
    registerGlobal: false,
  });
  client = new OpenAI({ apiKey: 'sk-fake', baseURL: fake.baseURL, maxRetries: 0 });
});

afterAll(async () => {
  await tracer?.shutdown();
  await fake?.close();
  await backend?.stop();
});

function outputsOf(span: ReceivedSpan): string {
  return Object.entries(span.attributes)
    .filter(([key]) => key.startsWith('honeyhive_outputs'))
    .map(([, value]) => String(value))
    .join(' ');
}

function tracedCreate(eventName: string) {
  return traceModel(
    function create(question: string) {
      return client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
    },
    { tracer, eventName },
  );
}

describe('traceModel around the real OpenAI client', () => {
  it('hands back the APIPromise itself: withResponse() works and ends the span with the data', async () => {
    const create = tracedCreate('withResponse');
    const result = create('What is 2+2? (withResponse)');
    expect(result.constructor.name).toBe('APIPromise');
    expect(typeof result.withResponse).toBe('function');
    const { data, response } = await result.withResponse();
    expect(data.choices[0]?.message.content).toBe('You asked: What is 2+2? (withResponse)');
    expect(response.status).toBe(200);
    const span = await waitForSpan(backend, (s) => s.name === 'withResponse');
    expect(span.attributes['honeyhive_event_type']).toBe('model');
    expect(outputsOf(span)).toContain('You asked: What is 2+2? (withResponse)');
    expect(span.attributes['honeyhive_metadata.abandoned']).toBeUndefined();
  });

  it('asResponse() gets the raw response with its body unread', async () => {
    const create = tracedCreate('asResponse');
    const response = await create('raw please').asResponse();
    const body = (await response.json()) as OpenAI.ChatCompletion;
    expect(body.choices[0]?.message.content).toBe('You asked: raw please');
    await waitForSpan(backend, (s) => s.name === 'asResponse');
  });

  it('awaiting it gives the parsed completion, the span carrying it', async () => {
    const completion = await tracedCreate('awaited')('plain await');
    expect(completion.choices[0]?.message.content).toBe('You asked: plain await');
    const span = await waitForSpan(backend, (s) => s.name === 'awaited');
    expect(outputsOf(span)).toContain('You asked: plain await');
  });

  it('new Response((await chat()).toReadableStream()) streams the answer and ends the span', async () => {
    const chat = traceModel(
      (question: string) =>
        client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }], stream: true }),
      { tracer, eventName: 'routeHandlerStream' },
    );
    const response = new Response((await chat('stream me')).toReadableStream());
    const lines = (await response.text()).trim().split('\n').map((line) => JSON.parse(line) as OpenAI.ChatCompletionChunk);
    const text = lines.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('');
    expect(text).toBe('You asked: stream me');
    const span = await waitForSpan(backend, (s) => s.name === 'routeHandlerStream');
    expect(span.attributes['honeyhive_metadata.abandoned']).toBeUndefined();
  });
});
