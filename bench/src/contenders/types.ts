import type { ChatMessage, ChatParams, LlmPayload } from '../workload';

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
}

/** Batch settings given to both sides of the throughput comparison. */
export interface BatchSettings {
  maxQueueSize: number;
  maxExportBatchSize: number;
  scheduledDelayMillis: number;
  exportTimeoutMillis: number;
}

/** Where a contender's spans go: the shared in-memory sink (emptied by `drain`), or the local backend in one encoding. */
export type Sink = { kind: 'memory' } | { kind: 'backend'; protocol: Protocol; batch?: BatchSettings };

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
}

/** One tracer of a contender, ready to trace. */
export interface TracerHandle {
  /** Wall time of the set-up (constructor and what it needs, modules already loaded), ns. */
  setupNs: number;
  /** A function that makes one span with the full LLM payload, enriched the way this contender does it. */
  llmCall(payload: LlmPayload): LlmCall;
  /** Wraps `fn` with this contender's decorator (no options). */
  wrap<F extends (...args: any[]) => any>(fn: F): F;
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
  /** Loads the modules (not part of set-up time). */
  load(): void;
  create(options: CreateOptions): Promise<TracerHandle>;
}
