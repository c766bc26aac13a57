import type { Context } from '@opentelemetry/api';
import type { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { buildResource, detectEnvironment } from '@honeyhive/infra';
import { LifecycleGatedSpanProcessor, TracerLifecycle, installExitHooks } from '@honeyhive/lifecycle';
import { HoneyHiveSpanProcessor, keepRandomTraceFlag, resolveBatchOptions, selectExportProfile, type SpanStamp } from '@honeyhive/processing';
import type { Logger } from '@honeyhive/utils';
import type { ConfigProblem } from './config/config-problem';
import type { TracerMode } from './config/resolve-tracer-config';
import type { ResolvedTracerConfig } from './config/resolved-config';
import { TRACER_ATTRIBUTE_ROOM } from './config/defaults';
import { OwnSpanMarker } from './own-span-marker';
import { shutDownWhenUnreachable } from './registry';
import { withApiCalls } from './api-calls-target';
import { createTracerExporter } from './tracer-exporter';
import { TRACER_VERSION } from './version';

/** Exit-hook choices of a tracer (see `installExitHooks` of `@honeyhive/lifecycle`). */
export interface ExitHookChoice {
  /** Flush when the event loop empties, waiting at most `exitTimeoutMs` (default 2000). Default true. */
  flushOnExit?: boolean;
  /** Shut down on these signals (`true` = SIGTERM and SIGINT), within `exitTimeoutMs`. Default false. */
  flushOnSignals?: boolean | NodeJS.Signals[];
}

/** Everything a tracer runs on, built per tracer. */
export interface TracerPipeline {
  provider: NodeTracerProvider;
  processor: HoneyHiveSpanProcessor;
  gate: LifecycleGatedSpanProcessor;
  lifecycle: TracerLifecycle;
  marker: OwnSpanMarker;
  testExporter?: InMemorySpanExporter;
  uninstallExitHooks: () => void;
}

/** Inputs of {@link buildTracerPipeline}. */
export interface TracerPipelineInputs {
  config: ResolvedTracerConfig;
  mode: TracerMode;
  problems: readonly ConfigProblem[];
  logger: Logger;
  /** The tracer's session, project, … used when a span's context names none. */
  defaults: SpanStamp;
  /** The tracer's own scope in a span's parent context. */
  resolveStamp: (parentContext: Context) => SpanStamp | undefined;
  exitHooks: ExitHookChoice;
  /** Receives each failed or timed-out export of an active tracer (the processor logs them otherwise). */
  onExportFailed?: (error: Error) => void;
  /** Resolves when the tracer's session and event calls in flight finished: flushes (on exit too) wait for them. */
  apiCallsSettled?: () => Promise<boolean>;
}

/** A logger whose warnings go to debug: a degraded tracer already said why once. */
function quieted(logger: Logger): Logger {
  return { debug: logger.debug.bind(logger), info: logger.debug.bind(logger), warn: logger.debug.bind(logger), error: logger.warn.bind(logger) };
}

function copyPatterns<T>(patterns: readonly T[] | undefined): T[] | undefined {
  return patterns === undefined ? undefined : [...patterns];
}

/**
 * Builds a tracer's OpenTelemetry pipeline: resource, exporter, the HoneyHive span processor with batch
 * settings from the export profile, its lifecycle (the processor is the lifecycle's target) behind a gate,
 * exit hooks, and a `NodeTracerProvider` with the configured attribute limit. Nothing global is touched.
 */
export function buildTracerPipeline(inputs: TracerPipelineInputs): TracerPipeline {
  const { config, mode, problems, logger } = inputs;
  const profile = config.exportProfile ?? selectExportProfile(detectEnvironment()).name;
  const { batch, disableBatch } = resolveBatchOptions({
    batchSize: config.batchSize,
    maxExportBatchBytes: config.maxExportBatchBytes,
    flushIntervalMs: config.flushIntervalMs,
    exportTimeoutMs: config.exportTimeoutMs,
    maxQueueSize: config.maxQueueSize,
    disableBatch: config.disableBatch,
    profile,
    env: {},
  });
  const { exporter, testExporter } = createTracerExporter(config, mode, problems, batch.exportTimeoutMillis, logger);
  const processor = new HoneyHiveSpanProcessor({
    exporter,
    disableBatch,
    batch,
    resolveStamp: inputs.resolveStamp,
    defaults: inputs.defaults,
    includeSpanNames: copyPatterns(config.includeSpanNames),
    excludeSpanNames: copyPatterns(config.excludeSpanNames),
    logger: mode === 'degraded' ? quieted(logger) : logger,
    // a degraded tracer fails every export by design: those stay quiet, in the processor's own log
    onExportFailed: mode === 'degraded' ? undefined : inputs.onExportFailed,
  });
  // the target asks the lifecycle it is built into whether it is shutting down
  let built: TracerLifecycle | undefined;
  const target = withApiCalls(processor, inputs.apiCallsSettled, () => built?.isAcceptingSpans !== false);
  const lifecycle = new TracerLifecycle(target, { logger, name: config.project ?? 'honeyhive' });
  built = lifecycle;
  const gate = new LifecycleGatedSpanProcessor(processor, lifecycle);
  const resource = buildResource({
    project: config.project,
    source: config.source,
    attributes: { 'honeyhive.tracer.version': TRACER_VERSION },
  });
  const marker = new OwnSpanMarker(resource);
  // trace ids come from the SDK's random id generator: spans carry the W3C random flag (kept when continued)
  const provider = keepRandomTraceFlag(
    new NodeTracerProvider({
      resource,
      spanProcessors: [gate],
      spanLimits: { attributeCountLimit: config.maxAttributes + TRACER_ATTRIBUTE_ROOM },
    }),
  );
  const uninstallExitHooks = installExitHooks(lifecycle, {
    beforeExit: inputs.exitHooks.flushOnExit !== false,
    signals: inputs.exitHooks.flushOnSignals ?? false,
    timeoutMs: config.exitTimeoutMs,
  });
  lifecycle.markRunning();
  // Once nothing can start or end a span of this pipeline any more (its tracer, provider, OTel tracers and queued
  // spans all lead to the gate, and user code dropped them without shutdown()), the lifecycle the exit hooks
  // still hold is shut down: anything pending is exported, the hooks removed, the rest becomes collectable.
  shutDownWhenUnreachable(gate, lifecycle);
  return { provider, processor, gate, lifecycle, marker, testExporter, uninstallExitHooks };
}
