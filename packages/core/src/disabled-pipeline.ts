import { ProxyTracerProvider } from '@opentelemetry/api';
import { TracerLifecycle } from '@honeyhive/lifecycle';
import type { ProcessorStats } from '@honeyhive/processing';
import type { Logger } from '@honeyhive/utils';
import type { TracerPipeline } from './tracer-pipeline';

const NOOP_TARGET = { forceFlush: async () => undefined, shutdown: async () => undefined };

function zeroStats(): ProcessorStats {
  return {
    started: 0,
    ended: 0,
    exported: 0,
    failed: 0,
    dropped: { no_session: 0, filtered: 0, queue_full: 0, too_large: 0, shutdown: 0, process_exit: 0 },
    queued: 0,
    inFlight: 0,
    abandoned: 0,
  };
}

/**
 * The pipeline of a tracer that traces nothing (disabled, or its pipeline could not be built): a no-op provider,
 * all-zero span counts, no open span, a lifecycle over nothing, no exit hooks. It is never registered globally and
 * traces no HTTP.
 */
export function disabledPipeline(logger: Logger): TracerPipeline {
  const lifecycle = new TracerLifecycle(NOOP_TARGET, { logger, name: 'honeyhive (no pipeline)' });
  lifecycle.markRunning();
  return {
    enabled: false,
    provider: new ProxyTracerProvider(),
    processor: { stats: zeroStats },
    gate: { droppedAfterShutdown: 0 },
    sampling: { sampledOut: 0 },
    lifecycle,
    marker: { owns: () => false },
    openSpans: { find: () => undefined },
    setDefaults: () => undefined,
    uninstallExitHooks: () => undefined,
  };
}
