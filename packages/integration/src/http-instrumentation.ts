import type { HttpInstrumentation, HttpInstrumentationConfig } from '@opentelemetry/instrumentation-http';
import { createOwnRequestMatcher } from './own-request-matcher';
import type { OwnRequestOptions } from './own-request-matcher';

/** Options of {@link createHttpInstrumentation}. */
export interface HttpInstrumentationOptions extends OwnRequestOptions {
  /** Trace incoming server requests too. Default false: only outgoing (client) requests are traced. */
  traceIncoming?: boolean;
  /**
   * More settings for `HttpInstrumentation`. Its `ignoreOutgoingRequestHook` is combined with ours (a request
   * is ignored when either says so); our own requests are ignored whatever it says.
   */
  config?: HttpInstrumentationConfig;
}

/**
 * An `HttpInstrumentation` (from `@opentelemetry/instrumentation-http`) that never traces HoneyHive's own
 * export and API requests: those carrying the `hh-client-package` header or going to `ignoreHosts` /
 * `ignoreUrls` (pass the server URL and the OTLP endpoint). It is created disabled and patches nothing until
 * registered, e.g. `registerInstrumentations({ instrumentations: [it], tracerProvider })`.
 */
export function createHttpInstrumentation(options: HttpInstrumentationOptions = {}): HttpInstrumentation {
  const isOwn = createOwnRequestMatcher(options);
  const config: HttpInstrumentationConfig = { ...(options.config ?? {}) };
  const userHook = config.ignoreOutgoingRequestHook;
  // Loaded on first use: HTTP tracing is off by default and the instrumentation packages take tens of
  // milliseconds to load, which every tracer would otherwise pay at import time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { HttpInstrumentation: Instrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  return new Instrumentation({
    ...config,
    enabled: config.enabled ?? false,
    disableIncomingRequestInstrumentation: config.disableIncomingRequestInstrumentation ?? options.traceIncoming !== true,
    ignoreOutgoingRequestHook: (request) => {
      if (isOwn(request)) return true;
      if (typeof userHook !== 'function') return false;
      try {
        return userHook(request) === true;
      } catch {
        return false;
      }
    },
  });
}
