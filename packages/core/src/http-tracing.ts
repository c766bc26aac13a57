import type { TracerProvider } from '@opentelemetry/api';
import { createHttpInstrumentation, type ErrorPolicy } from '@honeyhive/integration';
import type { ResolvedTracerConfig } from './config/resolved-config';

/**
 * Traces outgoing HTTP requests on `provider` only (never globally), ignoring HoneyHive's own requests.
 * Returns the function that turns it off again. Failures are reported to `policy`; nothing throws.
 */
export function enableHttpTracing(config: ResolvedTracerConfig, provider: TracerProvider, policy: ErrorPolicy): () => void {
  return policy.guard(
    'httpTracing',
    () => {
      const ignoreUrls = [config.serverUrl, config.otlpEndpoint].filter((url): url is string => typeof url === 'string');
      const instrumentation = createHttpInstrumentation({ ignoreUrls });
      instrumentation.setTracerProvider(provider);
      instrumentation.enable();
      return () => {
        policy.guard('httpTracing', () => instrumentation.disable(), undefined);
      };
    },
    () => undefined,
  );
}
