import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/** Counters kept by the processor that feeds the exporter. */
export interface ExportCounts {
  /** Spans the exporter acknowledged. */
  exported: number;
  /** Spans whose export failed or timed out. */
  failed: number;
  /** Spans refused because the queue (or the in-flight limit in simple mode) was full. */
  queueFull: number;
  /** Spans the backend refused as too large even when sent alone (HTTP 413, gRPC message size). */
  tooLarge: number;
  /** Spans that arrived after shutdown. */
  afterShutdown: number;
  /** Spans waiting in the queue. */
  queued: number;
  /** Spans handed to the exporter and not answered yet. */
  inFlight: number;
}

/**
 * The inner stage of {@link HoneyHiveSpanProcessor}: takes ended spans and exports them, accounting
 * for every span it receives: `received = exported + failed + queueFull + tooLarge + afterShutdown + queued + inFlight`.
 */
export interface CountingExportProcessor {
  /** Accepts one ended span (never throws). */
  onEnd(span: ReadableSpan): void;
  /** Exports everything queued now and waits for every export in flight. */
  forceFlush(): Promise<void>;
  /** Refuses further spans, flushes, then shuts the exporter down. Idempotent. */
  shutdown(): Promise<void>;
  /** A snapshot of the counters. */
  counts(): ExportCounts;
}

/** Hooks an inner processor calls so the outer one can log (rate-limited). */
export interface ExportEvents {
  /** An export failed or timed out. */
  onExportFailed?(spanCount: number, error: unknown, timedOut: boolean): void;
  /** A span was refused because the queue was full. */
  onQueueFull?(): void;
  /** Spans were dropped because the backend refused them as too large, each sent alone. */
  onTooLarge?(spanCount: number, error: unknown): void;
}
