import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { RetryingExporter, backoffDelay, classifyExportError, parseRetryAfter } from '../src';
import { retryInfoDelayMs } from '../src/grpc-retry-hints';
import { fakeSpan } from './helpers/fake-exporter';

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, rejects garbage', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('1', now)).toBe(1000);
    expect(parseRetryAfter(' 2 ', now)).toBe(2000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(['4'], now)).toBe(4000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('grows exponentially, is capped, and jitters within bounds', () => {
    const opts = { initialBackoffMs: 100, maxBackoffMs: 1000, multiplier: 2, jitter: 0.2 };
    expect(backoffDelay(1, opts, () => 0.5)).toBe(100);
    expect(backoffDelay(3, opts, () => 0.5)).toBe(400);
    expect(backoffDelay(10, opts, () => 0.5)).toBe(1000);
    expect(backoffDelay(1, opts, () => 0)).toBe(80);
    expect(backoffDelay(1, opts, () => 1)).toBe(120);
  });
});

describe('classifyExportError', () => {
  const withCode = (code: unknown, extra: Record<string, unknown> = {}) => Object.assign(new Error('x'), { code }, extra);
  it.each([
    [withCode(503), true],
    [withCode(429), true],
    [withCode(502), true],
    [withCode(504), true],
    [withCode(400), false],
    [withCode(401), false],
    [withCode(14), true], // gRPC UNAVAILABLE
    [withCode(8), false], // gRPC RESOURCE_EXHAUSTED without a retry delay (OTLP: retryable only with RetryInfo)
    [withCode(8, { metadata: { get: (k: string) => (k === 'grpc-retry-pushback-ms' ? ['100'] : []) } }), true],
    [withCode(8, { details: 'Received message larger than max (5000000 vs. 4194304)' }), false],
    [withCode(413), false],
    [withCode(3), false], // gRPC INVALID_ARGUMENT
    [withCode(16), false], // gRPC UNAUTHENTICATED
    [withCode('ECONNREFUSED'), true],
    [withCode('ECONNRESET'), true],
    [withCode('ERR_INVALID_URL'), false],
    [new Error('socket hang up'), true],
    [new Error('Request timed out'), true],
    [new Error('Bad Request'), false],
    [new Error('wrapped', { cause: withCode('ECONNREFUSED') }), true],
    [undefined, false],
    ['string error', false],
  ])('%p → retryable %p', (error, retryable) => {
    expect(classifyExportError(error).retryable).toBe(retryable);
  });

  it('reads retry-after from gRPC metadata', () => {
    const metadata = { get: (key: string) => (key === 'retry-after' ? ['2'] : []) };
    expect(classifyExportError(withCode(14, { metadata }))).toEqual({ retryable: true, retryAfterMs: 2000 });
  });

  it('marks a request too large (HTTP 413, gRPC message size) as permanent and tooLarge', () => {
    expect(classifyExportError(withCode(413))).toEqual({ retryable: false, tooLarge: true });
    const grpcTooLarge = withCode(8, { details: 'Received message larger than max (5242880 vs. 4194304)' });
    // a throttling delay on the same status does not make a too-large message worth sending again
    expect(classifyExportError(grpcTooLarge)).toEqual({ retryable: false, tooLarge: true });
    expect(classifyExportError(withCode(8, { details: 'Received message that decompresses to a size larger than 4194304' })).tooLarge).toBe(true);
    expect(classifyExportError(withCode(8, { details: 'quota exceeded' })).tooLarge).toBeUndefined();
  });
});

/** A serialized google.rpc.Status { code, message, details: [Any(RetryInfo { retry_delay: { seconds, nanos } })] }. */
function statusWithRetryInfo(seconds: number, nanos = 0, typeUrl = 'type.googleapis.com/google.rpc.RetryInfo'): Buffer {
  const varint = (n: number): number[] => {
    const out: number[] = [];
    while (n >= 0x80) {
      out.push((n % 0x80) | 0x80);
      n = Math.floor(n / 0x80);
    }
    return [...out, n];
  };
  const field = (no: number, bytes: number[]): number[] => [...varint(no * 8 + 2), ...varint(bytes.length), ...bytes];
  const duration = [...(seconds ? [0x08, ...varint(seconds)] : []), ...(nanos ? [0x10, ...varint(nanos)] : [])];
  const any = [...field(1, [...Buffer.from(typeUrl)]), ...field(2, field(1, duration))];
  const otherAny = [...field(1, [...Buffer.from('type.googleapis.com/google.rpc.DebugInfo')]), ...field(2, [0x0a, 0x01, 0x41])];
  return Buffer.from([0x08, 0x08, ...field(2, [...Buffer.from('slow down')]), ...field(3, otherAny), ...field(3, any)]);
}

describe('gRPC retry hints', () => {
  it('decodes the RetryInfo delay from grpc-status-details-bin', () => {
    expect(retryInfoDelayMs(statusWithRetryInfo(3))).toBe(3000);
    expect(retryInfoDelayMs(statusWithRetryInfo(1, 500_000_000))).toBe(1500);
    expect(retryInfoDelayMs(statusWithRetryInfo(0, 250_000_000))).toBe(250);
    expect(retryInfoDelayMs(statusWithRetryInfo(3, 0, 'type.googleapis.com/google.rpc.Other'))).toBeUndefined();
    expect(retryInfoDelayMs(Buffer.from([0x0a, 0xff, 0xff]))).toBeUndefined(); // truncated: no throw
    expect(retryInfoDelayMs(Buffer.alloc(0))).toBeUndefined();
  });

  const metadataOf = (entries: Record<string, unknown>) => ({ get: (key: string) => (key in entries ? [entries[key]] : []) });
  const exhausted = (entries: Record<string, unknown>) => withCode(8, { metadata: metadataOf(entries) });
  const withCode = (code: unknown, extra: Record<string, unknown> = {}) => Object.assign(new Error('x'), { code }, extra);

  it('the retry policy waits as RetryInfo, then grpc-retry-pushback-ms, then retry-after say', () => {
    expect(classifyExportError(exhausted({ 'grpc-status-details-bin': statusWithRetryInfo(3) }))).toEqual({ retryable: true, retryAfterMs: 3000 });
    expect(classifyExportError(exhausted({ 'grpc-retry-pushback-ms': '3000' }))).toEqual({ retryable: true, retryAfterMs: 3000 });
    expect(classifyExportError(exhausted({ 'retry-after': '3' }))).toEqual({ retryable: true, retryAfterMs: 3000 });
    expect(
      classifyExportError(exhausted({ 'grpc-status-details-bin': statusWithRetryInfo(2), 'grpc-retry-pushback-ms': '5000', 'retry-after': '9' })),
    ).toEqual({ retryable: true, retryAfterMs: 2000 });
    expect(classifyExportError(exhausted({ 'grpc-retry-pushback-ms': '-1' })).retryable).toBe(false); // not a usable delay
  });

  it('RetryingExporter waits the RetryInfo delay before the next attempt', async () => {
    const error = exhausted({ 'grpc-status-details-bin': statusWithRetryInfo(0, 300_000_000) });
    const inner = scripted([failure(error)]);
    const delays: number[] = [];
    const exporter = new RetryingExporter(inner, { budgetMs: 60_000, initialBackoffMs: 10, onRetry: (i) => delays.push(i.delayMs) });
    expect((await run(exporter)).code).toBe(ExportResultCode.SUCCESS);
    expect(delays).toEqual([300]);
  });
});

/** An inner exporter that answers from a script, recording when each attempt happened. */
function scripted(results: ExportResult[]): SpanExporter & { attempts: number[] } {
  const attempts: number[] = [];
  return {
    attempts,
    export(_spans: ReadableSpan[], cb: (r: ExportResult) => void) {
      attempts.push(Date.now());
      const next = results.shift() ?? { code: ExportResultCode.SUCCESS };
      setImmediate(() => cb(next));
    },
    shutdown: async () => {},
  };
}

const run = (exporter: SpanExporter): Promise<ExportResult> => new Promise((resolve) => exporter.export([fakeSpan()], resolve));
const failure = (error: unknown): ExportResult => ({ code: ExportResultCode.FAILED, error: error as Error });
const unavailable = (extra: Record<string, unknown> = {}) => Object.assign(new Error('14 UNAVAILABLE'), { code: 14 }, extra);

describe('RetryingExporter', () => {
  it('retries transient failures with backoff until success', async () => {
    const inner = scripted([failure(unavailable()), failure(unavailable())]);
    const delays: number[] = [];
    const exporter = new RetryingExporter(inner, { budgetMs: 60_000, initialBackoffMs: 10, onRetry: (i) => delays.push(i.delayMs) });
    expect((await run(exporter)).code).toBe(ExportResultCode.SUCCESS);
    expect(inner.attempts).toHaveLength(3);
    expect(delays).toHaveLength(2);
    expect(delays[1]!).toBeGreaterThan(delays[0]! * 1.2); // exponential, beyond the jitter band
  });

  it('honours Retry-After over the backoff', async () => {
    const metadata = { get: (key: string) => (key === 'retry-after' ? ['1'] : []) };
    const inner = scripted([failure(unavailable({ metadata }))]);
    const exporter = new RetryingExporter(inner, { budgetMs: 60_000, initialBackoffMs: 10 });
    expect((await run(exporter)).code).toBe(ExportResultCode.SUCCESS);
    expect(inner.attempts[1]! - inner.attempts[0]!).toBeGreaterThanOrEqual(990);
  });

  it('does not retry permanent failures', async () => {
    const inner = scripted([failure(Object.assign(new Error('bad'), { code: 3 }))]);
    const exporter = new RetryingExporter(inner, { budgetMs: 60_000, initialBackoffMs: 10 });
    expect((await run(exporter)).code).toBe(ExportResultCode.FAILED);
    expect(inner.attempts).toHaveLength(1);
  });

  it('gives up when the next wait would pass the budget', async () => {
    const metadata = { get: (key: string) => (key === 'retry-after' ? ['30'] : []) };
    const inner = scripted([failure(unavailable({ metadata }))]);
    const exporter = new RetryingExporter(inner, { budgetMs: 2_000 });
    const result = await run(exporter);
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(inner.attempts).toHaveLength(1);
  });

  it('stops after maxAttempts', async () => {
    const inner = scripted(Array.from({ length: 10 }, () => failure(unavailable())));
    const exporter = new RetryingExporter(inner, { budgetMs: 60_000, initialBackoffMs: 1, maxAttempts: 3 });
    expect((await run(exporter)).code).toBe(ExportResultCode.FAILED);
    expect(inner.attempts).toHaveLength(3);
  });

  it('shutdown cancels a waiting retry, which reports FAILED', async () => {
    const inner = scripted([failure(unavailable())]);
    let retryScheduled!: () => void;
    const waiting = new Promise<void>((resolve) => (retryScheduled = resolve));
    const exporter = new RetryingExporter(inner, { budgetMs: 60_000, initialBackoffMs: 30_000, jitter: 0, onRetry: () => retryScheduled() });
    const pending = run(exporter);
    await waiting; // the retry is now waiting out its 30 s backoff
    await exporter.shutdown();
    expect((await pending).code).toBe(ExportResultCode.FAILED);
    expect(inner.attempts).toHaveLength(1);
  });
});
