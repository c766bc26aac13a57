import { PropagationGuard } from './context-propagation-guard';
import { loadHttpInstrumentation } from './http-instrumentation-package';
import type { HttpInstrumentationSettings, HttpTracingInstrumentation } from './http-instrumentation-types';
import { createOwnRequestMatcher } from './own-request-matcher';
import type { OwnRequestOptions, RequestPattern } from './own-request-matcher';

/** Options of {@link createHttpInstrumentation}. */
export interface HttpInstrumentationOptions extends OwnRequestOptions {
  /** Trace incoming server requests too. Default false: only outgoing (client) requests are traced. */
  traceIncoming?: boolean;
  /**
   * The hosts of your own system that traced requests carry the trace context and baggage to (`traceparent`,
   * `tracestate`, `baggage`). A string is a hostname, `hostname:port`, `*.domain` (every subdomain) or a URL
   * prefix (`https://api.internal.example/v2`); a RegExp is tested against the hostname, `hostname:port` and
   * the URL. Requests to any other host are still traced, but carry no context headers that tracing added.
   * Default: loopback hosts only (`localhost`, 127.0.0.0/8, `::1`); `[]` propagates to no host.
   */
  propagateTo?: readonly RequestPattern[];
  /**
   * Writes the W3C headers for a request to a `propagateTo` host, in the request's context. Default: its trace
   * context, and its baggage without secret-looking keys (api_key, authorization, password, …).
   */
  injectContext?: (carrier: Record<string, string>) => void;
  /**
   * More settings for `HttpInstrumentation`. Its `ignoreOutgoingRequestHook` is combined with ours (a request
   * is ignored when either says so); our own requests are ignored whatever it says. Its `requestHook` runs
   * after ours.
   */
  config?: HttpInstrumentationSettings;
}

/**
 * An `HttpInstrumentation` (from `@opentelemetry/instrumentation-http`) that never traces HoneyHive's own
 * export and API requests: those carrying the `hh-client-package` header or going to `ignoreHosts` /
 * `ignoreUrls` (pass the server URL and the OTLP endpoint), and that sends context headers only to the
 * `propagateTo` hosts (secret-looking baggage keys never). It is created disabled and patches nothing until
 * registered, e.g. `registerInstrumentations({ instrumentations: [it], tracerProvider })`.
 *
 * `@opentelemetry/instrumentation-http` is an optional peer dependency: without it installed this throws
 * `HttpInstrumentationMissingError`, whose message names the package to add.
 */
export function createHttpInstrumentation(options: HttpInstrumentationOptions = {}): HttpTracingInstrumentation {
  const isOwn = createOwnRequestMatcher(options);
  const guard = new PropagationGuard({ propagateTo: options.propagateTo, injectContext: options.injectContext });
  const config: HttpInstrumentationSettings = { ...(options.config ?? {}) };
  const userHook = config.ignoreOutgoingRequestHook;
  const userRequestHook = config.requestHook;
  // Loaded on first use: HTTP tracing is off by default and the instrumentation packages take tens of
  // milliseconds to load, which every tracer would otherwise pay at import time.
  const { HttpInstrumentation: Instrumentation } = loadHttpInstrumentation();
  return new Instrumentation({
    ...config,
    enabled: config.enabled ?? false,
    disableIncomingRequestInstrumentation: config.disableIncomingRequestInstrumentation ?? options.traceIncoming !== true,
    ignoreOutgoingRequestHook: (request) => {
      const ignored = isOwn(request) || userIgnores(request);
      guard.beforeRequest(ignored ? undefined : request);
      return ignored;
    },
    requestHook: (span, request) => {
      guard.onRequest(request);
      if (typeof userRequestHook === 'function') userRequestHook(span, request);
    },
  });

  function userIgnores(request: Parameters<NonNullable<HttpInstrumentationSettings['ignoreOutgoingRequestHook']>>[0]): boolean {
    if (typeof userHook !== 'function') return false;
    try {
      return userHook(request) === true;
    } catch {
      return false;
    }
  }
}
