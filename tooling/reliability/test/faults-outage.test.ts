import { ResultRecorder } from '../src/results';
import {
  FAULT_PROTOCOLS,
  expectBalanced,
  expectHostUnharmed,
  finishFaultRun,
  startFaultRun,
  stopFaultRun,
  type FaultRun,
} from './support/fault-scenario';
import { sleep, waitUntil } from './support/wait';

// The backend is not there: refused connections at start-up, and outages in the middle of a run, while the host
// keeps making traced calls. Spans are delivered after recovery or counted, exactly. Each outage ends when what it
// is there to cause has been seen (exports retrying; exports failed and the queue full), not after a fixed time that
// a loaded machine could spend before anything happened.

const recorder = new ResultRecorder('faults-outage');
let run: FaultRun | undefined;

afterEach(async () => {
  await stopFaultRun(run);
  run = undefined;
});
afterAll(() => recorder.flush());

function traceRequests(r: FaultRun) {
  return r.backend.requests().filter((request) => request.route === 'traces');
}

function deliveredNamed(r: FaultRun, prefix: string): number {
  return r.backend.spans().filter((span) => span.name.startsWith(prefix)).length;
}

describe.each(FAULT_PROTOCOLS)('backend down, exporting over %s', (protocol) => {
  it('down at start (refused until exports retry): calls unaffected, spans delivered once it is up', async () => {
    // a budget far above the few retries the outage takes, so every span can still be delivered after it
    run = await startFaultRun({ exportTimeoutMs: 20_000 }, { kind: 'refuse' }, { protocol });
    await run.work(100, 'start');
    await waitUntil(() => run!.tracer.stats().inFlight > 0, 'an export retrying against the closed port');
    const during = await run.work(20, 'start-more');
    await run.backend.faults.clear(); // the backend comes up on the same port
    const { account, row, totals } = await finishFaultRun(run, 'down at start');
    recorder.add('faults', { ...row, sessionStart: (await run.tracer.ready) ? 'ok' : 'failed' });

    expectHostUnharmed(totals, run);
    expect(during.completedDuringExport).toBeGreaterThan(0);
    expectBalanced(account);
    expect(account.delivered).toBe(account.created);
  });

  it('down mid-run until exports fail and the queue overflows: calls unaffected, those spans counted, the rest delivered', async () => {
    // a small queue and a 3 s export budget: an outage longer than the budget overflows the queue and exhausts the retries
    run = await startFaultRun({ exportTimeoutMs: 3_000, maxQueueSize: 100 }, undefined, { protocol });
    await run.tracer.ready;
    await run.work(50, 'before');
    await waitUntil(() => run!.tracer.stats().exported >= 50, 'the first batch delivered');

    await run.fault({ kind: 'refuse' });
    const outageDidItsWork = (): boolean => run!.tracer.stats().failed > 0 && run!.tracer.stats().dropped.queue_full > 0;
    const giveUpAt = Date.now() + 60_000; // a safety net: about 3 s (one export budget) on any machine
    while (!outageDidItsWork() && Date.now() < giveUpAt) {
      await run.work(20, 'during');
      await sleep(250);
    }
    await run.work(20, 'during'); // the queue is full again when the backend comes back
    await run.backend.faults.clear();
    // recovery: what was queued when the backend came back drains (the queue was full, so new spans would be dropped)
    await waitUntil(() => run!.tracer.stats().queued + run!.tracer.stats().inFlight === 0, 'the queue to drain');
    await run.work(50, 'after');
    const { account, row, totals } = await finishFaultRun(run, 'down mid-run', { flushTimeoutMs: 30_000 });
    recorder.add('faults', row);

    expectHostUnharmed(totals, run);
    expect(totals.completedDuringExport).toBeGreaterThan(0);
    expectBalanced(account);
    expect(account.failed).toBeGreaterThan(0); // exports during the outage ran out of retries and were counted
    expect(account.dropped.queue_full).toBeGreaterThan(0); // the queue bound held while the backend was away
    expect(deliveredNamed(run, 'before.')).toBe(50);
    expect(deliveredNamed(run, 'during.')).toBeGreaterThan(0); // spans still queued at recovery were delivered
    expect(deliveredNamed(run, 'after.')).toBe(50); // everything after recovery arrived
    expect(run.tracer.stats().queued).toBe(0);
  }, 150_000);

  it('down 10 s mid-run (long enough for gRPC reconnect back-off to grow): what was queued at the return is delivered', async () => {
    // The outage length is the point here (not a race): grpc-js's default reconnect back-off grows with every
    // failed attempt, so a long outage left gRPC exports failing for seconds after the backend was back.
    run = await startFaultRun({ exportTimeoutMs: 3_000, maxQueueSize: 100 }, undefined, { protocol });
    await run.tracer.ready;
    await run.work(50, 'before');
    await waitUntil(() => run!.tracer.stats().exported >= 50, 'the first batch delivered');

    const OUTAGE_MS = 10_000;
    await run.fault({ kind: 'refuse' });
    const outageEnds = Date.now() + OUTAGE_MS;
    while (Date.now() < outageEnds) {
      await run.work(20, 'during');
      await sleep(250);
    }
    const queuedAtReturn = run.tracer.stats().queued;
    await run.backend.faults.clear();
    const backAt = Date.now();
    await waitUntil(
      () => traceRequests(run!).some((r) => r.outcome === 'ok' && r.receivedAt >= backAt),
      'the first export after the outage',
    );
    const recoveryMs = traceRequests(run).find((r) => r.outcome === 'ok' && r.receivedAt >= backAt)!.receivedAt - backAt;
    await waitUntil(() => run!.tracer.stats().queued + run!.tracer.stats().inFlight === 0, 'the backlog to drain');
    await run.work(50, 'after');
    const { account, row, totals } = await finishFaultRun(run, 'down 10 s mid-run', { flushTimeoutMs: 30_000 });
    recorder.add('faults', { ...row, queuedAtReturn, recoveryMs });

    expectHostUnharmed(totals, run);
    expectBalanced(account);
    expect(account.failed).toBeGreaterThan(0);
    expect(queuedAtReturn).toBeGreaterThan(0);
    // every span still queued when the backend came back leaves in an export started after the return: delivered
    expect(deliveredNamed(run, 'during.')).toBeGreaterThanOrEqual(queuedAtReturn);
    expect(deliveredNamed(run, 'after.')).toBe(50);
  }, 150_000);
});
