import OpenAI from 'openai';
import { startFakeOpenAIServer } from '../src/fake-openai-server';
import type { FakeOpenAIServer } from '../src/fake-openai-server';

// The fake server against the real `openai` client, without any instrumentation.
let server: FakeOpenAIServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startFakeOpenAIServer();
  client = new OpenAI({ apiKey: 'sk-test', baseURL: server.baseURL, maxRetries: 0 });
});
afterAll(() => server.close());

describe('fake OpenAI server', () => {
  it('answers a chat completion with the requested model and word-count usage', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Why is the sky blue?' },
      ],
    });
    expect(completion.model).toBe('gpt-4o-mini');
    expect(completion.choices[0]?.message.content).toBe('You asked: Why is the sky blue?');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage).toEqual({ prompt_tokens: 7, completion_tokens: 7, total_tokens: 14 });
    const last = server.requests().at(-1);
    expect(last?.headers.authorization).toBe('Bearer sk-test');
  });

  it('streams SSE chunks ending with [DONE], with a usage chunk when asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'count to three' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined | null;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      expect(chunk.model).toBe('gpt-4o');
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('You asked: count to three');
    expect(finish).toBe('stop');
    expect(usage).toEqual({ prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 });
  });

  it('sends no usage chunk unless stream_options.include_usage is set', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const usages: unknown[] = [];
    for await (const chunk of stream) if (chunk.usage) usages.push(chunk.usage);
    expect(usages).toEqual([]);
  });

  it('calls the first tool when the request has tools, streamed or not', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      {
        type: 'function',
        function: { name: 'get_weather', parameters: { type: 'object', properties: { query: { type: 'string' } } } },
      },
    ];
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'weather in Paris' }];
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ query: 'weather in Paris' });

    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools, stream: true });
    let args = '';
    let name = '';
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta.tool_calls?.[0];
      name += delta?.function?.name ?? '';
      args += delta?.function?.arguments ?? '';
    }
    expect(name).toBe('get_weather');
    expect(JSON.parse(args)).toEqual({ query: 'weather in Paris' });
  });

  it('answers unknown routes with an OpenAI-style 404', async () => {
    await expect(client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' })).rejects.toMatchObject({
      status: 404,
    });
  });
});
