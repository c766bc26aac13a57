import { OpenAIInstrumentation } from '@arizeai/openinference-instrumentation-openai';
import { traceChain } from '@honeyhive/instrumentation';
import { startLocalBackend } from '@honeyhive/local-backend';
import type { LocalBackend, ReceivedSpan } from '@honeyhive/local-backend';
import { HoneyHiveTracer } from '@honeyhive/tracer';
import OpenAI from 'openai';
import { startFakeOpenAIServer } from '../src/fake-openai-server';
import type { FakeOpenAIServer } from '../src/fake-openai-server';
import { waitForSpan } from './support/backend-spans';

// The real `openai` client, patched by the published OpenInference instrumentation, bound to a
// HoneyHiveTracer's provider through its `instrumentations` option; spans go to the local backend.
//
// Patching: jest loads modules through its own registry, so the require-in-the-middle hook of the
// instrumentation never sees `openai`. OpenInference documents `manuallyInstrument(module)` for this: it
// reads `module.OpenAI`, and the `OpenAI` class refers to itself as `OpenAI.OpenAI`, so the class is passed.

const WEATHER_TOOL: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
  },
};

let backend: LocalBackend;
let fake: FakeOpenAIServer;
let tracer: HoneyHiveTracer;
let instrumentation: OpenAIInstrumentation;
let client: OpenAI;

beforeAll(async () => {
  backend = await startLocalBackend();
  fake = await startFakeOpenAIServer();
  instrumentation = new OpenAIInstrumentation();
  tracer = new HoneyHiveTracer({
    instrumentations: [instrumentation],
    apiKey: 'hh-e2e-key',
    serverUrl: backend.httpUrl,
    project: 'e2e-openinference',
    source: 'e2e',
    disableBatch: true,
    flushOnExit: false,
    // Not the global provider: the spans reach the backend only because the instrumentation is bound to
    // this tracer's own provider.
    registerGlobal: false,
  });
  instrumentation.manuallyInstrument(OpenAI);
  client = new OpenAI({ apiKey: 'sk-fake', baseURL: fake.baseURL, maxRetries: 0 });
});

afterAll(async () => {
  await tracer?.shutdown();
  await fake?.close();
  await backend?.stop();
});

/** The OpenInference LLM span whose request mentions `marker`. */
function llmSpanFor(marker: string): Promise<ReceivedSpan> {
  return waitForSpan(
    backend,
    (span) => span.attributes['openinference.span.kind'] === 'LLM' && String(span.attributes['input.value']).includes(marker),
  );
}

describe('OpenAI through OpenInference, on a HoneyHiveTracer', () => {
  it('records a chat completion as a model event, nested under a traced chain, in the tracer session', async () => {
    const question = 'Why is the sky blue? (chat)';
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

    const llm = await llmSpanFor(question);
    const chain = await waitForSpan(backend, (span) => span.name === 'answerQuestion');
    expect(llm.attributes).toMatchObject({
      'honeyhive.session_id': tracer.sessionId,
      honeyhive_event_type: 'model',
      'llm.model_name': 'gpt-4o-mini',
      'llm.token_count.prompt': usage?.prompt_tokens,
      'llm.token_count.completion': usage?.completion_tokens,
      'llm.token_count.total': usage?.total_tokens,
    });
    expect(usage?.prompt_tokens).toBeGreaterThan(0);
    expect(chain.attributes).toMatchObject({ 'honeyhive.session_id': tracer.sessionId, honeyhive_event_type: 'chain' });
    expect(llm.traceId).toBe(chain.traceId);
    expect(llm.parentSpanId).toBe(chain.spanId);

    const tree = backend.sessionTree(tracer.sessionId);
    const chainNode = tree?.children.find((node) => node.event_id === chain.spanId);
    expect(chainNode?.event_type).toBe('chain');
    expect(chainNode?.children.map((node) => [node.event_id, node.event_type])).toEqual([[llm.spanId, 'model']]);
  });

  it('records a streamed completion in the session opened with withSession', async () => {
    const question = 'count to three (stream)';
    const { sessionId, text, usage } = await tracer.withSession({ sessionName: 'e2e-streaming' }, async (id) => {
      const stream = await client.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: question }],
        stream: true,
        stream_options: { include_usage: true },
      });
      let streamed = '';
      let finalUsage: OpenAI.CompletionUsage | undefined;
      for await (const chunk of stream) {
        streamed += chunk.choices[0]?.delta.content ?? '';
        if (chunk.usage) finalUsage = chunk.usage;
      }
      return { sessionId: id, text: streamed, usage: finalUsage };
    });
    await tracer.flush();

    expect(sessionId).not.toBe(tracer.sessionId);
    expect(text).toBe(`You asked: ${question}`);
    expect(usage?.total_tokens).toBeGreaterThan(0);
    const llm = await llmSpanFor(question);
    expect(llm.attributes).toMatchObject({
      'honeyhive.session_id': sessionId,
      honeyhive_event_type: 'model',
      'llm.model_name': 'gpt-4o',
      'output.value': text,
      'llm.finish_reason': 'stop',
    });
    // OpenInference 4.2.7 skips the usage chunk of a stream, so a streamed span carries no
    // llm.token_count.* (the client did receive the usage, checked above).
    expect(backend.session(sessionId)?.session_name).toBe('e2e-streaming');
  });

  it('records a tool call with the function name, its JSON arguments and the token counts', async () => {
    const question = 'weather in Paris (tool)';
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
    const llm = await llmSpanFor(question);
    const chain = await waitForSpan(backend, (span) => span.name === 'planToolCall');
    const prefix = 'llm.output_messages.0.message.tool_calls.0.tool_call.function';
    expect(llm.attributes).toMatchObject({
      'honeyhive.session_id': tracer.sessionId,
      honeyhive_event_type: 'model',
      'llm.model_name': 'gpt-4o-mini',
      [`${prefix}.name`]: 'get_weather',
      'llm.token_count.prompt': usage?.prompt_tokens,
      'llm.token_count.completion': usage?.completion_tokens,
    });
    expect(JSON.parse(String(llm.attributes[`${prefix}.arguments`]))).toEqual({ query: question });
    expect(JSON.parse(String(llm.attributes['llm.tools.0.tool.json_schema']))).toMatchObject({
      function: { name: 'get_weather' },
    });
    expect(llm.parentSpanId).toBe(chain.spanId);
  });
});
