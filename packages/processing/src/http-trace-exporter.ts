import type { Agent as HttpAgent, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { DeadlineAwareExporter } from './deadline-export';
import { traceSerializer } from './trace-serializers';

/** Options of {@link HttpTraceExporter}. */
export interface HttpTraceExporterOptions {
  /** The full OTLP traces URL (`http(s)://host[:port]/…/v1/traces`). */
  url: string;
  /** Request body encoding: OTLP protobuf or OTLP JSON. */
  encoding: 'protobuf' | 'json';
  /** Sent with every export (API key, client headers). */
  headers: Record<string, string>;
  /** How long one export may take when no deadline is given (ms). */
  timeoutMillis: number;
  /** The keep-alive agent to send with (e.g. a shared pool's); Node's global agent when absent. */
  agent?: () => HttpAgent | HttpsAgent;
  /** Sent as `User-Agent`. */
  userAgent?: string;
}

/** The most of a response body read, as OpenTelemetry's HTTP transport does (4 MiB). */
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
/** The most of an error response body kept on the error. */
const MAX_ERROR_BODY_CHARS = 512;

/**
 * An OTLP/HTTP export answered with a status other than 2xx. `code` is the HTTP status and `headers` the
 * response headers, which the retry policy reads (`Retry-After`, 413 = too large).
 */
class OtlpHttpExportError extends Error {
  /**
   * @param code the HTTP status.
   * @param data the start of the response body.
   * @param headers the response headers.
   */
  constructor(
    readonly code: number,
    readonly data: string,
    readonly headers: IncomingHttpHeaders,
    statusMessage = '',
  ) {
    super(`OTLP export answered HTTP ${code}${statusMessage ? ` ${statusMessage}` : ''}`);
    this.name = 'OtlpHttpExportError';
  }
}

/** A request that got no complete answer before its deadline (code `ETIMEDOUT`, which the retry policy retries). */
function timeoutError(ms: number): Error {
  return Object.assign(new Error(`OTLP export got no answer within ${ms} ms`), { code: 'ETIMEDOUT' });
}

function serializeSpans(spans: ReadableSpan[], encoding: HttpTraceExporterOptions['encoding']): Uint8Array {
  // loaded on first use: a tracer that never exports never loads the serializer
  const bytes = traceSerializer(encoding).serializeRequest(spans);
  if (bytes === undefined) throw new Error('could not serialize the spans as an OTLP export request');
  return bytes;
}

function requestModule(url: URL): typeof import('node:http') {
  // loaded on first use so that an HTTP instrumentation registered later can still patch these modules
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (url.protocol === 'https:' ? require('node:https') : require('node:http')) as typeof import('node:http');
}

/**
 * The OTLP/HTTP span exporter (protobuf or JSON): serializes with OpenTelemetry's serializers and POSTs one
 * request per export, as `@opentelemetry/exporter-trace-otlp-proto`/`-http` do, with one difference that
 * matters at process exit: **an export never keeps the process alive.** Its socket is unref'd while the
 * request runs (idle keep-alive sockets already are), and so is its deadline timer; a caller that must wait
 * for delivery (`flush()`, the exit hook) holds the process itself, for as long as it chose to wait. (DNS
 * lookups and TCP connects still in progress do count for Node; they end at the deadline at the latest.)
 *
 * It never retries by itself: `createOtlpExporter` wraps it in a `RetryingExporter`, whose waits are
 * unref'd too. Failures reach the caller as an {@link OtlpHttpExportError} (HTTP status and headers) or the
 * socket error (`ECONNREFUSED`, `ECONNRESET`, `ETIMEDOUT`…), which the retry policy classifies.
 */
export class HttpTraceExporter implements DeadlineAwareExporter {
  /** A true private field: the headers hold the API key, which `util.inspect` / `JSON.stringify` must never show. */
  readonly #options: HttpTraceExporterOptions;
  private isShutdown = false;

  /** @param options URL, encoding, headers, default timeout and agent. */
  constructor(options: HttpTraceExporterOptions) {
    this.#options = options;
  }

  /** Exports within the exporter's own timeout. */
  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.exportBefore(spans, Date.now() + this.#options.timeoutMillis, resultCallback);
  }

  /** Sends one request, giving up at `deadline` (epoch ms). Calls back exactly once. */
  exportBefore(spans: ReadableSpan[], deadline: number, resultCallback: (result: ExportResult) => void): void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let answered = false;
    const answer = (result: ExportResult): void => {
      if (answered) return;
      answered = true;
      if (timer !== undefined) clearTimeout(timer);
      resultCallback(result);
    };
    const fail = (error: unknown): void => answer({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
    try {
      if (this.isShutdown) throw new Error('the OTLP HTTP exporter is shut down');
      const body = serializeSpans(spans, this.#options.encoding);
      const url = new URL(this.#options.url);
      const headers: Record<string, string | number> = {
        ...this.#options.headers,
        'Content-Type': this.#options.encoding === 'json' ? 'application/json' : 'application/x-protobuf',
        'Content-Length': body.byteLength,
      };
      if (this.#options.userAgent !== undefined) headers['User-Agent'] = this.#options.userAgent;
      const request = requestModule(url).request(url, { method: 'POST', headers, agent: this.#options.agent?.() }, (response) =>
        readResponse(response, answer, fail),
      );
      // a keep-alive agent re-refs a reused socket; the export must not hold the process, in any case
      request.on('socket', (socket) => socket.unref());
      request.on('error', fail);
      const waitMs = Math.max(1, deadline - Date.now());
      timer = setTimeout(() => {
        const error = timeoutError(waitMs);
        fail(error);
        request.destroy(error);
      }, waitMs);
      timer.unref();
      request.end(body);
    } catch (error) {
      fail(error);
    }
  }

  /** Later exports fail; requests under way finish or end at their deadline. */
  async shutdown(): Promise<void> {
    this.isShutdown = true;
  }

  /** Nothing is buffered here. */
  async forceFlush(): Promise<void> {}
}

/** Reads at most {@link MAX_RESPONSE_BYTES} of the answer and settles the export from its status. */
function readResponse(response: IncomingMessage, answer: (result: ExportResult) => void, fail: (error: unknown) => void): void {
  const status = response.statusCode ?? 0;
  const ok = status >= 200 && status < 300;
  const chunks: Buffer[] = [];
  let size = 0;
  response.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_RESPONSE_BYTES) {
      // the spans arrived when the status says so; an oversized body is not worth reading either way
      if (ok) answer({ code: ExportResultCode.SUCCESS });
      else fail(new OtlpHttpExportError(status, '', response.headers, response.statusMessage));
      response.destroy();
      return;
    }
    if (!ok) chunks.push(chunk);
  });
  response.on('end', () => {
    if (ok) return answer({ code: ExportResultCode.SUCCESS });
    const data = Buffer.concat(chunks).toString('utf8').slice(0, MAX_ERROR_BODY_CHARS);
    fail(new OtlpHttpExportError(status, data, response.headers, response.statusMessage));
  });
  // a body cut short: with a 2xx status the spans were accepted (as OpenTelemetry's transport decides)
  response.on('error', (error) => (ok ? answer({ code: ExportResultCode.SUCCESS }) : fail(error)));
  response.on('close', () => {
    if (response.complete) return;
    if (ok) answer({ code: ExportResultCode.SUCCESS });
    else fail(Object.assign(new Error('OTLP export response ended early'), { code: 'ECONNRESET' }));
  });
}
