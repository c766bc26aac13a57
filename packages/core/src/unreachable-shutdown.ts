// Per copy of the package: each copy shuts down the pipelines it built.
const unreachable = new FinalizationRegistry<{ shutdown(): Promise<unknown> }>((target) => {
  target.shutdown().catch(() => undefined);
});

/**
 * Shuts `target` down once `handle` has been garbage-collected. `target` must not lead back to `handle`
 * (it would keep it alive). Used for a tracer's pipeline: `handle` is the span gate, `target` its lifecycle.
 */
export function shutDownWhenUnreachable(handle: object, target: { shutdown(): Promise<unknown> }): void {
  unreachable.register(handle, target);
}
