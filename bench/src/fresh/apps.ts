import path from 'node:path';

/** A tiny app of the fresh-process sections (src/apps/), the empty baseline first. */
export type AppName = 'empty' | 'raw-otel' | 'ours' | 'honeyhive-1x' | 'langfuse';

/** The compiled app (dist/apps/<name>.js). */
export function appFile(name: AppName): string {
  return path.join(__dirname, '..', 'apps', `${name}.js`);
}

/** The preload of every app run (src/fresh/preload.ts). */
export const PRELOAD = path.join(__dirname, 'preload.js');

/** What each app is, for the report. */
export const APP_DESCRIPTIONS: Record<AppName, string> = {
  empty: 'a script that loads nothing (the baseline)',
  'raw-otel': 'NodeTracerProvider + BatchSpanProcessor + OTLPTraceExporter (exporter-trace-otlp-http); startActiveSpan',
  ours: '`new HoneyHiveTracer({ apiKey, serverUrl, project })` + `trace(fn)`',
  'honeyhive-1x': 'npm honeyhive 1.0.42: `await HoneyHiveTracer.init(...)` + `traceFunction()`',
  langfuse: 'NodeTracerProvider + LangfuseSpanProcessor + `observe(fn)`',
};

/**
 * What a user of each app installs (`npm install <these>`), for the bundle section's fresh install
 * (src/run/fresh-install.ts): the packages the app's file imports, and nothing else.
 */
export const APP_INSTALLS: Record<AppName, readonly string[]> = {
  empty: [],
  'raw-otel': ['@opentelemetry/api', '@opentelemetry/exporter-trace-otlp-http', '@opentelemetry/sdk-trace-node'],
  ours: ['@honeyhive/tracer'],
  'honeyhive-1x': ['honeyhive'],
  langfuse: ['@langfuse/otel', '@langfuse/tracing', '@opentelemetry/sdk-trace-node'],
};
