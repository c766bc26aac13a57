import { ResultRecorder } from '../src/results';
import { expectBalanced, expectHostUnharmed, finishFaultRun, startFaultRun, stopFaultRun, type FaultRun } from './support/fault-scenario';
import { waitUntil } from './support/wait';

// Backend misbehaviour per request: slow, 429/503 with Retry-After, 500, 401, connection reset, garbage answer.
// Each scenario: a fresh local backend and tracer (batches of 50, 5 s export budget), traced calls during the
// fault, then calls after it, a flush, and the exact account created = delivered + dropped + failed.

const recorder = new ResultRecorder('faults-responses');
let run: FaultRun | undefined;

afterEach(async () => {
  await stopFaultRun(run);
  run = undefined;
});
afterAll(() => recorder.flush());

const EXPORT_TIMEOUT_MS = 5_000;

function traceRequests(r: FaultRun) {
  return r.backend.requests().filter((request) => request.route === 'traces');
}

describe('backend faults on export requests', () => {
  it('slow backend (2 s per request): calls complete while exports hang, then everything is delivered', async () => {
    run = await startFaultRun({ exportTimeoutMs: EXPORT_TIMEOUT_MS });
    await run.tracer.ready;
    await run.fault({ kind: 'delay', ms: 2_000, count: 2 });
    await run.work(50, 'before'); // one full batch: its export now hangs for 2 s
    await waitUntil(() => run!.tracer.stats().inFlight > 0, 'an export in flight');
    const during = await run.work(40, 'during');
    const { account, row, totals } = await finishFaultRun(run, 'slow 2 s/request');
    recorder.add('faults', row);

    expectHostUnharmed(totals, run);
    expect(during.completedDuringExport).toBeGreaterThan(0); // host calls finished while the backend held an export
    expectBalanced(account);
    expect(account.delivered).toBe(account.created);
    expect(traceRequests(run).filter((r) => r.fault === 'delay').length).toBe(2);
  });

  it.each([
    [429, 2],
    [503, 2],
  ])('%i with Retry-After %i s: the retry waits as told and every span is delivered', async (status, retryAfterSeconds) => {
    run = await startFaultRun({ exportTimeoutMs: EXPORT_TIMEOUT_MS });
    await run.tracer.ready;
    await run.fault({ kind: 'status', status, retryAfterSeconds, count: 1 });
    await run.work(50, 'during');
    await waitUntil(() => traceRequests(run!).length >= 1, 'the refused request');
    await run.work(30, 'after');
    const { account, row, totals } = await finishFaultRun(run, `${status} Retry-After ${retryAfterSeconds}s`);
    recorder.add('faults', row);

    expectHostUnharmed(totals, run);
    expectBalanced(account);
    expect(account.delivered).toBe(account.created);
    const requests = traceRequests(run);
    expect(requests[0]).toMatchObject({ status, outcome: 'fault' });
    expect(requests[1]).toMatchObject({ status: 200, outcome: 'ok' });
    // the retry came no earlier than Retry-After (a lower bound: the client cannot be early by chance)
    expect(requests[1]!.receivedAt - requests[0]!.receivedAt).toBeGreaterThanOrEqual(retryAfterSeconds * 1000 - 50);
  });

  it.each([
    [500, 'server error'],
    [401, 'unauthorized'],
  ])('%i (%s, not retryable): that batch is counted failed, later spans are delivered', async (status) => {
    run = await startFaultRun({ exportTimeoutMs: EXPORT_TIMEOUT_MS, flushIntervalMs: 60_000 });
    await run.tracer.ready;
    await run.fault({ kind: 'status', status, count: 1 });
    await run.work(50, 'during'); // exactly one full batch, which meets the fault
    await waitUntil(() => run!.tracer.stats().failed > 0, 'the failed export');
    await run.work(50, 'after');
    const { account, row, totals } = await finishFaultRun(run, `${status}`);
    recorder.add('faults', row);

    expectHostUnharmed(totals, run);
    expectBalanced(account);
    expect(account.failed).toBe(50);
    expect(account.delivered).toBe(50);
    // the failure is told (a warn line naming the export, and stats().errors.export), never thrown
    expect(run.logger.lines.some((l) => l.level === 'warn' && /export failed: 50 span\(s\) not delivered/.test(l.text))).toBe(true);
    expect(run.tracer.stats().errors['export']).toBe(1);
    expect(traceRequests(run).filter((r) => r.status === status)).toHaveLength(1); // no retry of a permanent error
  });

  it('connection reset mid-request (twice): retried and delivered', async () => {
    run = await startFaultRun({ exportTimeoutMs: EXPORT_TIMEOUT_MS });
    await run.tracer.ready;
    await run.fault({ kind: 'reset', count: 2 });
    await run.work(50, 'during');
    await waitUntil(() => traceRequests(run!).some((r) => r.fault === 'reset'), 'a reset');
    await run.work(30, 'after');
    const { account, row, totals } = await finishFaultRun(run, 'connection reset x2');
    recorder.add('faults', row);

    expectHostUnharmed(totals, run);
    expectBalanced(account);
    expect(account.delivered).toBe(account.created);
    expect(traceRequests(run).filter((r) => r.fault === 'reset')).toHaveLength(2);
  });

  it('undecodable (garbage) 200 answer: counted exported, nothing thrown, later spans delivered', async () => {
    // Full batches only (no timer flushes), so the one garbage-answered request carries exactly 50 spans.
    run = await startFaultRun({ exportTimeoutMs: EXPORT_TIMEOUT_MS, flushIntervalMs: 60_000 });
    await run.tracer.ready;
    await run.fault({ kind: 'garbage', count: 1 });
    await run.work(50, 'during');
    await waitUntil(() => traceRequests(run!).length >= 1, 'the garbage-answered request');
    await run.work(50, 'after');
    const garbageRequests = traceRequests(run).filter((r) => r.fault === 'garbage').length;
    const { account, row, totals } = await finishFaultRun(run, 'garbage 200 body', { acknowledgedNotStored: garbageRequests * 50 });
    recorder.add('faults', row);

    expectHostUnharmed(totals, run);
    expectBalanced(account);
    expect(garbageRequests).toBe(1);
    expect(account.delivered).toBe(50);
  });
});
