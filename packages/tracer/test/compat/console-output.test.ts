// 1.x printed "HoneyHive is initialized" and other lines by default; nothing reaches the console without verbose.
import { HoneyHiveTracer, enrichSession, enrichSpan, traceFunction } from '../../src';
import { captureConsole, useCompatHarness } from './compat-harness';

const h = useCompatHarness();

async function typicalUse(verbose: boolean): Promise<void> {
  const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'quiet', sessionName: 's', verbose }));
  await tracer.trace(async () => {
    traceFunction({ eventType: 'tool' })(function work() {
      enrichSpan({ metadata: { a: 1 } });
    })();
    tracer.logModel({ inputs: { p: 1 } });
    enrichSpan({ metadata: { outside: true } }); // no active span: silently nothing
    await enrichSession({ metadata: { done: true } });
  });
  await HoneyHiveTracer.flush();
  await tracer.shutdown();
}

describe('console output', () => {
  it('prints nothing without verbose', async () => {
    const lines = await captureConsole(() => typicalUse(false));
    expect(lines).toEqual([]);
    expect(h.backend.spans().length).toBeGreaterThanOrEqual(2);
  });

  it('explains what it does with verbose: true', async () => {
    const lines = await captureConsole(() => typicalUse(true));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(h.base.apiKey);
  });
});
