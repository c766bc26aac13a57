import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { errorMessage, parseNumberEnv, type EnvProblem, type EnvSource, type Logger } from '@honeyhive/utils';
import { defaultConnectionPool, type ConnectionPool } from './connection-pool';
import { DeferredExporter } from './deferred-exporter';
import { apiKeyAllowedFor } from './credential-scope';
import { resolveExportHeaders } from './export-headers';
import { GrpcTraceExporter } from './grpc-trace-exporter';
import { HttpTraceExporter } from './http-trace-exporter';
import { resolveEndpoint, resolveProtocol, type OtlpProtocol } from './otlp-endpoint';
import { RetryingExporter, type RetryingExporterOptions } from './retrying-exporter';
import { PACKAGE_VERSION } from './version';

/** The export timeout when nothing sets one (the OTLP exporters' own default). */
export const DEFAULT_EXPORT_TIMEOUT_MS = 10_000;

/** Options of {@link createOtlpExporter}. Explicit options win over the environment. */
export interface OtlpExporterOptions {
  /** Encoding; else `HH_OTLP_PROTOCOL`, else `OTEL_EXPORTER_OTLP_PROTOCOL`, else http/protobuf. */
  protocol?: OtlpProtocol;
  /** HoneyHive base URL (default https://api.honeyhive.ai); spans go to `${serverUrl}/opentelemetry/v1/traces`. */
  serverUrl?: string;
  /** A full OTLP URL; overrides `HH_OTLP_ENDPOINT` and `serverUrl`. For gRPC, `http://host:port` is insecure. */
  endpoint?: string;
  /**
   * Sent as `Authorization: Bearer <apiKey>`, only to the HoneyHive server's origin (that of `serverUrl`); an
   * `endpoint` on another origin gets only `headers` (pass the key there yourself if that endpoint needs it).
   */
  apiKey?: string;
  /** Extra headers (gRPC metadata); win over `HH_OTLP_HEADERS` and the defaults. */
  headers?: Record<string, string>;
  /** Export budget per call, retries included (ms); else `HH_EXPORT_TIMEOUT` (seconds), else 10000. */
  timeoutMs?: number;
  /** Sent as `X-Source` (default `dev`). */
  source?: string;
  /** Sent as `hh-client-package` (default `@honeyhive/processing`). */
  clientPackage?: string;
  /** Sent as `hh-client-version`. */
  clientVersion?: string;
  /** Environment to read (default `process.env`). */
  env?: EnvSource;
  /** Shared keep-alive agents / gRPC credentials (default: the process-wide pool). */
  connectionPool?: ConnectionPool;
  /** Retry tuning (backoff, attempts) of transient export failures. */
  retry?: Partial<Omit<RetryingExporterOptions, 'budgetMs'>>;
  /** Debug lines about retries; silent when absent. */
  logger?: Logger;
}

/** What {@link createOtlpExporter} built. */
export interface CreatedOtlpExporter {
  /** The exporter to give a span processor. */
  exporter: SpanExporter;
  /** The encoding chosen. */
  protocol: OtlpProtocol;
  /** Where spans go (for gRPC: `http(s)://host:port`). */
  url: string;
  /** The export budget per call (ms). */
  timeoutMs: number;
  /** Configuration that could not be used, with what was used instead. Never thrown. */
  problems: EnvProblem[];
  /** True when `apiKey` was given but not sent: the endpoint is not on the HoneyHive server's origin. */
  apiKeyWithheld: boolean;
}

/** An exporter that fails every export with one error (when the real one could not be built). */
class FailingExporter implements SpanExporter {
  constructor(private readonly error: Error) {}
  export(_spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    resultCallback({ code: ExportResultCode.FAILED, error: this.error });
  }
  async shutdown(): Promise<void> {}
}

/** The export budget (ms): explicit > `HH_EXPORT_TIMEOUT` (seconds, as in the Python SDK) > 10000. */
export function resolveExportTimeout(explicit: number | undefined, env: EnvSource, problems: EnvProblem[]): number {
  if (explicit !== undefined) {
    if (typeof explicit === 'number' && Number.isFinite(explicit) && explicit >= 1) return Math.round(explicit);
    problems.push({ variable: 'timeoutMs', value: String(explicit), message: `timeoutMs=${String(explicit)} is not a number of ms >= 1; using the next setting` });
  }
  const fromEnv = parseNumberEnv('HH_EXPORT_TIMEOUT', { min: 0.001, max: 600 }, env);
  if (fromEnv.problem) problems.push({ ...fromEnv.problem, message: `${fromEnv.problem.message} (in seconds)` });
  return fromEnv.value !== undefined ? Math.round(fromEnv.value * 1000) : DEFAULT_EXPORT_TIMEOUT_MS;
}

function grpcMetadata(headers: Record<string, string>): import('@grpc/grpc-js').Metadata {
  // loaded on first use so that a gRPC instrumentation registered later can still patch grpc-js
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Metadata } = require('@grpc/grpc-js') as typeof import('@grpc/grpc-js');
  const metadata = new Metadata();
  for (const [name, value] of Object.entries(headers)) metadata.set(name.toLowerCase(), value);
  return metadata;
}

/** `inner` with retries of transient failures within the export budget (debug lines via `options.logger`). */
function withRetries(inner: SpanExporter, transport: string, budgetMs: number, options: OtlpExporterOptions): SpanExporter {
  return new RetryingExporter(inner, {
    ...options.retry,
    budgetMs,
    onRetry: (info) => {
      options.retry?.onRetry?.(info);
      options.logger?.debug(`HoneyHive: ${transport} export attempt ${info.attempt} failed (${errorMessage(info.error)}); retrying in ${info.delayMs} ms`);
    },
  });
}

/** `build()`, or a {@link FailingExporter} (and one warning) when it throws. */
function guardedBuild(build: () => SpanExporter, protocol: OtlpProtocol, url: string, logger: Logger | undefined): SpanExporter {
  try {
    return build();
  } catch (error) {
    logger?.warn(`HoneyHive exporter: could not create the ${protocol} exporter for ${url}: ${errorMessage(error)}`);
    return new FailingExporter(error instanceof Error ? error : new Error(errorMessage(error)));
  }
}

/**
 * Builds the OTLP trace exporter for HoneyHive (or any OTLP backend): http/protobuf, http/json or
 * grpc, with the HoneyHive headers, a shared keep-alive connection per endpoint, and retries of
 * transient failures within the export timeout. Never throws: unusable settings are reported in
 * `problems` and replaced by the next setting or the default.
 *
 * Exports never keep the process alive (sockets and retry waits are unref'd): whoever must wait for
 * delivery (`flush()`, the exit hook) holds the process for as long as it chose to wait. The modules an
 * export needs (the OTLP serializer, grpc-js) are loaded on the first export, off the caller's path; should
 * building the gRPC client fail, every export fails with the error and `logger` gets one warning.
 */
export function createOtlpExporter(options: OtlpExporterOptions = {}): CreatedOtlpExporter {
  const env = options.env ?? process.env;
  const problems: EnvProblem[] = [];
  const protocol = resolveProtocol(options.protocol, env, problems);
  const url = resolveEndpoint(options.endpoint, options.serverUrl, protocol, env, problems);
  const timeoutMs = resolveExportTimeout(options.timeoutMs, env, problems);
  const pool = options.connectionPool ?? defaultConnectionPool;
  // the HoneyHive key goes only to the HoneyHive origin; another endpoint gets only the user's headers
  const apiKeyWithheld = nonEmptyKey(options.apiKey) && !apiKeyAllowedFor(url, options.serverUrl);
  const headers = resolveExportHeaders({ ...options, apiKey: apiKeyWithheld ? undefined : options.apiKey }, env, problems, protocol === 'grpc');
  const logger = options.logger;
  let exporter: SpanExporter;
  try {
    if (protocol === 'grpc') {
      const grpcExporter = new DeferredExporter(() =>
        guardedBuild(
          () =>
            new GrpcTraceExporter({
              url,
              credentials: pool.grpcCredentialsFor(url),
              metadata: grpcMetadata(headers),
              timeoutMillis: timeoutMs,
              userAgent: `HoneyHive-TypeScript-OTLP-gRPC/${PACKAGE_VERSION}`,
            }),
          protocol,
          url,
          logger,
        ),
      );
      exporter = withRetries(grpcExporter, 'gRPC', timeoutMs, options);
    } else {
      const httpExporter = new HttpTraceExporter({
        url,
        encoding: protocol === 'http/json' ? 'json' : 'protobuf',
        headers,
        timeoutMillis: timeoutMs,
        agent: () => pool.agentFor(url),
        userAgent: `HoneyHive-TypeScript-OTLP-HTTP/${PACKAGE_VERSION}`,
      });
      exporter = withRetries(httpExporter, 'HTTP', timeoutMs, options);
    }
  } catch (error) {
    problems.push({ variable: 'exporter', value: protocol, message: `could not create the ${protocol} exporter for ${url}: ${errorMessage(error)}` });
    exporter = new FailingExporter(error instanceof Error ? error : new Error(errorMessage(error)));
  }
  return { exporter, protocol, url, timeoutMs, problems, apiKeyWithheld };
}

function nonEmptyKey(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}
