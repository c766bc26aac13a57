import type { Faults } from './faults/fault-controller';
import type { ReceivedSpan } from './otlp/received-span';
import type { EventRecord, ReceivedRequest, SessionRecord } from './records';
import type { SessionTree } from './sessions/tree-types';

/** Options of `startLocalBackend`. */
export interface LocalBackendOptions {
  /** Interface to bind; only loopback is supported. Default `127.0.0.1`. */
  host?: '127.0.0.1';
  /** HTTP port (0 = OS-chosen, the default). */
  httpPort?: number;
  /** gRPC port (0 = OS-chosen, the default). */
  grpcPort?: number;
  /** When given, only these bearer tokens are accepted; default: any non-empty token. */
  apiKeys?: string[];
  /** Receives one line per request and per problem; default: silent. Never given an API key. */
  logger?: (line: string) => void;
  /** Called with a session's tree when no span or event arrived for it during `sessionIdleMs`. */
  onSessionComplete?: (tree: SessionTree) => void;
  /** Idle time before `onSessionComplete` fires (default 1000 ms). */
  sessionIdleMs?: number;
  /**
   * Largest accepted HTTP body, after which 413 (default 64 MiB). When given, also the largest gRPC request
   * message, after which RESOURCE_EXHAUSTED "Received message larger than max" (default 4 MiB, grpc-js's).
   */
  maxBodyBytes?: number;
}

/** A running local backend. */
export interface LocalBackend {
  /** Base URL of the HTTP server, e.g. `http://127.0.0.1:8787` (the tracer's `serverUrl`). */
  readonly httpUrl: string;
  /** URL for the OTel gRPC exporter, e.g. `http://127.0.0.1:4317`. */
  readonly grpcUrl: string;
  /** `${httpUrl}/opentelemetry/v1/traces`, the URL for the OTel HTTP exporters. */
  readonly otlpHttpUrl: string;
  /** The HTTP port. */
  readonly httpPort: number;
  /** The gRPC port. */
  readonly grpcPort: number;
  /** Spans received so far, in arrival order. */
  spans(): ReceivedSpan[];
  /** Requests received so far (every route, every outcome), in arrival order. */
  requests(): ReceivedRequest[];
  /** Number of distinct connections among the recorded requests (HTTP sockets and gRPC peers). */
  connectionCount(): number;
  /** Every known session (started through a route or seen on spans). */
  sessions(): SessionRecord[];
  /** One session record, or undefined. */
  session(sessionId: string): SessionRecord | undefined;
  /** The tree of a session, or undefined when unknown. */
  sessionTree(sessionId: string): SessionTree | undefined;
  /** Events created through the event routes. */
  events(): EventRecord[];
  /** Resolves with all spans once at least `count` have arrived; rejects after `timeoutMs` (default 20000). */
  waitForSpans(count: number, timeoutMs?: number): Promise<ReceivedSpan[]>;
  /** Resolves with the predicate's truthy result, checked now, after every change and every 20 ms; rejects after `timeoutMs` (default 20000). */
  waitFor<T>(predicate: () => T | false | undefined | null, timeoutMs?: number): Promise<T>;
  /** Forgets everything received and clears fault rules (listeners stay as they are; ports do not change). */
  reset(): Promise<void>;
  /** Fault injection. */
  readonly faults: Faults;
  /** Closes both servers and every connection; idempotent. Pending waits reject. */
  stop(): Promise<void>;
}
