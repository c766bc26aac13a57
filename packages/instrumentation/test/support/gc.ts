import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/** V8's `gc()`, exposed at run time (`--expose-gc` for contexts created from now on), so no node flag is needed. */
function gcFunction(): () => void {
  if (collect === undefined) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  return collect;
}

/**
 * Collects garbage and yields to the event loop (where FinalizationRegistry callbacks run) until
 * `condition()` holds. The deadline is only a safety net: the loop ends as soon as the condition holds.
 */
export async function collectUntil(condition: () => boolean, deadlineMs = 30_000): Promise<void> {
  const gc = gcFunction();
  const deadline = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the condition did not hold after repeated garbage collections');
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
