import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { ChannelCredentials, ChannelOptions, Client, Metadata } from '@grpc/grpc-js';
import type { DeadlineAwareExporter } from './deadline-export';
import { loadGrpc } from './load-grpc';
import { traceSerializer } from './trace-serializers';

/** The OTLP/gRPC trace export method. */
const GRPC_TRACE_EXPORT_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';

/**
 * Reconnect back-off of the channel: grpc-js's default (1 s, ×1.6 per failure, up to 120 s) leaves a
 * channel that failed during an outage waiting up to minutes after the backend is back, failing every
 * export meanwhile. Capped at 500 ms (±20 % jitter), a channel reconnects well within a second of the
 * backend's return; during an outage that costs two connection attempts a second at most, and only while
 * an export is waiting (as the HTTP exporters' retries do).
 */
const GRPC_RECONNECT_OPTIONS: Readonly<ChannelOptions> = Object.freeze({
  'grpc.initial_reconnect_backoff_ms': 100,
  'grpc.max_reconnect_backoff_ms': 500,
});

/** Options of {@link GrpcTraceExporter}. */
export interface GrpcTraceExporterOptions {
  /** `http://host:port` (insecure) or `https://host:port`; only the host and port are used. */
  url: string;
  /** Channel credentials (one object per target keeps channels sharing a connection). */
  credentials: ChannelCredentials;
  /** Sent with every export (API key, client headers). */
  metadata: Metadata;
  /** How long one export may take when no deadline is given (ms). */
  timeoutMillis: number;
  /** Sent as the channel's user agent. */
  userAgent?: string;
}

function serializeSpans(spans: ReadableSpan[]): Buffer {
  const bytes = traceSerializer('protobuf').serializeRequest(spans);
  if (bytes === undefined) throw new Error('could not serialize the spans as an OTLP export request');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const passThrough = (value: Buffer): Buffer => value;

/** `host:port` of an `http(s)://host:port` URL (gRPC has no path); the value itself when it is no URL. */
function grpcTarget(url: string): string {
  try {
    return new URL(url.trim()).host;
  } catch {
    return url.trim();
  }
}

/**
 * The OTLP/gRPC span exporter: serializes with OpenTelemetry's protobuf serializer and sends one unary
 * `TraceService/Export` call per export, as `@opentelemetry/exporter-trace-otlp-grpc` does, but on a
 * channel it configures itself (that exporter passes no channel options through):
 *
 * - a short reconnect back-off ({@link GRPC_RECONNECT_OPTIONS}), so exports resume within a second of
 *   the backend's return instead of after grpc-js's growing back-off (up to 120 s);
 * - calls wait for the channel to be ready (`waitForReady`) up to their deadline instead of failing at
 *   once while it reconnects: spans queued during an outage leave as soon as the backend is back;
 * - the error reaches the caller as grpc-js reports it, trailing metadata included, so the retry policy
 *   can read RetryInfo / `grpc-retry-pushback-ms` and tell a message-size refusal from throttling.
 *
 * It never retries by itself: `createOtlpExporter` wraps it in a `RetryingExporter`.
 */
export class GrpcTraceExporter implements DeadlineAwareExporter {
  private client: Client | undefined;
  private isShutdown = false;

  /** @param options target, credentials, metadata and default timeout. */
  constructor(private readonly options: GrpcTraceExporterOptions) {}

  /** Exports within the exporter's own timeout. */
  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.exportBefore(spans, Date.now() + this.options.timeoutMillis, resultCallback);
  }

  /** Exports, waiting for the channel to be ready, until `deadline` (epoch ms). Calls back exactly once. */
  exportBefore(spans: ReadableSpan[], deadline: number, resultCallback: (result: ExportResult) => void): void {
    let answered = false;
    const answer = (result: ExportResult): void => {
      if (answered) return;
      answered = true;
      resultCallback(result);
    };
    try {
      if (this.isShutdown) throw new Error('the gRPC exporter is shut down');
      const body = serializeSpans(spans);
      const client = this.clientNow();
      const metadata = this.options.metadata.clone();
      metadata.setOptions({ waitForReady: true });
      client.makeUnaryRequest(GRPC_TRACE_EXPORT_PATH, passThrough, passThrough, body, metadata, { deadline }, (error) => {
        if (error) answer({ code: ExportResultCode.FAILED, error });
        else answer({ code: ExportResultCode.SUCCESS });
      });
    } catch (error) {
      answer({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  /** Closes the channel; later exports fail. */
  async shutdown(): Promise<void> {
    this.isShutdown = true;
    this.client?.close();
    this.client = undefined;
  }

  /** Nothing is buffered here. */
  async forceFlush(): Promise<void> {}

  private clientNow(): Client {
    if (this.client === undefined) {
      const grpc = loadGrpc();
      const options: ChannelOptions = { ...GRPC_RECONNECT_OPTIONS };
      if (this.options.userAgent !== undefined) options['grpc.primary_user_agent'] = this.options.userAgent;
      this.client = new grpc.Client(grpcTarget(this.options.url), this.options.credentials, options);
    }
    return this.client;
  }
}
