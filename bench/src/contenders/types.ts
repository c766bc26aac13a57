import type { ChatMessage, ChatParams, LlmPayload, SmallQuery, SmallResult } from '../workload';

/** The contenders, in launch order. */
export const CONTENDER_NAMES = ['ours', 'raw-otel', 'honeyhive-1x', 'langfuse', 'bare'] as const;
/** A contender's id. */
export type ContenderName = (typeof CONTENDER_NAMES)[number];

/** OTLP encodings. */
export type Protocol = 'http/protobuf' | 'http/json' | 'grpc';

/** Where the local backend listens (started by the orchestrator in its own process). */
export interface BackendUrls {
  httpUrl: string;
  otlpHttpUrl: string;
  grpcUrl: string;
  /** The lean OTLP/HTTP receiver of the specification protocol (protocol-sink.ts), full traces URL. */
  sinkUrl: string;
}

/** Batch settings given to both sides of the throughput comparison. */
export interface BatchSettings {
  maxQueueSize: number;
  maxExportBatchSize: number;
  scheduledDelayMillis: number;
  exportTimeoutMillis: number;
}

/**
 * Where a contender's spans go: the shared in-memory sink (emptied by `drain`), or the local backend in one encoding
 * (`otlpUrl`: spans to that OTLP/HTTP URL instead, the rest, e.g. session requests, still to the backend).
 */
export type Sink = { kind: 'memory' } | { kind: 'backend'; protocol: Protocol; batch?: BatchSettings; otlpUrl?: string };

/** What creating a tracer needs. */
export interface CreateOptions {
  sink: Sink;
  backend: BackendUrls;
  /** 0 for the first tracer of the process (which registers globally where the contender's setup does). */
  index: number;
}

/** A traced LLM call: `(messages, params) => output`. */
export type LlmCall = (messages: ChatMessage[], params: ChatParams) => unknown;

/** Counts read after a flush. */
export interface SinkCounts {
  /** Spans that reached the in-memory sink, or that the backend acknowledged. */
  exported: number;
  /** Spans the contender reports dropped (when it reports drops). */
  dropped?: number;
  /** Attribute count of the last exported span (in-memory sink only). */
  attributesPerSpan?: number;
  /** Attribute keys of the last exported span, sorted (in-memory sink only). */
  attributeKeys?: string[];
}

/** How a span of the specification protocol (section 7) is made: a plain span, or a call of a function wrapped by `trace()`. */
export type ProtocolMode = 'span' | 'trace';

/** One tracer of a contender, ready to trace. */
export interface TracerHandle {
  /** Wall time of the set-up (constructor and what it needs, modules already loaded), ns. */
  setupNs: number;
  /** A function that makes one span with the full LLM payload, enriched the way this contender does it. */
  llmCall(payload: LlmPayload): LlmCall;
  /**
   * Wraps `fn` with this contender's decorator (no options). Raw OpenTelemetry sets by hand the attributes our
   * decorator records for a call without arguments or result (session stamps, event type and name, duration).
   */
  wrap<F extends (...args: any[]) => any>(fn: F): F;
  /** `lookup` (workload.ts) traced the way this contender traces a function with a small argument and result. */
  smallCall(): (query: SmallQuery) => SmallResult;
  /**
   * A span of the specification protocol carrying `attributes` (set at start), made as `mode` says; undefined
   * when the contender has no such way (only ours has `trace`).
   */
  protocolOp?(mode: ProtocolMode, attributes: Record<string, string>): (() => void) | undefined;
  /** Starts and ends a span carrying `attributes` set by hand (throughput section; ours and raw only). */
  plainSpan?(name: string, attributes: Record<string, string | number | boolean>): void;
  /** Exports everything queued. */
  flush(): Promise<void>;
  /** Empties the in-memory sink (called after every sample; a no-op for the backend sink). */
  drain(): void;
  /** Counts after a flush. */
  counts(): SinkCounts;
  /** Releases the tracer. */
  shutdown(): Promise<void>;
}

/** A contender: how to load its modules, then how to create tracers. */
export interface Contender {
  name: ContenderName;
  /** What was measured, for the report. */
  describe(): string;
  /** Loads the modules (not part of set-up time): those a user of these encodings would load (default: all). */
  load(protocols?: readonly Protocol[]): void;
  create(options: CreateOptions): Promise<TracerHandle>;
}
