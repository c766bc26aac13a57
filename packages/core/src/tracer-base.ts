import type { Context, Tracer, TracerProvider } from '@opentelemetry/api';
import type { ReadableSpan, Span } from '@opentelemetry/sdk-trace-base';
import {
  ErrorPolicy,
  ensureGlobalContextAndPropagation,
  registerGlobalProvider,
  shouldRegisterGlobalProvider,
} from '@honeyhive/integration';
import type { TracerLifecycle } from '@honeyhive/lifecycle';
import type { SpanStamp } from '@honeyhive/processing';
import { SecretRedaction, createLogger, generateSessionId, type Logger } from '@honeyhive/utils';
import { HoneyHiveConfigError } from './config/config-error';
import { formatConfigProblem, type ConfigProblem } from './config/config-problem';
import { resolveTracerConfig, type TracerConfigResolution, type TracerMode } from './config/resolve-tracer-config';
import type { ResolvedTracerConfig } from './config/resolved-config';
import type { MaskFunction } from './config/types';
import { configuredSecrets } from './credential-scope';
import { BaggageDropCounts } from './baggage-drop-counts';
import { enableHttpTracing } from './http-tracing';
import { redactingLogger } from './redacting-logger';
import { ACTIVE_TRACER_KEY } from './active-tracer-key';
import { joinRegistry, removeTracer } from './tracer-registry';
import { handOverGlobalProvider, offerGlobalProvider } from './global-provider-sharing';
import { apiKeySourceText } from './rejected-key-message';
import { SessionClient, type OfflineReason, type StartSessionOptions, type StartSessionResult } from './session-client';
import type { SessionStartFields } from './event-payloads';
import { httpTracingScope, pipelineCallbacks, scopeValue, type OwnScope } from './tracer-callbacks';
import { disabledPipeline } from './disabled-pipeline';
import { buildTracerPipeline, type ExitHookChoice, type SpanCounts, type TracerPipeline } from './tracer-pipeline';
import { splitTracerOptions, type HoneyHiveTracerOptions } from './tracer-options';
import type { TracerOperation } from './tracer-operation';
import type { TracerStats } from './tracer-stats';
import { CLIENT_PACKAGE, TRACER_VERSION } from './version';

/** The per-tracer capture settings read by `@honeyhive/instrumentation` (`trace()`, decorators). */
export interface TracerCaptureOptions {
  readonly captureInputs: boolean;
  readonly captureOutputs: boolean;
  readonly mask?: MaskFunction;
  /** The tracer's secret redaction (its API key, the default and configured secret keys). */
  readonly redaction: SecretRedaction;
  readonly legacyInputShape: boolean;
  readonly maxAttributes: number;
  readonly logger?: Logger;
}

/** The instrumentation scope name of spans started through a tracer's `getTracer()`. */
const TRACER_SCOPE_NAME = '@honeyhive/tracer';

function resolveConfig(options: HoneyHiveTracerOptions | undefined): TracerConfigResolution {
  try {
    return resolveTracerConfig(options);
  } catch (error) {
    if (error instanceof HoneyHiveConfigError) throw error;
    // a bug in resolution must not break the host: run disabled, and say why
    const fallback = resolveTracerConfig({ disableTracing: true }, {});
    const message = error instanceof Error ? error.message : String(error);
    return { ...fallback, problems: [{ field: 'options', source: 'argument', message: `the options could not be read (${message}); tracing is disabled`, fix: 'pass a plain options object' }] };
  }
}

function offlineReason(config: ResolvedTracerConfig, mode: TracerMode): OfflineReason | undefined {
  if (mode === 'disabled') return 'disabled';
  if (config.testMode) return 'testMode';
  if (mode === 'degraded') return 'degraded';
  return undefined;
}

function evaluationMetadata(config: ResolvedTracerConfig): Record<string, unknown> | undefined {
  const ids: Record<string, string> = {};
  if (config.runId !== undefined) ids.run_id = config.runId;
  if (config.datasetId !== undefined) ids.dataset_id = config.datasetId;
  if (config.datapointId !== undefined) ids.datapoint_id = config.datapointId;
  return Object.keys(ids).length === 0 ? undefined : ids;
}

/**
 * The core of a HoneyHive tracer: one configuration, one OpenTelemetry provider, span processor, exporter,
 * lifecycle and session client per instance; nothing shared with other tracers except the registry.
 *
 * The constructor is synchronous and fast: it resolves the configuration (with `strict: true` an invalid one
 * throws `HoneyHiveConfigError`; otherwise each problem is logged once and the tracer degrades), builds the
 * pipeline, registers the provider globally only when none is registered (and `registerGlobal` is not false),
 * and sends the session-start request in the background (`ready` tells how it went).
 *
 * ## Mixin contract
 * Mixins (`TracerOperationsMixin`, `TracerContextMixin`, or a plugin's) use only these protected members:
 * `config` (resolved settings), `mode`, `provider` / `otelTracer` (this tracer's OTel provider and tracer),
 * `processor` (its span counts, all zero when disabled), `lifecycle`, `policy` (report failures, never throw),
 * `logger`, `sessionClient`, `baggageDrops` (counts for `stats()`), `scopeKey` (this tracer's context key; its
 * value is a `SpanStamp`), `sessionId`, and the helpers `defaultScope()`, `scopeIn(ctx)`, `currentScope(ctx)`,
 * `enterScope(ctx, scope?)`, `ownsSpan(span)`, `openSpan(spanId)`, `startSessionRequest(fields)`,
 * `switchOwnSession(sessionId)` and `enrichmentLimits`.
 */
export class HoneyHiveTracerBase {
  /** The resolved settings (frozen; the API key is non-enumerable and redacted in `toJSON`). */
  protected readonly config: ResolvedTracerConfig;
  /** `active`, `degraded` or `disabled`. */
  protected readonly mode: TracerMode;
  /** Configuration problems found at construction (each logged once). */
  protected readonly configProblems: readonly ConfigProblem[];
  /** Where failures are reported: counted, passed to `onError`, logged rate-limited and redacted. */
  protected readonly policy: ErrorPolicy<TracerOperation>;
  /** Baggage members `extract()` / `inject()` left out (W3C Baggage grammar and limits), for `stats()`. */
  protected readonly baggageDrops = new BaggageDropCounts();
  /** This tracer's logger (`logger` option, else warnings to the console; debug/info with `verbose`). */
  protected readonly logger: Logger;
  /** This tracer's HoneyHive API client (sessions and events). */
  protected readonly sessionClient: SessionClient;
  /** This tracer's own context key: the value is the {@link SpanStamp} of the scope (session, project, …). */
  protected readonly scopeKey: symbol = Symbol('honeyhive.tracer.scope');
  /** The OpenTelemetry tracer of this tracer's provider (a no-op one when disabled). */
  protected readonly otelTracer: Tracer;
  /** The HoneyHive span processor's counts (all zero when disabled). */
  protected readonly processor: SpanCounts;
  /** Flush and shutdown of this tracer's processor. */
  protected readonly lifecycle: TracerLifecycle;
  /** Limits used when flattening enrichment values, and the tracer's PII mask for inputs and outputs. */
  protected readonly enrichmentLimits: { maxAttributes: number; mask?: MaskFunction; redaction: SecretRedaction };
  /**
   * What captured values are redacted for: the default and configured secret keys, and this tracer's API key
   * inside strings (`SecretRedaction.NONE` with `redactSecrets: false`). The same for spans, sessions and events.
   */
  protected readonly redaction: SecretRedaction;

  /**
   * Resolves true once the tracer's session was created (immediately in test mode); false if that failed. Never
   * rejects. Awaited, it keeps the process alive until it settles (within `apiTimeoutMs`); not awaited, the
   * session start is background work that never delays the end of the process.
   */
  readonly ready: Promise<boolean>;

  private ownSessionId: string;
  /** The scope of the own session, shared with HTTP tracing (which must not hold the tracer); replaced on a switch. */
  private readonly ownScope: OwnScope;
  private readonly pipeline: TracerPipeline;
  private readonly ownProvider: TracerProvider;
  private readonly stopHttpTracing: () => void;
  private shutdownResult: Promise<boolean> | undefined;
  private captureOptionsCache: TracerCaptureOptions | undefined;

  /** @param options settings (see `TracerOptions`), plus `flushOnExit` / `flushOnSignals`. */
  constructor(options?: HoneyHiveTracerOptions) {
    const { settings, exitHooks } = splitTracerOptions(options);
    const resolution = resolveConfig(settings);
    this.config = resolution.config;
    this.mode = resolution.mode;
    this.configProblems = Object.freeze([...resolution.problems]);
    const secrets = configuredSecrets(this.config);
    const ownLogger = this.config.logger === undefined;
    this.logger = redactingLogger(this.config.logger ?? createLogger({ verbose: this.config.verbose }), secrets, {
      quietDebug: ownLogger && this.config.verbose !== true,
    });
    this.policy = new ErrorPolicy<TracerOperation>({ logger: this.logger, verbose: this.config.verbose, onError: this.config.onError, secrets });
    for (const problem of resolution.problems) this.logger.warn(formatConfigProblem(problem));
    for (const notice of resolution.notices) this.logger.debug(formatConfigProblem(notice));

    this.ownSessionId = this.config.sessionId ?? generateSessionId();
    this.ownScope = { current: Object.freeze(this.defaultScope()) };
    this.redaction = new SecretRedaction({ enabled: this.config.redactSecrets, secretKeys: this.config.secretKeys, secrets });
    this.enrichmentLimits = { maxAttributes: this.config.maxAttributes, mask: this.config.mask, redaction: this.redaction };
    this.sessionClient = new SessionClient({
      serverUrl: this.config.serverUrl,
      apiKey: this.config.apiKey,
      timeoutMs: this.config.apiTimeoutMs,
      clientPackage: CLIENT_PACKAGE,
      clientVersion: TRACER_VERSION,
      offline: offlineReason(this.config, this.mode),
      policy: this.policy,
      logger: this.logger,
      apiKeySource: apiKeySourceText(this.config.sources.apiKey),
      project: this.config.project,
      maxEntries: this.config.maxAttributes,
      redaction: this.redaction,
    });

    const pipeline = this.mode === 'disabled' ? disabledPipeline(this.logger) : this.buildPipeline(exitHooks);
    this.pipeline = pipeline;
    this.processor = pipeline.processor;
    this.lifecycle = pipeline.lifecycle;
    this.ownProvider = pipeline.provider;
    const { lifecycle } = pipeline; // not `this`: exit hooks reach the session client, and must not hold the tracer
    const { baggageDrops } = this; // not `this` either: HTTP tracing must not hold the tracer
    this.sessionClient.onCallStarted = () => lifecycle.noteActivity();
    if (pipeline.enabled) this.attachGlobally(pipeline);
    this.stopHttpTracing =
      pipeline.enabled && !this.config.disableHttpTracing
        ? enableHttpTracing(this.config, pipeline.provider, this.policy, httpTracingScope(this.scopeKey, this.ownScope, secrets, (drops) => baggageDrops.add('inject', drops)))
        : () => undefined;
    this.otelTracer = this.ownProvider.getTracer(TRACER_SCOPE_NAME, TRACER_VERSION);
    joinRegistry(this, this.logger, this.config.verbose === true);
    // awaited (`init()`, `await tracer.ready`), the start keeps the process alive until it settles; else it never does
    this.ready = this.sessionClient.whenAwaited(this.startOwnSession());
  }

  /**
   * This tracer's own session id (lower-case UUID): the configured one, else generated at construction, unless the
   * tracer switched it since (`switchOwnSession`).
   */
  get sessionId(): string {
    return this.ownSessionId;
  }

  /**
   * This tracer's OpenTelemetry provider: bind instrumentors to it (`registerInstrumentations({ tracerProvider:
   * tracer.provider })`). A no-op provider when the tracer is disabled.
   */
  get provider(): TracerProvider {
    return this.ownProvider;
  }

  /** The capture settings `@honeyhive/instrumentation` reads (`trace()`, decorators). */
  get captureOptions(): TracerCaptureOptions {
    // read on every traced call; the config is frozen, so one frozen object serves them all
    this.captureOptionsCache ??= Object.freeze({
      captureInputs: this.config.captureInputs,
      captureOutputs: this.config.captureOutputs,
      mask: this.config.mask,
      redaction: this.redaction,
      legacyInputShape: this.config.legacyInputShape,
      maxAttributes: this.config.maxAttributes,
      // only a logger the user chose (wrapped so it never sees the API key); otherwise instrumentation stays silent
      logger: this.config.logger === undefined ? undefined : this.logger,
    });
    return this.captureOptionsCache;
  }

  /** The OpenTelemetry tracer whose spans this tracer exports (for the instrumentation package, the Vercel AI SDK, …). */
  getTracer(): Tracer {
    return this.otelTracer;
  }

  /** In test mode, the spans exported so far (until shutdown); otherwise an empty list. */
  getTestSpans(): ReadableSpan[] {
    return this.pipeline.testExporter?.getFinishedSpans() ?? [];
  }

  /**
   * Exports every ended span and waits for the session and event calls made before it (the constructor's session
   * start included), within `timeoutMs` (default 5000), keeping the process alive meanwhile. Resolves true when
   * everything was delivered in time. Never rejects.
   */
  async flush(timeoutMs?: number): Promise<boolean> {
    try {
      const budget = timeoutMs ?? this.lifecycle.defaultFlushTimeoutMs;
      const [spans, calls] = await Promise.all([this.lifecycle.flush(timeoutMs), this.sessionClient.settle(budget)]);
      return spans && calls;
    } catch (error) {
      this.policy.report('flush', error);
      return false;
    }
  }

  /**
   * Flushes and shuts this tracer down within `timeoutMs` (default 5000): exit hooks removed, HTTP tracing off,
   * unregistered from the registry, session and event calls made before it waited for (then any still in flight
   * aborted; later ones are skipped and counted). Later spans of this tracer are ignored
   * (counted in `droppedAfterShutdown`); other tracers keep working. Idempotent; never rejects.
   */
  shutdown(timeoutMs?: number): Promise<boolean> {
    if (this.shutdownResult !== undefined) return this.shutdownResult;
    this.shutdownResult = (async () => {
      try {
        removeTracer(this);
        this.policy.guard('globalProvider', () => handOverGlobalProvider(this, this.logger), undefined);
        // calls made from here on are skipped (counted); those made before are waited for below
        this.sessionClient.stopAccepting();
        this.pipeline.uninstallExitHooks();
        this.stopHttpTracing();
        const budget = timeoutMs ?? this.lifecycle.defaultShutdownTimeoutMs;
        const [spans, calls] = await Promise.all([this.lifecycle.shutdown(timeoutMs), this.sessionClient.settle(budget)]);
        return spans && calls;
      } catch (error) {
        this.policy.report('shutdown', error);
        return false;
      } finally {
        this.sessionClient.close();
      }
    })();
    return this.shutdownResult;
  }

  /** Span counts (exported, failed, dropped by reason, queued), API call counts, lifecycle state and mode. */
  stats(): TracerStats {
    return {
      ...this.processor.stats(),
      droppedAfterShutdown: this.pipeline.gate.droppedAfterShutdown,
      sampledOut: this.pipeline.sampling.sampledOut,
      ...this.sessionClient.counts(),
      api: this.sessionClient.status(),
      lifecycle: this.lifecycle.state,
      mode: this.mode,
      configProblems: this.configProblems.length,
      baggageDropped: this.baggageDrops.snapshot(),
      errors: this.policy.counts(),
    };
  }

  /** The scope of this tracer's own session: its session id, project, source and evaluation ids. */
  protected defaultScope(): SpanStamp {
    const scope: SpanStamp = { sessionId: this.ownSessionId, source: this.config.source };
    if (this.config.project !== undefined) scope.project = this.config.project;
    if (this.config.runId !== undefined) scope.runId = this.config.runId;
    if (this.config.datasetId !== undefined) scope.datasetId = this.config.datasetId;
    if (this.config.datapointId !== undefined) scope.datapointId = this.config.datapointId;
    return scope;
  }

  /** The scope this tracer set in `ctx` (by `withSession`, `extract`, …), if any. */
  protected scopeIn(ctx: Context | undefined): SpanStamp | undefined {
    return scopeValue(ctx, this.scopeKey);
  }

  /** The scope in effect in `ctx`: the one this tracer set there, else its own session's. */
  protected currentScope(ctx: Context): SpanStamp {
    return this.scopeIn(ctx) ?? this.defaultScope();
  }

  /** `ctx` marked as being in this tracer's scope (for the registry), with `scope` set when given. */
  protected enterScope(ctx: Context, scope?: SpanStamp): Context {
    const marked = ctx.getValue(ACTIVE_TRACER_KEY) === this ? ctx : ctx.setValue(ACTIVE_TRACER_KEY, this);
    return scope === undefined ? marked : marked.setValue(this.scopeKey, Object.freeze({ ...scope }));
  }

  /** True when `span` was started by this tracer's provider. */
  protected ownsSpan(span: unknown): boolean {
    return this.pipeline.marker.owns(span);
  }

  /** The span of this tracer's provider with this span id that has started and not ended yet, if any. */
  protected openSpan(spanId: string): Span | undefined {
    return this.pipeline.openSpans.find(spanId);
  }

  /**
   * Makes `sessionId` (a lower-case UUID) this tracer's own session from now on: spans that start outside any
   * session scope (`withSession`, `extract`) are stamped with it, and `sessionId`, `enrichSession()` and `inject()`
   * use it; spans already started keep theirs. Announces it with a session-start request in the background (sessions
   * are idempotent on their id: an existing session is continued unchanged), whose result it returns.
   */
  protected switchOwnSession(sessionId: string): Promise<StartSessionResult> {
    this.ownSessionId = sessionId;
    const scope = Object.freeze(this.defaultScope());
    this.ownScope.current = scope;
    this.pipeline.setDefaults(scope);
    return this.startSessionRequest(this.ownSessionFields());
  }

  /**
   * Sends a session-start request (with this tracer's evaluation ids in the metadata); `options.defer` sends it
   * after the caller's synchronous work. The call counts for `flush()` and `shutdown()` at once. Never rejects.
   */
  protected startSessionRequest(fields: SessionStartFields, options?: StartSessionOptions): Promise<StartSessionResult> {
    const evaluation = evaluationMetadata(this.config);
    let metadata = fields.metadata;
    try {
      if (evaluation !== undefined) metadata = { ...evaluation, ...(fields.metadata ?? {}) };
    } catch {
      // unreadable metadata (a hostile proxy): the request body marks it; the evaluation ids are on every span
    }
    return this.sessionClient.startSession({ ...fields, metadata }, options);
  }

  private buildPipeline(exitHooks: ExitHookChoice): TracerPipeline {
    const callbacks = pipelineCallbacks(this.policy, this.scopeKey);
    // building the pipeline must never break the host; without one the tracer is a no-op
    const built = this.policy.guard(
      'init',
      () =>
        buildTracerPipeline({
          config: this.config,
          mode: this.mode,
          problems: this.configProblems,
          logger: this.logger,
          // frozen: the processor may then cache what it resolves from it
          defaults: Object.freeze(this.defaultScope()),
          exitHooks,
          ...callbacks,
          // bound, not a closure: it must hold the session client only, never the tracer (see pipelineCallbacks)
          apiCallsSettled: this.sessionClient.settled.bind(this.sessionClient),
        }),
      undefined,
      'error',
    );
    return built ?? disabledPipeline(this.logger);
  }

  private attachGlobally(pipeline: TracerPipeline): void {
    this.policy.guard(
      'globalProvider',
      () => {
        ensureGlobalContextAndPropagation();
        if (this.config.registerGlobal !== false) offerGlobalProvider(this, pipeline.provider, this.logger);
        if (shouldRegisterGlobalProvider({ registerGlobal: this.config.registerGlobal })) {
          const registered = registerGlobalProvider(pipeline.provider);
          this.logger.debug(`HoneyHive: ${registered ? 'registered as' : 'did not become'} the global tracer provider`);
        } else {
          this.logger.debug('HoneyHive: a global tracer provider exists (or registerGlobal is false); spans of this tracer go through tracer.provider only');
        }
      },
      undefined,
    );
  }

  private async startOwnSession(): Promise<boolean> {
    if (this.mode === 'disabled') return true;
    if (this.config.skipBackendSessionCreation) {
      this.logger.debug(`HoneyHive: skipBackendSessionCreation: no session-start request for session ${this.ownSessionId}`);
      return true;
    }
    // tracked at once (a flush() or shutdown() right after the constructor waits for it), but built and sent
    // after the constructor's caller has run: the session request is background work
    const started = this.startSessionRequest(this.ownSessionFields(), { defer: true });
    return (await started).ok;
  }

  /** The session-start fields of this tracer's own session. */
  private ownSessionFields(): SessionStartFields {
    return {
      sessionId: this.ownSessionId,
      sessionName: this.config.sessionName,
      source: this.config.source,
      project: this.config.project,
      inputs: this.config.inputs,
      metadata: this.config.metadata,
      userProperties: this.config.userProperties,
    };
  }
}
