// Public API of @honeyhive/lifecycle: lifecycle state machine, coalesced flush, idempotent shutdown, exit hooks.
export {
  TracerLifecycle,
  DEFAULT_FLUSH_TIMEOUT_MS,
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
} from './tracer-lifecycle';
export type { TracerLifecycleOptions } from './tracer-lifecycle';
export type { FlushTarget, LifecycleState, StateChangeListener } from './types';
export { LifecycleGatedSpanProcessor } from './gated-span-processor';
export type { SpanGate } from './gated-span-processor';
export { installExitHooks, DEFAULT_EXIT_TIMEOUT_MS } from './exit-hooks';
export type { ExitHookOptions } from './exit-hooks';
