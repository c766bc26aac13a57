import { HTTP_INSTRUMENTATION_PACKAGE, HTTP_INSTRUMENTATION_RANGE, httpInstrumentationMissing } from '@honeyhive/integration';
import type { ConfigProblem, ConfigSource } from './config-problem';
import { HH_ENV } from './defaults';

/**
 * HTTP tracing runs on `@opentelemetry/instrumentation-http`, an optional peer dependency that a default install
 * does not bring. When it is turned on (`disableHttpTracing: false`) and that package is not installed, one problem
 * says which package to add (with `strict: true` that throws); the tracer keeps running and exports every other
 * span, and HTTP requests are not traced. Only resolves the module: nothing is loaded.
 */
export function checkHttpTracing(values: Record<string, unknown>, sources: Record<string, ConfigSource>): ConfigProblem | undefined {
  if (values.disableHttpTracing !== false || values.disableTracing === true) return undefined;
  if (httpInstrumentationMissing() === undefined) return undefined;
  const variable = sources.disableHttpTracing === 'env' ? HH_ENV.DISABLE_HTTP_TRACING : undefined;
  return {
    field: 'disableHttpTracing',
    source: sources.disableHttpTracing ?? 'default',
    ...(variable === undefined ? {} : { variable }),
    message:
      `disableHttpTracing${variable ? ` (${variable})` : ''} false turns on HTTP tracing, which needs the optional package ` +
      `${HTTP_INSTRUMENTATION_PACKAGE}; it is not installed, so outgoing HTTP requests are not traced (every other span is still exported)`,
    fix: `run \`npm install ${HTTP_INSTRUMENTATION_PACKAGE}@${HTTP_INSTRUMENTATION_RANGE}\`, or leave disableHttpTracing at its default (true)`,
  };
}
