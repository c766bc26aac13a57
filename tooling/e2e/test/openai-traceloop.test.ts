import { traceChain } from '@honeyhive/instrumentation';
import { startLocalBackend } from '@honeyhive/local-backend';
import type { LocalBackend, ReceivedSpan } from '@honeyhive/local-backend';
import { HoneyHiveTracer } from '@honeyhive/tracer';
import { OpenAIInstrumentation } from '@traceloop/instrumentation-openai';
import OpenAI from 'openai';
import { startFakeOpenAIServer } from '../src/fake-openai-server';
import type { FakeOpenAIServer } from '../src/fake-openai-server';
import { waitForSpan } from './support/backend-spans';

// The real `openai` client, patched by the published Traceloop (OpenLLMetry) instrumentation, bound to a
// HoneyHiveTracer's provider with `tracer.instrument(...)`; spans go to the local backend.
//
// Patching: jest loads modules through its own registry, so the require-in-the-middle hook never sees
// `openai`. Traceloop's `manuallyInstrument(module)` wraps `module.Chat.Completions.prototype.create`,
// so it takes the `OpenAI` client class itself (not the module object).
//
// Two tracers run side by side: `other` is created first and is the global provider; the instrumentation
// is bound to `tracer`, so its spans must land in `tracer`'s session and never in `other`'s.

const WEATHER_TOOL: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
  },
};

let backend: LocalBackend;
let fake: FakeOpenAIServer;
let other: HoneyHiveTracer;
let tracer: HoneyHiveTracer;
let unregister: () => void;
let client: OpenAI;

beforeAll(async () => {
  backend = await startLocalBackend();
  fake = await startFakeOpenAIServer();
  const common = { apiKey: 'hh-e2e-key', serverUrl: backend.httpUrl, disableBatch: true, flushOnExit: false };
  other = new HoneyHiveTracer({ ...common, project: 'e2e-other', source: 'e2e-other' });
  tracer = new HoneyHiveTracer({ ...common, project: 'e2e-traceloop', source: 'e2e' });
  // enrichTokens: Traceloop 0.27 reads no usage from a stream; with this it estimates the counts (js-tiktoken).
  const instrumentation = new OpenAIInstrumentation({ enrichTokens: true });
  unregister = tracer.instrument(instrumentation);
  instrumentation.manuallyInstrument(OpenAI);
  client = new OpenAI({ apiKey: 'sk-fake', baseURL: fake.baseURL, maxRetries: 0 });
});

afterAll(async () => {
  unregister?.();
  await tracer?.shutdown();
  await other?.shutdown();
  await fake?.close();
  await backend?.stop();
});

/** The Traceloop chat span whose input messages mention `marker`. */
function chatSpanFor(marker: string): Promise<ReceivedSpan> {
  return waitForSpan(
    backend,
    (span) =>
      span.attributes['gen_ai.operation.name'] === 'chat' && String(span.attributes['gen_ai.input.messages']).includes(marker),
  );
}

describe('OpenAI through Traceloop, on a HoneyHiveTracer', () => {
  it('records a chat completion as a model event, nested under a traced chain, in the tracer session', async () => {
    const question = 'Why is the sky blue? (traceloop chat)';
    let usage: OpenAI.CompletionUsage | undefined;
    const answer = traceChain(
      async function answerQuestion(q: string) {
        const completion = await client.chat.completions.create({
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: q }],
        });
        usage = completion.usage;
        return completion.choices[0]?.message.content;
      },
      { tracer },
    );

    await expect(answer(question)).resolves.toBe(`You asked: ${question}`);
    await tracer.flush();

    const chat = await chatSpanFor(question);
    const chain = await waitForSpan(backend, (span) => span.name === 'answerQuestion');
    expect(usage?.prompt_tokens).toBeGreaterThan(0);
    expect(chat.scope.name).toBe('@traceloop/instrumentation-openai');
    expect(chat.attributes).toMatchObject({
      'honeyhive.session_id': tracer.sessionId,
      honeyhive_event_type: 'model',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': usage?.prompt_tokens,
      'gen_ai.usage.output_tokens': usage?.completion_tokens,
      'gen_ai.usage.total_tokens': usage?.total_tokens,
    });
    expect(chain.attributes).toMatchObject({ 'honeyhive.session_id': tracer.sessionId, honeyhive_event_type: 'chain' });
    expect(chat.traceId).toBe(chain.traceId);
    expect(chat.parentSpanId).toBe(chain.spanId);

    const chainNode = backend.sessionTree(tracer.sessionId)?.children.find((node) => node.event_id === chain.spanId);
    expect(chainNode?.children.map((node) => [node.event_id, node.event_type])).toEqual([[chat.spanId, 'model']]);
    expect(backend.spans().filter((span) => span.attributes['honeyhive.session_id'] === other.sessionId)).toEqual([]);
  });

  it('records a streamed completion in the session opened with withSession', async () => {
    const question = 'count to three (traceloop stream)';
    const { sessionId, text } = await tracer.withSession({ sessionName: 'e2e-traceloop-stream' }, async (id) => {
      const stream = await client.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: question }],
        stream: true,
        stream_options: { include_usage: true },
      });
      let streamed = '';
      for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? '';
      return { sessionId: id, text: streamed };
    });
    await tracer.flush();

    expect(text).toBe(`You asked: ${question}`);
    expect(sessionId).not.toBe(tracer.sessionId);
    const chat = await chatSpanFor(question);
    expect(chat.attributes).toMatchObject({
      'honeyhive.session_id': sessionId,
      honeyhive_event_type: 'model',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.response.model': 'gpt-4o',
    });
    // Estimated by Traceloop (enrichTokens), not taken from the stream's usage chunk.
    const input = chat.attributes['gen_ai.usage.input_tokens'];
    const output = chat.attributes['gen_ai.usage.output_tokens'];
    expect(input).toBeGreaterThan(0);
    expect(output).toBeGreaterThan(0);
    expect(chat.attributes['gen_ai.usage.total_tokens']).toBe(Number(input) + Number(output));
    expect(JSON.parse(String(chat.attributes['gen_ai.output.messages']))[0].parts[0].content).toBe(text);
  });

  it('records a tool call with the function name, its JSON arguments and the token counts', async () => {
    const question = 'weather in Paris (traceloop tool)';
    let usage: OpenAI.CompletionUsage | undefined;
    const plan = traceChain(
      async function planToolCall(q: string) {
        const completion = await client.chat.completions.create({
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: q }],
          tools: [WEATHER_TOOL],
        });
        usage = completion.usage;
        return completion.choices[0]?.message.tool_calls?.[0];
      },
      { tracer },
    );

    const call = await plan(question);
    await tracer.flush();

    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    const chat = await chatSpanFor(question);
    const chain = await waitForSpan(backend, (span) => span.name === 'planToolCall');
    expect(chat.attributes).toMatchObject({
      'honeyhive.session_id': tracer.sessionId,
      honeyhive_event_type: 'model',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': usage?.prompt_tokens,
      'gen_ai.usage.output_tokens': usage?.completion_tokens,
      'gen_ai.response.finish_reasons': ['tool_call'],
    });
    const [message] = JSON.parse(String(chat.attributes['gen_ai.output.messages']));
    const toolPart = message.parts.find((part: { type: string }) => part.type === 'tool_call');
    expect(toolPart).toMatchObject({ name: 'get_weather' });
    expect(typeof toolPart.arguments === 'string' ? JSON.parse(toolPart.arguments) : toolPart.arguments).toEqual({
      query: question,
    });
    expect(JSON.parse(String(chat.attributes['gen_ai.tool.definitions']))[0]).toMatchObject({
      function: { name: 'get_weather' },
    });
    expect(chat.parentSpanId).toBe(chain.spanId);
  });
});
