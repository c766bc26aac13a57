// One registry for the process: its callbacks hold no reference to the objects they watch.
const registry = new FinalizationRegistry<() => void>((callback) => {
  try {
    callback();
  } catch {
    // a watcher that throws must not disturb the host
  }
});

/**
 * Calls `callback` once after `target` has been garbage-collected (FinalizationRegistry), unless the returned
 * function is called first. `callback` must not reference `target`, or `target` is never collected. The
 * callback runs some time after collection, as a task of its own; never rely on when. Never throws: when
 * `target` cannot be watched (not an object) the callback is simply never called.
 */
export function whenCollected(target: object, callback: () => void): () => void {
  const token = {};
  try {
    registry.register(target, callback, token);
  } catch {
    return () => undefined;
  }
  return () => {
    try {
      registry.unregister(token);
    } catch {
      // already gone
    }
  };
}
