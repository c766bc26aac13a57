import { contender } from '../contenders';
import type { BackendUrls } from '../contenders/types';
import type { Job, ThroughputResult } from '../jobs';
import { llmPayload, outputAttributes, startAttributes } from '../workload';

const CHUNK = 256;
/** Spans made but not yet acknowledged, at most: the same back-pressure on both sides. */
const IN_FLIGHT_WINDOW = 2048;
const STALL_MS = 30_000;
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Section 4: export `spans` spans carrying the typical LLM attributes to the local backend and wait for
 * the last acknowledgement. The spans are made the same way on both sides (a plain span with the
 * attributes set by hand), so the difference is the export pipeline: processor, queue and exporter.
 * The producer keeps at most IN_FLIGHT_WINDOW spans unacknowledged, so neither side builds a backlog
 * (OpenTelemetry's BatchSpanProcessor would export a backlog in parallel on flush).
 */
export async function runThroughput(job: Extract<Job, { section: 'throughput' }>, backend: BackendUrls): Promise<ThroughputResult> {
  const subject = contender(job.contender);
  subject.load([job.protocol]);
  const handle = await subject.create({ sink: { kind: 'backend', protocol: job.protocol, batch: job.batch }, backend, index: 0 });
  if (!handle.plainSpan) throw new Error(`${job.contender} has no plain-span API for the throughput section`);
  const attributes = { ...startAttributes(llmPayload()), ...outputAttributes(llmPayload()) };
  const settled = (): number => {
    const counts = handle.counts();
    return counts.exported + (counts.dropped ?? 0);
  };
  const produce = async (count: number): Promise<void> => {
    const before = settled();
    for (let made = 0; made < count; ) {
      const chunk = Math.min(CHUNK, count - made);
      for (let i = 0; i < chunk; i++) handle.plainSpan!('llm-span', attributes);
      made += chunk;
      await yieldToLoop();
      const waitingSince = Date.now();
      while (made - (settled() - before) > IN_FLIGHT_WINDOW) {
        if (Date.now() - waitingSince > STALL_MS) throw new Error(`export stalled: ${settled() - before} of ${made} spans acknowledged`);
        await sleep(1);
      }
    }
  };
  // Warm-up: JIT, connection set-up, first export.
  await produce(job.warmupSpans);
  await handle.flush();

  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await produce(job.spans);
  await handle.flush();
  const elapsedMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const counts = handle.counts();
  await handle.shutdown();
  return {
    spans: job.spans,
    warmupSpans: job.warmupSpans,
    elapsedMs,
    spansPerSec: (job.spans * 1000) / elapsedMs,
    cpuNsPerSpan: ((cpu.user + cpu.system) * 1000) / job.spans,
    counts,
  };
}
