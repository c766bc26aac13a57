/** A deterministic stand-in for an LLM API: no network, a canned answer and token usage. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
}

export interface ChatCompletion {
  model: string;
  content: string;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

export async function fakeChatCompletion(model: string, messages: ChatMessage[]): Promise<ChatCompletion> {
  await new Promise((resolve) => setTimeout(resolve, 5));
  const last = messages[messages.length - 1]?.content ?? '';
  const content = last.startsWith('Plan:')
    ? '1. search the docs 2. check the weather 3. answer'
    : `Based on ${messages.length - 1} notes: tracing makes every step of an agent visible.`;
  const prompt = messages.reduce((sum, m) => sum + words(m.content), 0);
  const completion = words(content);
  return { model, content, usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } };
}
