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
  /**
   * Optional: the process is exiting (its `exit` event: no asynchronous work runs after it). Counts what is
   * still queued or in flight as lost, so its counters add up, and returns how many spans that was.
   */
  abandonPending?(): number;
}

/**
 * Where a tracer is in its life: `starting` → `running` ⇄ `flushing` → `shutting_down` → `shut_down`.
 * A flush may also start (and return to) `starting`.
 */
export type LifecycleState = 'starting' | 'running' | 'flushing' | 'shutting_down' | 'shut_down';

/** Called on every state change with the new and the previous state. */
export type StateChangeListener = (state: LifecycleState, previous: LifecycleState) => void;
