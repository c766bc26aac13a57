import { context as otelContext, type Context, type TracerProvider } from '@opentelemetry/api';
import { createHttpInstrumentation, httpInstrumentationMissing, type ErrorPolicy } from '@honeyhive/integration';
import { injectContext, type BaggageDrops, type SpanStamp } from '@honeyhive/processing';
import type { ResolvedTracerConfig } from './config/resolved-config';
import type { TracerOperation } from './tracer-operation';

/** What HTTP tracing needs from its tracer, without holding the tracer itself. */
export interface HttpTracingScope {
  /** The tracer's scope (session, project, …) in a context. */
  scopeOf: (ctx: Context) => SpanStamp;
  /** Values never to propagate (the API key). */
  secretValues: readonly string[];
  /** Told what outgoing baggage was left out (counted in the tracer's stats). */
  onBaggageDrops?: (drops: BaggageDrops) => void;
}

/**
 * Traces outgoing HTTP requests on `provider` only (never globally), ignoring HoneyHive's own requests. Requests
 * to `httpTracingPropagateTo` hosts (default: loopback) carry the trace context and baggage, stamped with the
 * tracer's scope as `inject()` does; others carry none. Returns the function that turns it off again. Failures
 * are reported to `policy`; nothing throws. Without `@opentelemetry/instrumentation-http` installed (an optional
 * peer dependency, reported by the configuration) nothing is traced.
 */
export function enableHttpTracing(config: ResolvedTracerConfig, provider: TracerProvider, policy: ErrorPolicy<TracerOperation>, scope: HttpTracingScope): () => void {
  return policy.guard(
    'httpTracing',
    () => {
      // without the optional @opentelemetry/instrumentation-http the configuration said so once (a problem)
      if (httpInstrumentationMissing() !== undefined) return () => undefined;
      const ignoreUrls = [config.serverUrl, config.otlpEndpoint].filter((url): url is string => typeof url === 'string');
      const { scopeOf, secretValues, onBaggageDrops } = scope;
      const instrumentation = createHttpInstrumentation({
        ignoreUrls,
        propagateTo: config.httpTracingPropagateTo === undefined ? undefined : [...config.httpTracingPropagateTo],
        injectContext: (carrier) => {
          const active = otelContext.active();
          const { baggageDrops } = injectContext(active, carrier, scopeOf(active), { secretValues });
          onBaggageDrops?.(baggageDrops);
        },
      });
      instrumentation.setTracerProvider(provider);
      instrumentation.enable();
      return () => {
        policy.guard('httpTracing', () => instrumentation.disable(), undefined);
      };
    },
    () => undefined,
  );
}
