import { HoneyHiveTracer } from '@honeyhive/tracer';
import { renderSessionTree, startLocalBackend, type LocalBackend, type SessionTree } from '@honeyhive/local-backend';
import { createAgent, type AgentAnswer } from './agent';

/** Where the demo sends its session. */
export type DemoTarget = 'local' | 'honeyhive';

/** What one demo run produced. */
export interface DemoResult {
  target: DemoTarget;
  sessionId: string;
  answer: AgentAnswer;
  /** The session tree the local backend built from the spans (local target only). */
  tree?: SessionTree;
  rendered?: string;
}

const LOCAL_DEMO_KEY = 'local-demo-key';
const SPANS_PER_RUN = 6; // agent_run, plan, two model calls, two tools

/**
 * The local backend is used unless `HH_API_KEY` is set and `HH_DEMO_LOCAL` is not: then the same agent
 * sends its session to HoneyHive (`HH_API_URL` or the default endpoint).
 */
export function chooseTarget(env: NodeJS.ProcessEnv = process.env): DemoTarget {
  const local = env.HH_DEMO_LOCAL !== undefined && env.HH_DEMO_LOCAL !== '' && env.HH_DEMO_LOCAL !== '0';
  return env.HH_API_KEY && !local ? 'honeyhive' : 'local';
}

/** Runs the agent once in a session, flushes, and reads back what the backend received. */
export async function runDemo(target: DemoTarget = chooseTarget()): Promise<DemoResult> {
  let backend: LocalBackend | undefined;
  if (target === 'local') backend = await startLocalBackend({ apiKeys: [LOCAL_DEMO_KEY] });
  const tracer = await HoneyHiveTracer.init({
    ...(backend ? { apiKey: LOCAL_DEMO_KEY, serverUrl: backend.httpUrl } : {}),
    project: 'tracer-demo',
    source: 'demo',
    sessionName: 'agent-demo',
    registerGlobal: false,
  });
  try {
    const agent = createAgent(tracer);
    const answer = await agent.answerQuestion('How do I see what my agent did?');
    await tracer.flush();
    const sessionId = tracer.sessionId;
    if (!backend) return { target, sessionId, answer };
    await backend.waitForSpans(SPANS_PER_RUN, 10_000);
    const tree = backend.sessionTree(sessionId);
    return { target, sessionId, answer, tree, rendered: tree ? renderSessionTree(tree) : undefined };
  } finally {
    await tracer.shutdown();
    await backend?.stop();
  }
}
