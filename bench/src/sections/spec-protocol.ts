// Section 7: the OpenTelemetry performance-benchmark protocol. Spans with 10 attributes of 20-character names
// and 20-character values, made at a fixed rate (10,000 spans/s by default) for a fixed time, exported by the
// contender's batch processor at its default settings as OTLP http/protobuf to a lean receiver in another process
// (protocol-sink.ts, in the backend's process). The figure is the exporting process's CPU share: CPU time / wall
// time of the window.
import { contender } from '../contenders';
import type { BackendUrls } from '../contenders/types';
import type { Job, ProtocolResult } from '../jobs';

/** The 10 attributes of every span: names and values of exactly 20 characters, one fast-mode literal. */
const PROTOCOL_ATTRIBUTES: Readonly<Record<string, string>> = {
  'bench.attribute.a001': 'value.of.attrib.0001',
  'bench.attribute.a002': 'value.of.attrib.0002',
  'bench.attribute.a003': 'value.of.attrib.0003',
  'bench.attribute.a004': 'value.of.attrib.0004',
  'bench.attribute.a005': 'value.of.attrib.0005',
  'bench.attribute.a006': 'value.of.attrib.0006',
  'bench.attribute.a007': 'value.of.attrib.0007',
  'bench.attribute.a008': 'value.of.attrib.0008',
  'bench.attribute.a009': 'value.of.attrib.0009',
  'bench.attribute.a010': 'value.of.attrib.0010',
};

/** How often the producer wakes up; each tick makes the spans that are due. */
const TICK_MS = 5;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * After a stall (the machine is shared), at most this much time's worth of spans is made at once (1,000 at
 * 10,000/s): a longer catch-up burst would overflow a batch queue (2048 spans by default), whose dropped spans
 * would then cost nothing to export.
 */
const MAX_CATCH_UP_MS = 100;

/** Makes spans at `perSec` for `ms` of wall time (falling behind after a stall rather than bursting); resolves with the spans made. */
async function paced(op: () => void, perSec: number, ms: number): Promise<number> {
  const start = performance.now();
  const maxBurst = Math.max(1, Math.ceil((perSec * MAX_CATCH_UP_MS) / 1000));
  let made = 0;
  let owed = 0;
  let last = start;
  for (;;) {
    const now = performance.now();
    if (now - start >= ms) return made;
    owed = Math.min(maxBurst, owed + ((now - last) * perSec) / 1000);
    last = now;
    while (owed >= 1) {
      op();
      made++;
      owed--;
    }
    await sleep(TICK_MS);
  }
}

/** Section 7 in a fresh process: warm up, then one measured window. */
export async function runProtocol(job: Extract<Job, { section: 'protocol' }>, backend: BackendUrls): Promise<ProtocolResult> {
  const subject = contender(job.contender);
  subject.load(['http/protobuf']);
  const handle = await subject.create({ sink: { kind: 'backend', protocol: 'http/protobuf', otlpUrl: backend.sinkUrl }, backend, index: 0 });
  const op = handle.protocolOp?.(job.mode, PROTOCOL_ATTRIBUTES);
  if (!op) throw new Error(`${job.contender} cannot make protocol spans in mode ${job.mode}`);
  const warmup = await paced(op, job.spansPerSec, job.warmupSeconds * 1000);
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const spans = await paced(op, job.spansPerSec, job.seconds * 1000);
  const wallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  const rss = process.memoryUsage.rss();
  await handle.flush();
  const counts = handle.counts();
  await handle.shutdown();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { spans, wallMs, cpuMs, cpuShare: cpuMs / wallMs, achievedPerSec: (spans * 1000) / wallMs, made: warmup + spans, counts, rss };
}
