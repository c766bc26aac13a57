/**
 * Anything that can be flushed and shut down: an OpenTelemetry `TracerProvider`, a `SpanProcessor` or a
 * `SpanExporter` with `forceFlush` all fit.
 */
export interface FlushTarget {
  /** Delivers everything buffered. */
  forceFlush(): Promise<void>;
  /**
   * Optional: {@link forceFlush}, resolving whether everything was delivered (e.g. the HoneyHive span
   * processor's). When present, `flush()` resolves its answer; otherwise a flush that finished counts as delivered.
   */
  flushDelivered?(): Promise<boolean>;
  /** Delivers what is buffered and releases resources; nothing is accepted afterwards. */
  shutdown(): Promise<void>;
}

/**
 * Where a tracer is in its life: `starting` → `running` ⇄ `flushing` → `shutting_down` → `shut_down`.
 * A flush may also start (and return to) `starting`.
 */
export type LifecycleState = 'starting' | 'running' | 'flushing' | 'shutting_down' | 'shut_down';

/** Called on every state change with the new and the previous state. */
export type StateChangeListener = (state: LifecycleState, previous: LifecycleState) => void;
