import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gcFunction: (() => void) | undefined;

/**
 * Runs a full garbage collection. Works without `--expose-gc`: the flag is switched on at run time and a
 * fresh context's `gc` is used (the documented V8 trick), so heap figures are comparable between runs.
 */
export function collectGarbage(): void {
  if (gcFunction === undefined) {
    const existing = (globalThis as { gc?: () => void }).gc;
    if (typeof existing === 'function') gcFunction = existing;
    else {
      setFlagsFromString('--expose-gc');
      gcFunction = runInNewContext('gc') as () => void;
    }
  }
  // twice: the first pass can leave objects that only become unreachable once finalizers ran
  gcFunction();
  gcFunction();
}

/** `heapUsed` in bytes after a full garbage collection. */
export function settledHeapUsed(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** Bytes as mebibytes with one decimal, for figures. */
export function toMiB(bytes: number): number {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}
