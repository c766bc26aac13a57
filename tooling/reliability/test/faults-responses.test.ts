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
import { waitUntil } from './support/wait';

// Backend misbehaviour per request: slow, 429/503 with Retry-After, 500, 401, connection reset, garbage answer, a
// request over the backend's size limit; over gRPC also the standard throttling signals (RetryInfo, pushback). Every
// scenario runs over http/protobuf and gRPC (each costs a few seconds at most).
// Each scenario: a fresh local backend and tracer (batches of 50, 20 s export budget), traced calls during the
// fault, then calls after it, a flush, and the exact account created = delivered + dropped + failed.

const recorder = new ResultRecorder('faults-responses');
let run: FaultRun | undefined;

afterEach(async () => {
  await stopFaultRun(run);
  run = undefined;
});
afterAll(() => recorder.flush());

// Far above the faults' own waits (2 s delay, 2 s Retry-After), so only the fault, never a slow machine, decides
// whether an export succeeds: a retry is only made when it still fits in this budget.
const EXPORT_TIMEOUT_MS = 20_000;

function traceRequests(r: FaultRun) {
  return r.backend.requests().filter((request) => request.route === 'traces');
}

describe.each(FAULT_PROTOCOLS)('backend faults on export requests over %s', (protocol) => {
  it('slow backend (2 s per request): calls complete while exports hang, then everything is delivered', async () => {
    run = await startFaultRun({ exportTimeoutMs: EXPORT_TIMEOUT_MS }, undefined, { protocol });
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
    run = await startFaultRun({ exportTimeoutMs: EXPORT_TIMEOUT_MS }, undefined, { protocol });
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
    // over gRPC the status is the mapped code (RESOURCE_EXHAUSTED / UNAVAILABLE) with retry-after and pushback metadata
    expect(requests[0]).toMatchObject(protocol === 'grpc' ? { outcome: 'fault', fault: 'status' } : { status, outcome: 'fault' });
    expect(requests[1]).toMatchObject({ status: 200, outcome: 'ok' });
    // the retry came no earlier than Retry-After (a lower bound: the client cannot be early by chance)
    expect(requests[1]!.receivedAt - requests[0]!.receivedAt).toBeGreaterThanOrEqual(retryAfterSeconds * 1000 - 50);
  });

  it.each([
    [500, 'server error'],
    [401, 'unauthorized'],
  ])('%i (%s, not retryable): that batch is counted failed, later spans are delivered', async (status) => {
    run = await startFaultRun({ exportTimeoutMs: EXPORT_TIMEOUT_MS, flushIntervalMs: 60_000 }, undefined, { protocol });
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
    expect(traceRequests(run).filter((r) => r.fault === 'status')).toHaveLength(1); // no retry of a permanent error
  });

  it('connection reset mid-request (twice): retried and delivered', async () => {
    run = await startFaultRun({ exportTimeoutMs: EXPORT_TIMEOUT_MS }, undefined, { protocol });
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
    run = await startFaultRun({ exportTimeoutMs: EXPORT_TIMEOUT_MS, flushIntervalMs: 60_000 }, undefined, { protocol });
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

  it('one span over the backend size limit among 50 (413 / "message larger than max"): only it is dropped, as too_large', async () => {
    run = await startFaultRun({ exportTimeoutMs: EXPORT_TIMEOUT_MS, flushIntervalMs: 60_000 }, undefined, {
      protocol,
      backend: { maxBodyBytes: 256 * 1024 },
    });
    await run.tracer.ready;
    await run.work(20, 'before');
    run.workWithPayload('oversized', 400 * 1024); // alone over the limit
    await run.work(29, 'after'); // with it, one full batch of 50
    const { account, row, totals } = await finishFaultRun(run, 'one span over the size limit (256 KB)');
    recorder.add('faults', row);

    expectHostUnharmed(totals, run);
    expectBalanced(account);
    expect(account.dropped.too_large).toBe(1);
    expect(account.failed).toBe(0);
    expect(account.delivered).toBe(49);
    // the refused request is split in halves (50 → … → 1): at most 7 refusals, never the same request again
    const refused = traceRequests(run).filter((r) => r.outcome === 'rejected');
    expect(refused.length).toBeGreaterThan(1);
    expect(refused.length).toBeLessThanOrEqual(7);
  });

  it('200 spans of 50 KB against a 1 MiB request limit: requests are split until they fit, all delivered', async () => {
    run = await startFaultRun({ exportTimeoutMs: EXPORT_TIMEOUT_MS, flushIntervalMs: 60_000 }, undefined, {
      protocol,
      backend: { maxBodyBytes: 1024 * 1024 },
    });
    await run.tracer.ready;
    for (let i = 0; i < 200; i++) run.workWithPayload('large', 50 * 1024);
    const { account, row, totals } = await finishFaultRun(run, '200 x 50 KB, 1 MiB limit', { flushTimeoutMs: 30_000 });
    recorder.add('faults', row);

    expectHostUnharmed(totals, run);
    expectBalanced(account);
    expect(account.delivered).toBe(200);
    expect(account.dropped.too_large).toBe(0);
  });
});

describe('gRPC throttling signals', () => {
  it.each([
    ['retry-info', 'RetryInfo'],
    ['pushback', 'grpc-retry-pushback-ms'],
  ] as const)('RESOURCE_EXHAUSTED with only %s asking for 2 s: the retry waits as told and every span is delivered', async (hint, name) => {
    run = await startFaultRun({ exportTimeoutMs: EXPORT_TIMEOUT_MS }, undefined, { protocol: 'grpc' });
    await run.tracer.ready;
    await run.fault({ kind: 'status', status: 429, retryAfterSeconds: 2, grpcRetryHints: [hint], count: 1 });
    await run.work(50, 'during');
    await waitUntil(() => traceRequests(run!).length >= 1, 'the refused request');
    await run.work(30, 'after');
    const { account, row, totals } = await finishFaultRun(run, `RESOURCE_EXHAUSTED ${name} 2s`);
    recorder.add('faults', row);

    expectHostUnharmed(totals, run);
    expectBalanced(account);
    expect(account.delivered).toBe(account.created);
    const requests = traceRequests(run);
    expect(requests[0]).toMatchObject({ outcome: 'fault', fault: 'status' });
    expect(requests[1]).toMatchObject({ outcome: 'ok' });
    // a lower bound: the client cannot be late by chance into meeting it (its own back-off starts at ~0.5 s)
    expect(requests[1]!.receivedAt - requests[0]!.receivedAt).toBeGreaterThanOrEqual(2_000 - 50);
  });
});
