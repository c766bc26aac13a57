import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { ChannelCredentials } from '@grpc/grpc-js';
import { errorMessage, type EnvProblem, type Logger } from '@honeyhive/utils';
import { defaultConnectionPool, type ConnectionPool } from './connection-pool';
import { DeferredExporter } from './deferred-exporter';
import { FailingExporter } from './failing-exporter';
import { apiKeyAllowedFor } from './credential-scope';
import { resolveExportHeaders } from './export-headers';
import { GrpcTraceExporter } from './grpc-trace-exporter';
import { grpcTransportMissing } from './grpc-transport';
import { loadGrpc } from './load-grpc';
import { HttpTraceExporter } from './http-trace-exporter';
import { resolveEndpoint, resolveProtocol, type OtlpProtocol } from './otlp-endpoint';
import { RetryingExporter, type RetryingExporterOptions } from './retrying-exporter';
import { PACKAGE_VERSION } from './package-version';

/** The export timeout when nothing sets one (the OTLP exporters' own default). */
export const DEFAULT_EXPORT_TIMEOUT_MS = 10_000;

/**
 * Options of {@link createOtlpExporter}. The environment is not read here: the tracer reads `HH_OTLP_*`,
 * `HH_EXPORT_TIMEOUT`, … and passes the values in.
 */
export interface OtlpExporterOptions {
  /** Encoding (default http/protobuf). */
  protocol?: OtlpProtocol;
  /** HoneyHive base URL (default https://api.dp1.us.honeyhive.ai); spans go to `${serverUrl}/opentelemetry/v1/traces`. */
  serverUrl?: string;
  /** A full OTLP URL; overrides `serverUrl`. For gRPC, `http://host:port` is insecure. */
  endpoint?: string;
  /**
   * Sent as `Authorization: Bearer <apiKey>`, only to the HoneyHive server's origin (that of `serverUrl`); an
   * `endpoint` on another origin gets only `headers` (pass the key there yourself if that endpoint needs it).
   */
  apiKey?: string;
  /** Extra headers (gRPC metadata); win over the defaults. */
  headers?: Record<string, string>;
  /** Export budget per call, retries included (ms); default 10000. */
  timeoutMs?: number;
  /** Sent as `X-Source` (default `dev`). */
  source?: string;
  /** Sent as `hh-client-package` (default `@honeyhive/processing`). */
  clientPackage?: string;
  /** Sent as `hh-client-version`. */
  clientVersion?: string;
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

/** The export budget (ms): `explicit` when it is a number of ms >= 1, else 10000. */
function resolveExportTimeout(explicit: number | undefined, problems: EnvProblem[]): number {
  if (explicit === undefined) return DEFAULT_EXPORT_TIMEOUT_MS;
  if (typeof explicit === 'number' && Number.isFinite(explicit) && explicit >= 1) return Math.round(explicit);
  problems.push({ variable: 'timeoutMs', value: String(explicit), message: `timeoutMs=${String(explicit)} is not a number of ms >= 1; using ${DEFAULT_EXPORT_TIMEOUT_MS}` });
  return DEFAULT_EXPORT_TIMEOUT_MS;
}

function grpcMetadata(headers: Record<string, string>): import('@grpc/grpc-js').Metadata {
  const { Metadata } = loadGrpc();
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
 *
 * gRPC needs the optional peer dependency `@grpc/grpc-js`. When it is not installed, `problems` holds one
 * entry naming the package to add, and every export fails at once with a `GrpcTransportMissingError`
 * (spans are counted as failed by the processor; nothing is thrown).
 */
export function createOtlpExporter(options: OtlpExporterOptions = {}): CreatedOtlpExporter {
  const problems: EnvProblem[] = [];
  const protocol = resolveProtocol(options.protocol, problems);
  const url = resolveEndpoint(options.endpoint, options.serverUrl, protocol, problems);
  const timeoutMs = resolveExportTimeout(options.timeoutMs, problems);
  const pool = options.connectionPool ?? defaultConnectionPool;
  // the HoneyHive key goes only to the HoneyHive origin; another endpoint gets only the user's headers
  const apiKeyWithheld = nonEmptyKey(options.apiKey) && !apiKeyAllowedFor(url, options.serverUrl);
  const headers = resolveExportHeaders({ ...options, apiKey: apiKeyWithheld ? undefined : options.apiKey }, protocol === 'grpc');
  const logger = options.logger;
  let exporter: SpanExporter;
  // gRPC runs on the optional @grpc/grpc-js: without it, one problem now and every export fails at once (no retries)
  const missingTransport = protocol === 'grpc' ? grpcTransportMissing() : undefined;
  if (missingTransport !== undefined) problems.push({ variable: 'protocol', value: protocol, message: missingTransport.message });
  try {
    if (missingTransport !== undefined) {
      exporter = new FailingExporter(missingTransport);
    } else if (protocol === 'grpc') {
      const grpcExporter = new DeferredExporter(() =>
        guardedBuild(
          () =>
            new GrpcTraceExporter({
              url,
              credentials: pool.grpcCredentialsFor(url) as ChannelCredentials,
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
