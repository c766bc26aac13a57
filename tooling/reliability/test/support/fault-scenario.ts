import { startLocalBackend, type FaultRule, type LocalBackend, type LocalBackendOptions } from '@honeyhive/local-backend';
import type { HoneyHiveTracer, HoneyHiveTracerOptions } from '@honeyhive/tracer';
import { accountIdentities, accountSpans, droppedTotal, type SpanAccount } from '../../src/accounting';
import { CapturingLogger } from '../../src/log-capture';
import type { FigureRow } from '../../src/results';
import { StrayErrorCollector } from '../../src/stray-errors';
import { createReliabilityTracer, secretApiKey } from '../../src/tracer-factory';
import { emptyWorkloadReport, runTracedWorkload, type WorkloadReport } from '../../src/traced-workload';

/** The export protocols the fault table runs over. */
export type FaultProtocol = 'http/protobuf' | 'grpc';

/** Every protocol of the fault table: each scenario runs over both. */
export const FAULT_PROTOCOLS: readonly FaultProtocol[] = ['http/protobuf', 'grpc'];

/** Options of {@link startFaultRun} beyond the tracer's. */
export interface FaultRunOptions {
  /** How spans are exported (default http/protobuf). */
  protocol?: FaultProtocol;
  /** Options of the local backend (e.g. `maxBodyBytes`). */
  backend?: LocalBackendOptions;
}

/** A running fault scenario: one backend, one tracer, and what the host saw. */
export interface FaultRun {
  /** How the tracer exports. */
  protocol: FaultProtocol;
  backend: LocalBackend;
  tracer: HoneyHiveTracer;
  logger: CapturingLogger;
  /** Errors the tracer reported through `onError` (internal, never thrown). */
  reported: Error[];
  strays: StrayErrorCollector;
  reports: WorkloadReport[];
  startedAt: number;
  /** Runs `count` traced calls and keeps the report. */
  work(count: number, label?: string): Promise<WorkloadReport>;
  /** One traced call whose span carries a `payload` attribute of `bytes` bytes (counted like `work`). */
  workWithPayload(label: string, bytes: number): WorkloadReport;
  /** Sets fault rules on the backend. */
  fault(rules: FaultRule | FaultRule[]): Promise<void>;
}

/**
 * Starts a backend (optionally with `initialFaults` set before the tracer exists) and a tracer on it that
 * exports over `options.protocol` (session and event calls always go over HTTP).
 */
export async function startFaultRun(
  tracerOptions: HoneyHiveTracerOptions = {},
  initialFaults?: FaultRule | FaultRule[],
  options: FaultRunOptions = {},
): Promise<FaultRun> {
  const protocol = options.protocol ?? 'http/protobuf';
  const backend = await startLocalBackend(options.backend);
  if (initialFaults !== undefined) await backend.faults.set(initialFaults);
  const logger = new CapturingLogger();
  const reported: Error[] = [];
  const apiKey = tracerOptions.apiKey ?? secretApiKey('fault');
  const strays = new StrayErrorCollector().install();
  const tracer = createReliabilityTracer(backend, {
    apiKey,
    logger,
    verbose: true,
    onError: (error) => reported.push(error),
    // the key goes only to the HoneyHive origin (serverUrl); the gRPC endpoint, another origin, is given it explicitly
    ...(protocol === 'grpc'
      ? { otlpProtocol: 'grpc', otlpEndpoint: backend.grpcUrl, otlpHeaders: { authorization: `Bearer ${apiKey}` } }
      : { otlpProtocol: 'http/protobuf' }),
    ...tracerOptions,
  });
  const reports: WorkloadReport[] = [];
  return {
    protocol,
    backend,
    tracer,
    logger,
    reported,
    strays,
    reports,
    startedAt: Date.now(),
    async work(count, label) {
      const report = await runTracedWorkload(tracer, count, label);
      reports.push(report);
      return report;
    },
    workWithPayload(label, bytes) {
      const report = { ...emptyWorkloadReport(), calls: 1 };
      try {
        const marker = {};
        const value = tracer.startSpan(`${label}.payload`, (span) => {
          span.setAttribute('reliability.payload', 'x'.repeat(bytes));
          return marker;
        });
        if (value !== marker) report.alteredResults++;
        const stats = tracer.stats();
        if (stats.queued + stats.inFlight > 0 || stats.dropped.queue_full > 0) report.returnedBeforeExport++;
      } catch (error) {
        report.unexpectedErrors.push(error);
      }
      reports.push(report);
      return report;
    },
    fault: (rules) => backend.faults.set(rules),
  };
}

/** Totals over every workload of a run. */
function workloadTotals(run: FaultRun): WorkloadReport {
  const total = emptyWorkloadReport();
  for (const r of run.reports) {
    total.calls += r.calls;
    total.alteredResults += r.alteredResults;
    total.unexpectedErrors.push(...r.unexpectedErrors);
    total.returnedBeforeExport += r.returnedBeforeExport;
    total.completedDuringExport += r.completedDuringExport;
  }
  const medians = run.reports.filter((r) => r.calls > 0);
  total.medianTracedMicros = Math.max(0, ...medians.map((r) => r.medianTracedMicros));
  total.medianUntracedMicros = Math.max(0, ...medians.map((r) => r.medianUntracedMicros));
  return total;
}

/** Flushes (fault rules stay as they are: counted ones run out by themselves), accounts for every span, and returns the account plus the figure row for the results. */
export async function finishFaultRun(
  run: FaultRun,
  fault: string,
  options: { acknowledgedNotStored?: number; flushTimeoutMs?: number } = {},
): Promise<{ account: SpanAccount; row: FigureRow; flushed: boolean; totals: WorkloadReport }> {
  const flushed = await run.tracer.flush(options.flushTimeoutMs ?? 30_000);
  const totals = workloadTotals(run);
  const stats = run.tracer.stats();
  const account = accountSpans({
    created: totals.calls,
    stats,
    received: run.backend.spans(),
    sessionIds: new Set([run.tracer.sessionId]),
    acknowledgedNotStored: options.acknowledgedNotStored,
  });
  const row: FigureRow = {
    fault,
    protocol: run.protocol,
    created: account.created,
    delivered: account.delivered,
    ackedNotStored: account.acknowledgedNotStored,
    dropped: droppedTotal(account.dropped),
    droppedByReason: account.dropped,
    failed: account.failed,
    duplicates: account.duplicates,
    balanced: accountIdentities(account).every(([, left, right]) => left === right),
    tracedMedianUs: totals.medianTracedMicros,
    untracedMedianUs: totals.medianUntracedMicros,
    callsDuringExport: totals.completedDuringExport,
    sessionStart: stats.sessionStarts.ok > 0 ? 'ok' : 'failed',
    seconds: Math.round((Date.now() - run.startedAt) / 100) / 10,
  };
  return { account, row, flushed, totals };
}

/** Shuts the tracer down and stops the backend (idempotent pieces; safe in afterEach). */
export async function stopFaultRun(run: FaultRun | undefined): Promise<void> {
  if (run === undefined) return;
  run.strays.uninstall();
  await run.tracer.shutdown(2_000);
  await run.backend.stop();
}

/** The common assertions of every fault: nothing reached the host, results unchanged, counts add up exactly. */
export function expectHostUnharmed(totals: WorkloadReport, run: FaultRun): void {
  expect(totals.unexpectedErrors).toEqual([]);
  expect(run.strays.errors).toEqual([]);
  expect(totals.alteredResults).toBe(0);
  // every call returned while its own span was still waiting for export: no call waited for the network
  expect(totals.returnedBeforeExport).toBe(totals.calls);
}

/** Asserts the account identities (created = delivered + acked-not-stored + dropped + failed, …) exactly. */
export function expectBalanced(account: SpanAccount): void {
  for (const [name, left, right] of accountIdentities(account)) {
    expect({ identity: name, value: left }).toEqual({ identity: name, value: right });
  }
  expect(account.pending).toBe(0);
  expect(account.duplicates).toBe(0);
}
