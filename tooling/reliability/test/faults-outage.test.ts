import { ResultRecorder } from '../src/results';
import { expectBalanced, expectHostUnharmed, finishFaultRun, startFaultRun, stopFaultRun, type FaultRun } from './support/fault-scenario';
import { sleep, waitUntil } from './support/wait';

// The backend is not there: refused connections at start-up (1.5 s), and a full 10 s outage in the middle of a
// run, while the host keeps making traced calls. Spans are delivered after recovery or counted, exactly.

const recorder = new ResultRecorder('faults-outage');
let run: FaultRun | undefined;

afterEach(async () => {
  await stopFaultRun(run);
  run = undefined;
});
afterAll(() => recorder.flush());

function deliveredNamed(r: FaultRun, prefix: string): number {
  return r.backend.spans().filter((span) => span.name.startsWith(prefix)).length;
}

describe('backend down', () => {
  it('down at start (refused for 1.5 s): calls unaffected, spans delivered once it is up', async () => {
    run = await startFaultRun({ exportTimeoutMs: 5_000 }, { kind: 'refuse', durationMs: 1_500 });
    await run.work(100, 'start');
    await waitUntil(() => run!.tracer.stats().inFlight > 0, 'an export retrying against the closed port');
    const during = await run.work(20, 'start-more');
    const { account, row, totals } = await finishFaultRun(run, 'down at start (1.5 s)');
    recorder.add('faults', { ...row, sessionStart: (await run.tracer.ready) ? 'ok' : 'failed' });

    expectHostUnharmed(totals, run);
    expect(during.completedDuringExport).toBeGreaterThan(0);
    expectBalanced(account);
    expect(account.delivered).toBe(account.created);
  });

  it('down for 10 s mid-run: calls unaffected, spans during the outage counted failed or dropped, the rest delivered', async () => {
    // a small queue and a 3 s export budget: a 10 s outage must overflow the queue and exhaust the retries
    run = await startFaultRun({ exportTimeoutMs: 3_000, maxQueueSize: 100 });
    await run.tracer.ready;
    await run.work(50, 'before');
    await waitUntil(() => run!.tracer.stats().exported >= 50, 'the first batch delivered');

    const OUTAGE_MS = 10_000;
    await run.fault({ kind: 'refuse', durationMs: OUTAGE_MS });
    const outageEnds = Date.now() + OUTAGE_MS;
    let bursts = 0;
    while (Date.now() < outageEnds - 250) {
      await run.work(20, 'during');
      bursts++;
      await sleep(250);
    }
    await waitUntil(() => run!.backend.faults.active().length === 0, 'the outage window to end', OUTAGE_MS);
    // recovery: what was queued when the backend came back drains (the queue was full, so new spans would be dropped)
    await waitUntil(() => run!.tracer.stats().queued + run!.tracer.stats().inFlight === 0, 'the queue to drain', 10_000);
    await run.work(50, 'after');
    const { account, row, totals } = await finishFaultRun(run, 'down 10 s mid-run', { flushTimeoutMs: 15_000 });
    recorder.add('faults', row);

    expectHostUnharmed(totals, run);
    expect(bursts).toBeGreaterThan(10);
    expect(totals.completedDuringExport).toBeGreaterThan(0);
    expectBalanced(account);
    expect(account.failed).toBeGreaterThan(0); // exports during the outage ran out of retries and were counted
    expect(account.dropped.queue_full).toBeGreaterThan(0); // the queue bound held while the backend was away
    expect(deliveredNamed(run, 'before.')).toBe(50);
    expect(deliveredNamed(run, 'during.')).toBeGreaterThan(0); // spans still queued at recovery were delivered
    expect(deliveredNamed(run, 'after.')).toBe(50); // everything after recovery arrived
    expect(run.tracer.stats().queued).toBe(0);
  }, 40_000);
});
