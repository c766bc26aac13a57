import type { Context, TracerProvider } from '@opentelemetry/api';
import type { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { buildResource } from '@honeyhive/infra';
import { LifecycleGatedSpanProcessor, TracerLifecycle, installExitHooks } from '@honeyhive/lifecycle';
import { HoneyHiveSpanProcessor, keepRandomTraceFlag, type SpanStamp } from '@honeyhive/processing';
import type { Logger } from '@honeyhive/utils';
import type { ConfigProblem } from './config/config-problem';
import type { TracerMode } from './config/resolve-tracer-config';
import type { ResolvedTracerConfig } from './config/resolved-config';
import { TRACER_ATTRIBUTE_ROOM } from './config/defaults';
import { withPrefixFilters } from './config/span-name-filters';
import { OpenSpanIndex } from './open-span-index';
import { OwnSpanMarker } from './own-span-marker';
import { shutDownWhenUnreachable } from './unreachable-shutdown';
import { withApiCalls } from './api-calls-target';
import { tracerBatchSettings } from './batch-settings';
import { createTracerExporter } from './tracer-exporter';
import { tracerSampler } from './tracer-sampler';
import { TRACER_VERSION } from './version';

const NOT_SAMPLING = Object.freeze({ sampledOut: 0 });

/** Exit-hook choices of a tracer (see `installExitHooks` of `@honeyhive/lifecycle`). */
export interface ExitHookChoice {
  /** Flush when the event loop empties, waiting at most `exitTimeoutMs` (default 2000). Default true. */
  flushOnExit?: boolean;
  /** Shut down on these signals (`true` = SIGTERM and SIGINT), within `exitTimeoutMs`. Default false. */
  flushOnSignals?: boolean | NodeJS.Signals[];
}

/** What a tracer reads from its span processor: the span counts. */
export type SpanCounts = Pick<HoneyHiveSpanProcessor, 'stats'>;

/** Everything a tracer runs on, built per tracer ({@link buildTracerPipeline}, or `disabledPipeline`). */
export interface TracerPipeline {
  /** False for the disabled pipeline: it traces nothing, so it is not registered globally and traces no HTTP. */
  enabled: boolean;
  provider: TracerProvider;
  processor: SpanCounts;
  gate: Pick<LifecycleGatedSpanProcessor, 'droppedAfterShutdown'>;
  /** Counts the spans the sampler dropped (always 0 when neither `sampler` nor `sampleRate` is set). */
  sampling: { readonly sampledOut: number };
  lifecycle: TracerLifecycle;
  marker: Pick<OwnSpanMarker, 'owns'>;
  /** This provider's spans still open, by span id (none when nothing is traced). */
  openSpans: Pick<OpenSpanIndex, 'find'>;
  /** Replaces the stamp's fallback values (the tracer switched its own session); a no-op when nothing is traced. */
  setDefaults: (defaults: SpanStamp) => void;
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

/** A logger whose warnings go to debug: a degraded tracer (or one without its transport) already said why once. */
function quieted(logger: Logger): Logger {
  return { debug: logger.debug.bind(logger), info: logger.debug.bind(logger), warn: logger.debug.bind(logger), error: logger.warn.bind(logger) };
}

/**
 * Builds a tracer's OpenTelemetry pipeline: resource, exporter, the HoneyHive span processor with batch
 * settings from the export profile, its lifecycle (the processor is the lifecycle's target) behind a gate,
 * exit hooks, and a `NodeTracerProvider` with the configured attribute limit. Nothing global is touched.
 */
export function buildTracerPipeline(inputs: TracerPipelineInputs): TracerPipeline {
  const { config, mode, problems, logger } = inputs;
  const { batch, disableBatch } = tracerBatchSettings(config);
  const { exporter, testExporter, explained } = createTracerExporter(config, mode, problems, batch.exportTimeoutMillis, logger);
  // a degraded tracer, or one whose transport is missing, fails every export by design and said why once
  const quiet = mode === 'degraded' || explained === true;
  const processor = new HoneyHiveSpanProcessor({
    exporter,
    disableBatch,
    batch,
    resolveStamp: inputs.resolveStamp,
    defaults: inputs.defaults,
    // npm honeyhive 1.x's traceloop.association.properties.disable_http_tracing, on every span
    disableHttpTracing: config.disableHttpTracing,
    // the Python SDK's span_name_filters add their prefixes to the lists
    includeSpanNames: withPrefixFilters(config.includeSpanNames, config.spanNameFilters?.include),
    excludeSpanNames: withPrefixFilters(config.excludeSpanNames, config.spanNameFilters?.exclude),
    maxSpanBytes: config.maxSpanSize,
    logger: quiet ? quieted(logger) : logger,
    // those failures stay quiet, in the processor's own log (debug)
    onExportFailed: quiet ? undefined : inputs.onExportFailed,
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
  const openSpans = new OpenSpanIndex();
  // decides from the session id the processor will stamp; undefined leaves OTEL_TRACES_SAMPLER to the SDK
  const sampler = tracerSampler(config, (ctx) => processor.sessionIdOf(ctx));
  // trace ids come from the SDK's random id generator: spans carry the W3C random flag (kept when continued)
  const provider = keepRandomTraceFlag(
    new NodeTracerProvider({
      resource,
      spanProcessors: [gate, openSpans],
      spanLimits: {
        attributeCountLimit: config.maxAttributes + TRACER_ATTRIBUTE_ROOM,
        ...(config.maxEvents === undefined ? {} : { eventCountLimit: config.maxEvents }),
        ...(config.maxLinks === undefined ? {} : { linkCountLimit: config.maxLinks }),
      },
      ...(sampler === undefined ? {} : { sampler }),
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
  const setDefaults = (defaults: SpanStamp) => processor.setDefaults(defaults);
  return { enabled: true, provider, processor, gate, sampling: sampler ?? NOT_SAMPLING, lifecycle, marker, openSpans, setDefaults, testExporter, uninstallExitHooks };
}
