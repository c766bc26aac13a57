import { chooseTarget, runDemo } from '../src/run-demo';
import type { SessionTreeNode } from '@honeyhive/local-backend';

function find(nodes: SessionTreeNode[], name: string): SessionTreeNode | undefined {
  for (const node of nodes) {
    if (node.event_name === name) return node;
    const inner = find(node.children, name);
    if (inner) return inner;
  }
  return undefined;
}

describe('demo agent', () => {
  it('targets the local backend unless HH_API_KEY is set without HH_DEMO_LOCAL', () => {
    expect(chooseTarget({})).toBe('local');
    expect(chooseTarget({ HH_API_KEY: 'k' })).toBe('honeyhive');
    expect(chooseTarget({ HH_API_KEY: 'k', HH_DEMO_LOCAL: '1' })).toBe('local');
  });

  it('sends one session whose tree shows every step, nested, with the failing tool call', async () => {
    const result = await runDemo('local');
    expect(result.answer.failedTools).toEqual(['getWeather']);
    const tree = result.tree!;
    expect(tree).toBeDefined();
    expect(tree.session_id).toBe(result.sessionId);

    const run = find(tree.children, 'agent_run')!;
    expect(run.event_type).toBe('chain');
    expect(run.children.map((child) => child.event_name)).toEqual(['plan', 'searchDocs', 'getWeather', 'fake_llm.chat']);

    const plan = find(run.children, 'plan')!;
    expect(plan.children.map((child) => [child.event_type, child.event_name])).toEqual([['model', 'fake_llm.chat']]);

    const weather = find(run.children, 'getWeather')!;
    expect(weather.event_type).toBe('tool');
    expect(weather.error).toContain('weather service unavailable for Paris');
    expect(weather.inputs).toEqual({ city: 'Paris' });

    const search = find(run.children, 'searchDocs')!;
    expect(search.error).toBeFalsy();
    expect((search.outputs as { result: string[] }).result).toHaveLength(2);

    const answerCall = run.children[3];
    expect(answerCall.metrics).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) });
    expect(answerCall.config).toEqual({ model: 'demo-model-1', temperature: 0.2 });

    expect(result.rendered).toContain('agent_run');
    expect(result.rendered).toContain('weather service unavailable');
  });
});
