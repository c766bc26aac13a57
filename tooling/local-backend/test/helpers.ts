// Test helpers: a tiny HTTP client, a gRPC client for the raw Export method, and a fixed span set emitted through
// the real OpenTelemetry SDK.
import * as grpc from '@grpc/grpc-js';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, type IdGenerator, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { request as httpRequest, type Agent, type OutgoingHttpHeaders } from 'node:http';
import { gzipSync } from 'node:zlib';
import { TRACE_EXPORT_GRPC_PATH, type ReceivedSpan } from '../src';
import { otlpTraceTypes } from '../src/proto/otlp-schema';

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
  json(): any;
}

/** Sends one HTTP request; rejects on connection errors (refused, reset) and when `signal` aborts it. */
export function send(
  baseUrl: string,
  method: string,
  path: string,
  options: { headers?: OutgoingHttpHeaders; body?: string | Buffer; agent?: Agent; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<HttpReply> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method, headers: options.headers, agent: options.agent ?? false, timeout: options.timeoutMs, signal: options.signal },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text: body.toString('utf8'),
            json: () => JSON.parse(body.toString('utf8')),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end(options.body);
  });
}

export const AUTH = { authorization: 'Bearer test-key-123456' };

/** Sends a JSON body with the default bearer token. */
export function sendJson(baseUrl: string, method: string, path: string, body: unknown, headers: OutgoingHttpHeaders = {}) {
  return send(baseUrl, method, path, {
    headers: { ...AUTH, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Encodes an ExportTraceServiceRequest given in protobufjs object form (camelCase, bytes as Buffer). */
export function encodeExportRequest(object: Record<string, unknown>): Buffer {
  const { request } = otlpTraceTypes();
  return Buffer.from(request.encode(request.fromObject(object)).finish());
}

/** A minimal OTLP/JSON export body with the given spans (hex ids, string nanos). */
export function otlpJson(spans: Array<Record<string, unknown>>, resourceAttributes: Array<Record<string, unknown>> = []) {
  return JSON.stringify({
    resourceSpans: [{ resource: { attributes: resourceAttributes }, scopeSpans: [{ scope: { name: 'hand' }, spans }] }],
  });
}

/** Posts OTLP/JSON spans to the backend. */
export function postOtlpJson(baseUrl: string, spans: Array<Record<string, unknown>>) {
  return send(baseUrl, 'POST', '/opentelemetry/v1/traces', {
    headers: { ...AUTH, 'content-type': 'application/json' },
    body: otlpJson(spans),
  });
}

/**
 * A raw gRPC client for the OTLP Export method. grpc-js shares connections between clients of the same target
 * (global subchannel pool); `ownConnection` gives this client its own.
 */
export function grpcClient(grpcUrl: string, ownConnection = false): grpc.Client {
  const options = ownConnection ? { 'grpc.use_local_subchannel_pool': 1 } : {};
  return new grpc.Client(new URL(grpcUrl).host, grpc.credentials.createInsecure(), options);
}

/** Calls Export with raw bytes; resolves with the error (or null) and the raw response. */
export function grpcExport(
  client: grpc.Client,
  body: Buffer,
  metadata: Record<string, string> = { authorization: AUTH.authorization },
  deadlineMs = 5000,
): Promise<{ error: grpc.ServiceError | null; response: Buffer | undefined }> {
  const md = new grpc.Metadata();
  for (const [k, v] of Object.entries(metadata)) md.set(k, v);
  return new Promise((resolve) => {
    client.makeUnaryRequest<Buffer, Buffer>(
      TRACE_EXPORT_GRPC_PATH,
      (b) => b,
      (b) => b,
      body,
      md,
      { deadline: Date.now() + deadlineMs },
      (error, response) => resolve({ error: error ?? null, response }),
    );
  });
}

export { gzipSync };

/** Deterministic ids so that the three encodings carry identical spans. */
class SequentialIds implements IdGenerator {
  private trace = 0;
  private span = 0;
  generateTraceId(): string {
    this.trace += 1;
    return this.trace.toString(16).padStart(32, 'a');
  }
  generateSpanId(): string {
    this.span += 1;
    return this.span.toString(16).padStart(16, 'b');
  }
}

export const SESSION_ID = '0b7ad1a4-9f0e-4c8e-9d1a-3f6f3b2a1c00';
export const REMOTE_PARENT = { traceId: '0123456789abcdef0123456789abcdef', spanId: 'fedcba9876543210' };
export const LINKED = { traceId: '11112222333344445555666677778888', spanId: '9999aaaabbbbcccc' };

/**
 * Emits the fixed span set (3 spans) through a NodeTracerProvider + SimpleSpanProcessor into `exporter`, then
 * flushes and shuts the provider down.
 */
export async function emitSpanSet(exporter: SpanExporter): Promise<void> {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'lb-test', 'deployment.environment': 'test', 'custom.int': 42 }),
    idGenerator: new SequentialIds(),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('lb-test-scope', '1.2.3');
  const remote: Context = trace.setSpanContext(ROOT_CONTEXT, {
    ...REMOTE_PARENT,
    traceFlags: 1,
    isRemote: true,
    traceState: new TraceState('vendor=value'),
  });
  const root = tracer.startSpan(
    'agent_step',
    {
      kind: SpanKind.SERVER,
      startTime: [1700000000, 100000000],
      attributes: {
        'honeyhive.session_id': SESSION_ID,
        honeyhive_event_type: 'chain',
        'attr.string': 'hello',
        'attr.bool': true,
        'attr.int': 7,
        'attr.negative': -12,
        'attr.double': 3.25,
        'attr.strings': ['a', 'b'],
        'attr.numbers': [1, 2.5],
        'attr.bools': [true, false],
      },
      links: [{ context: { ...LINKED, traceFlags: 0 }, attributes: { 'link.attr': 'x' } }],
    },
    remote,
  );
  root.addEvent('step.started', { 'event.attr': 5 }, [1700000000, 150000000]);
  const childContext = trace.setSpan(remote, root);
  const child = tracer.startSpan(
    'llm_call',
    { kind: SpanKind.CLIENT, startTime: [1700000000, 200000000], attributes: { 'honeyhive.session_id': SESSION_ID, honeyhive_event_type: 'model', 'honeyhive_inputs.messages.0.role': 'user' } },
    childContext,
  );
  child.end([1700000000, 300000000]);
  const failing = tracer.startSpan(
    'search',
    { kind: SpanKind.INTERNAL, startTime: [1700000000, 310000000], attributes: { 'honeyhive.session_id': SESSION_ID } },
    childContext,
  );
  failing.setStatus({ code: SpanStatusCode.ERROR, message: 'search failed' });
  failing.end([1700000000, 320000000]);
  root.setStatus({ code: SpanStatusCode.OK });
  root.end([1700000000, 400000000]);
  await provider.forceFlush();
  await provider.shutdown();
}

/** Spans without the per-request fields, sorted by span id, for cross-encoding comparison. */
export function comparable(spans: ReceivedSpan[]) {
  return [...spans]
    .sort((a, b) => a.spanId.localeCompare(b.spanId))
    .map(({ protocol: _p, requestId: _r, ...rest }) => rest);
}
