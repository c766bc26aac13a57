// Writes the app's result as one JSON line on stdout. It imports stream's `pipeline` at the top level, as apps do:
// in a bundle every module shares one top-level scope, so this import is what makes esbuild rename the traced
// `pipeline` function of steps.ts (to `pipeline2`) unless `keepNames` is set.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Prints `value` as one JSON line on stdout. */
export async function report(value: unknown): Promise<void> {
  await pipeline(Readable.from([`${JSON.stringify(value)}\n`]), process.stdout, { end: false });
}
