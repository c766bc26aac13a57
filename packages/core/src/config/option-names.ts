import { OPTION_NAMES, OPTION_TABLE } from './option-table';

/** The option names `resolveTracerConfig` understands at the top level (besides legacy names it maps): the table's, then the groupings. */
export const TRACER_OPTION_NAMES: readonly string[] = Object.freeze([...OPTION_NAMES, 'session', 'evaluation', 'config']);

const inGroup = (group: 'session' | 'evaluation'): readonly string[] =>
  Object.freeze(OPTION_NAMES.filter((name) => OPTION_TABLE[name].group === group));

/** The fields allowed inside `session`. */
export const SESSION_FIELD_NAMES: readonly string[] = inGroup('session');

/** The fields allowed inside `evaluation`. */
export const EVALUATION_FIELD_NAMES: readonly string[] = inGroup('evaluation');

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps each cost 1. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((d[i - 1] as number[])[j]! + 1, (d[i] as number[])[j - 1]! + 1, (d[i - 1] as number[])[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (d[i - 2] as number[])[j - 2]! + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return (d[rows - 1] as number[])[cols - 1]!;
}

const normalize = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '');

/**
 * The known name closest to `name`, for a "did you mean" hint: an exact match ignoring case, `_`, `-` and
 * spaces, else the nearest by {@link editDistance} within a third of the name's length (at least 1, at
 * most 3). Undefined when nothing is close.
 */
export function suggestOptionName(name: string, known: readonly string[] = TRACER_OPTION_NAMES): string | undefined {
  if (typeof name !== 'string' || name === '') return undefined;
  const wanted = normalize(name);
  const exact = known.find((candidate) => normalize(candidate) === wanted);
  if (exact !== undefined) return exact;
  const limit = Math.min(3, Math.max(1, Math.floor(wanted.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(wanted, normalize(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
