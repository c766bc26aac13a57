// The inputs of section 6 (capture cost): a typical payload, and values that are huge, sparse or wide.
import { llmPayload } from '../workload';

/** One input, built once (not timed), then captured `repeats` times through each path. */
export interface CaptureCase {
  name: string;
  build(): unknown;
}

function sparseArray(): unknown[] {
  const array: unknown[] = [];
  array[1e9] = 'far away';
  return array;
}

function wideObject(keys: number): Record<string, number> {
  const value: Record<string, number> = {};
  for (let i = 0; i < keys; i++) value[`k${i}`] = i;
  return value;
}

/** Every case, in report order. */
export const CAPTURE_CASES: readonly CaptureCase[] = [
  { name: 'typical LLM payload (~3 KiB)', build: () => { const p = llmPayload(); return { messages: p.messages, params: p.params }; } },
  { name: 'array of 5e7 holes (new Array(5e7))', build: () => new Array(5e7) },
  { name: 'sparse array (a[1e9] set)', build: sparseArray },
  { name: 'array of 1e6 numbers', build: () => Array.from({ length: 1e6 }, (_, i) => i) },
  { name: 'Map of 1e6 entries', build: () => new Map(Array.from({ length: 1e6 }, (_, i) => [`k${i}`, i])) },
  { name: 'object of 1e5 keys', build: () => wideObject(1e5) },
  { name: 'object of 1e6 keys', build: () => wideObject(1e6) },
  { name: 'string of 4 MiB', build: () => 'x'.repeat(4 * 1024 * 1024) },
];

