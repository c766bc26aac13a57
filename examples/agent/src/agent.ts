import { enrichSpan, traceChain, traceModel, traceTool, type TracerLike } from '@honeyhive/instrumentation';
import { fakeChatCompletion, type ChatMessage } from './fake-model';

/** What one agent run returns. */
export interface AgentAnswer {
  answer: string;
  notes: string[];
  failedTools: string[];
}

/**
 * Builds the demo agent: a planning step and an answering step that call a (fake) model, a docs search tool,
 * and a weather tool whose backing service is down. Every step is traced on `tracer`.
 */
export function createAgent(tracer: TracerLike) {
  const callModel = traceModel(
    async function callModel(messages: ChatMessage[]) {
      const completion = await fakeChatCompletion('demo-model-1', messages);
      enrichSpan({ metrics: completion.usage, metadata: { provider: 'fake' } }, { tracer });
      return completion.content;
    },
    { tracer, eventName: 'fake_llm.chat', config: { model: 'demo-model-1', temperature: 0.2 } },
  );

  const searchDocs = traceTool(
    async function searchDocs(query: string, limit = 2) {
      const corpus = ['Spans carry inputs and outputs.', 'Sessions group spans.', 'Errors are recorded on spans.'];
      return corpus.filter((doc) => doc.toLowerCase().includes(query.toLowerCase()) || query === '*').slice(0, limit);
    },
    { tracer },
  );

  const getWeather = traceTool(
    async function getWeather(city: string): Promise<string> {
      throw new Error(`weather service unavailable for ${city}`);
    },
    { tracer },
  );

  const plan = traceChain(
    async function plan(question: string) {
      return callModel([{ role: 'user', content: `Plan: ${question}` }]);
    },
    { tracer },
  );

  const answerQuestion = traceChain(
    async function answerQuestion(question: string): Promise<AgentAnswer> {
      const steps = await plan(question);
      const notes = await searchDocs('*');
      const failedTools: string[] = [];
      try {
        notes.push(await getWeather('Paris'));
      } catch {
        failedTools.push('getWeather');
      }
      const answer = await callModel([
        { role: 'system', content: steps },
        ...notes.map((note): ChatMessage => ({ role: 'tool', content: note })),
        { role: 'user', content: question },
      ]);
      return { answer, notes, failedTools };
    },
    { tracer, eventName: 'agent_run', metadata: { agent: 'demo' } },
  );

  return { answerQuestion };
}
