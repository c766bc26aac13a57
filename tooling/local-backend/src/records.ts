import type { OtlpProtocol } from './otlp/received-span';
import type { FaultKind } from './faults/fault-rule';

/** Protocol of a recorded request: an OTLP transport, or `http` for the session and event routes. */
export type RequestProtocol = OtlpProtocol | 'http';

/** Which family of routes a request hit. */
export type RouteGroup = 'traces' | 'sessions' | 'events' | 'unknown';

/** The client identification headers of docs/wire-contract.md, as sent (absent ones are `undefined`). */
export interface ClientIdentification {
  /** `hh-client-package`. */
  package: string | undefined;
  /** `hh-client-version`. */
  version: string | undefined;
  /** `hh-client-language`. */
  language: string | undefined;
  /** `x-source`. */
  source: string | undefined;
}

/** One request the backend received, with its outcome. */
export interface ReceivedRequest {
  /** Unique id (`r1`, `r2`, ...); spans carry it as `requestId`. */
  id: string;
  /** HTTP method (`POST` for gRPC). */
  method: string;
  /** Request path (for gRPC: the method path). */
  path: string;
  /** Route family. */
  route: RouteGroup;
  /** Transport / encoding. */
  protocol: RequestProtocol;
  /** HTTP status sent (gRPC: 200 once a gRPC status was sent); 0 when no response was sent (reset, client gone). */
  status: number;
  /** gRPC status code sent (gRPC only; undefined for HTTP or when no status was sent). */
  grpcCode: number | undefined;
  /** Why the request failed or what fault was injected, when it did not succeed normally. */
  outcome: 'ok' | 'rejected' | 'fault' | 'aborted';
  /** The injected fault, if any. */
  fault: FaultKind | undefined;
  /** Human-readable reason for a non-ok outcome. */
  reason: string | undefined;
  /** Request headers (gRPC: metadata), names lower-cased; `authorization` is masked. */
  headers: Record<string, string>;
  /** Stable id of the TCP connection (HTTP: per socket; gRPC: per peer address). */
  connectionId: string;
  /** Number of spans stored from this request (0 when rejected or faulted). */
  spanCount: number;
  /** The bearer token the client sent (kept in memory for assertions only; never printed). */
  apiKey: string | undefined;
  /** Client identification headers. */
  client: ClientIdentification;
  /** Parsed JSON body of a session / event route (undefined for OTLP or unparsable bodies). */
  body: unknown;
  /** Time the request arrived (ms since epoch). */
  receivedAt: number;
}

/** A session as the backend knows it: started through a session route and/or seen on spans. */
export interface SessionRecord {
  /** Session id. */
  session_id: string;
  /** Name from the session start (null when only seen on spans). */
  session_name: string | null;
  /** Source / environment label (start body, else `honeyhive.source` of its spans). */
  source: string | null;
  /** Project from the legacy start body or `honeyhive.project` of its spans. */
  project: string | null;
  /** Session inputs from the start. */
  inputs: Record<string, unknown>;
  /** Outputs (replaced by updates). */
  outputs: Record<string, unknown>;
  /** Metadata (start, merged with updates). */
  metadata: Record<string, unknown>;
  /** Config (start, merged with updates). */
  config: Record<string, unknown>;
  /** Metrics (merged from updates). */
  metrics: Record<string, unknown>;
  /** Feedback (merged from updates). */
  feedback: Record<string, unknown>;
  /** User properties (start, merged with updates). */
  user_properties: Record<string, unknown>;
  /** `start_time` from the start body (Unix ms), else null. */
  start_time: number | null;
  /** How the session first became known. */
  createdVia: 'v1' | 'legacy' | 'spans' | 'event';
  /** Number of session-start requests received for this id (idempotency: more than 1 means repeated starts). */
  startCount: number;
  /** Number of updates (PUT) applied. */
  updateCount: number;
}

/** An event created through `POST /v1/events` or legacy `POST /events`. */
export interface EventRecord {
  /** Event id (generated when absent). */
  event_id: string;
  /** Owning session. */
  session_id: string;
  /** Parent event / span id, or null (then it hangs under the session root). */
  parent_id: string | null;
  /** `model` | `tool` | `chain` | ... (default `tool`). */
  event_type: string;
  /** Event name. */
  event_name: string;
  /** Inputs. */
  inputs: Record<string, unknown>;
  /** Outputs. */
  outputs: Record<string, unknown>;
  /** Config. */
  config: Record<string, unknown>;
  /** Metadata. */
  metadata: Record<string, unknown>;
  /** Metrics. */
  metrics: Record<string, unknown>;
  /** Feedback. */
  feedback: Record<string, unknown>;
  /** User properties. */
  user_properties: Record<string, unknown>;
  /** Error message or null. */
  error: string | null;
  /** Start time (Unix ms) when given, else the time it was received. */
  start_time: number;
  /** Duration in ms (`duration`, else `end_time - start_time`, else 0). */
  duration: number;
  /** Which route created it. */
  createdVia: 'v1' | 'legacy';
  /** The request body as received. */
  raw: Record<string, unknown>;
}

/** The fields an event update (`PUT /v1/events/{id}` or `PUT /events`) may carry. */
export interface EventUpdate {
  /** Merged. */
  metadata?: Record<string, unknown>;
  /** Merged. */
  feedback?: Record<string, unknown>;
  /** Merged. */
  metrics?: Record<string, unknown>;
  /** Merged. */
  config?: Record<string, unknown>;
  /** Merged. */
  user_properties?: Record<string, unknown>;
  /** Replaces the previous outputs. */
  outputs?: Record<string, unknown>;
  /** Optional error message. */
  error?: string;
}
