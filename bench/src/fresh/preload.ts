// Preloaded (`node -r`) into every tiny app of the fresh-process sections, the empty baseline included: the
// network guard, and with BENCH_STAGES=1 the stage probe (`globalThis.__benchStage`) that reads memory after two
// gc() calls. Lines go to fd 3 with a synchronous write, so the probe creates no stream of its own.
import fs from 'node:fs';
import { installNetGuard, outboundAttempts } from '../net-guard';

installNetGuard();

const FD = 3;
const write = (value: unknown): void => {
  try {
    fs.writeSync(FD, `${JSON.stringify(value)}\n`);
  } catch {
    // fd 3 is not open: run outside the benchmark
  }
};

if (process.env['BENCH_STAGES'] === '1') {
  const gc = (globalThis as { gc?: () => void }).gc;
  const read = (stage: string): void => {
    gc?.();
    gc?.();
    const usage = process.memoryUsage();
    write({ stage, rss: usage.rss, heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, external: usage.external, atNs: process.hrtime.bigint().toString() });
  };
  read('start');
  (globalThis as { __benchStage?: (stage: string) => void }).__benchStage = read;
}

process.on('exit', (code) => write({ exit: code, outbound: outboundAttempts() }));
