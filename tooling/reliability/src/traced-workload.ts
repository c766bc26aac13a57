import { performance } from 'node:perf_hooks';
import { trace, type HoneyHiveTracer } from '@honeyhive/tracer';

/** What a workload run observed about the traced calls, from the host application's side. */
export interface WorkloadReport {
  /** Traced calls made (one span each). */
  calls: number;
  /** Calls whose result (value, or thrown error object) differed from the untraced function's. */
  alteredResults: number;
  /** Errors that reached the caller other than the ones the user functions threw on purpose. */
  unexpectedErrors: unknown[];
  /**
   * Calls after which the tracer still held spans (queued or in flight): the call returned before the export
   * of its own span, i.e. it did not wait for the network. Equals `calls` for a correct tracer.
   */
  returnedBeforeExport: number;
  /** Calls that completed while an export was in flight (held by a slow or absent backend). */
  completedDuringExport: number;
  /** Median duration of a traced call and of the same call untraced (µs): reported, not asserted. */
  medianTracedMicros: number;
  medianUntracedMicros: number;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]! * 1000);
}

class Deliberate extends Error {}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A report with nothing counted yet. */
export function emptyWorkloadReport(): WorkloadReport {
  return {
    calls: 0,
    alteredResults: 0,
    unexpectedErrors: [],
    returnedBeforeExport: 0,
    completedDuringExport: 0,
    medianTracedMicros: 0,
    medianUntracedMicros: 0,
  };
}

/**
 * Runs `count` traced calls on `tracer` (one span each), rotating four shapes a host uses: a sync function
 * through `trace()`, an async one, a sync one that throws, and `tracer.startSpan(name, fn)`. Every call is
 * checked against the same function untraced (same value, same error object), timed against it, and the
 * tracer's queue is read right after each call returns. Never throws: problems are counted in the report.
 */
export async function runTracedWorkload(tracer: HoneyHiveTracer, count: number, label = 'work'): Promise<WorkloadReport> {
  const report = emptyWorkloadReport();
  const traced: number[] = [];
  const untraced: number[] = [];
  const syncFn = (i: number): { i: number; label: string } => ({ i, label });
  const asyncFn = async (i: number): Promise<number[]> => {
    await tick();
    return [i, i * 2];
  };
  const throwingFn = (i: number): never => {
    throw new Deliberate(`deliberate ${i}`);
  };
  const tracedSync = trace(syncFn, { tracer, eventName: `${label}.sync` });
  const tracedAsync = trace(asyncFn, { tracer, eventName: `${label}.async` });
  const tracedThrowing = trace(throwingFn, { tracer, eventName: `${label}.throws` });

  const observeAfterCall = (): void => {
    const stats = tracer.stats();
    if (stats.queued + stats.inFlight > 0 || stats.dropped.queue_full > 0) report.returnedBeforeExport++;
  };

  for (let i = 0; i < count; i++) {
    const shape = i % 4;
    const inFlightBefore = tracer.stats().inFlight > 0;
    try {
      let t0 = performance.now();
      if (shape === 0) {
        const value = tracedSync(i);
        traced.push(performance.now() - t0);
        observeAfterCall();
        t0 = performance.now();
        const plain = syncFn(i);
        untraced.push(performance.now() - t0);
        if (value.i !== plain.i || value.label !== plain.label || Object.keys(value).length !== 2) report.alteredResults++;
      } else if (shape === 1) {
        const value = await tracedAsync(i);
        traced.push(performance.now() - t0);
        observeAfterCall();
        t0 = performance.now();
        const plain = await asyncFn(i);
        untraced.push(performance.now() - t0);
        if (JSON.stringify(value) !== JSON.stringify(plain)) report.alteredResults++;
      } else if (shape === 2) {
        let caught: unknown;
        try {
          tracedThrowing(i);
        } catch (error) {
          caught = error;
        }
        traced.push(performance.now() - t0);
        observeAfterCall();
        if (!(caught instanceof Deliberate) || caught.message !== `deliberate ${i}`) report.alteredResults++;
      } else {
        const marker = { i };
        const value = tracer.startSpan(`${label}.span`, (span) => {
          span.setAttribute('reliability.index', i);
          return marker;
        });
        traced.push(performance.now() - t0);
        observeAfterCall();
        if (value !== marker) report.alteredResults++;
      }
      if (inFlightBefore && tracer.stats().inFlight > 0) report.completedDuringExport++;
    } catch (error) {
      report.unexpectedErrors.push(error);
    }
    report.calls++;
  }
  report.medianTracedMicros = median(traced);
  report.medianUntracedMicros = median(untraced);
  return report;
}
