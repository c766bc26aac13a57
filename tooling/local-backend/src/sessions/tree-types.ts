import type { Attributes } from '../otlp/received-span';

/** One node of a session tree: a span (event) or a created event. */
export interface SessionTreeNode {
  /** Span id (hex) for spans, `event_id` for created events, `session_id` for the root. */
  event_id: string;
  /** `model` | `tool` | `chain` | `session` ... */
  event_type: string;
  /** `honeyhive_event_name`, else the span name. */
  event_name: string;
  /** Owning session. */
  session_id: string;
  /** Parent node id, null for the root. */
  parent_id: string | null;
  /** Un-flattened `honeyhive_inputs.*`. */
  inputs: Record<string, unknown>;
  /** Un-flattened `honeyhive_outputs.*` (replaced by updates). */
  outputs: Record<string, unknown>;
  /** Un-flattened `honeyhive_config.*` (merged with updates). */
  config: Record<string, unknown>;
  /** Un-flattened `honeyhive_metadata.*` (merged with updates). */
  metadata: Record<string, unknown>;
  /** Un-flattened `honeyhive_metrics.*` (merged with updates). */
  metrics: Record<string, unknown>;
  /** Un-flattened `honeyhive_feedback.*` (merged with updates). */
  feedback: Record<string, unknown>;
  /** Un-flattened `honeyhive_user_properties.*` (merged with updates). */
  user_properties: Record<string, unknown>;
  /** `honeyhive_error`, else the status message of an ERROR span, else null. */
  error: string | null;
  /** Start (Unix ms, fractional). */
  start_time: number;
  /** End (Unix ms, fractional). */
  end_time: number;
  /** Duration in ms. */
  duration: number;
  /** Where the node comes from. */
  origin: 'session' | 'span' | 'event';
  /** For span nodes: the raw span facts. */
  span?: {
    traceId: string;
    spanId: string;
    parentSpanId: string | undefined;
    name: string;
    kind: number;
    status: { code: number; message: string };
    attributes: Attributes;
  };
  /** Children, sorted by start time. */
  children: SessionTreeNode[];
}

/** The root of a session tree: the session itself. */
export interface SessionTree extends SessionTreeNode {
  /** Always `session`. */
  event_type: 'session';
  /** Session name from the start request (null when only seen on spans). */
  session_name: string | null;
  /** Source label. */
  source: string | null;
  /** Project, when known. */
  project: string | null;
  /** Number of spans in the session. */
  span_count: number;
  /** Number of created events in the session. */
  event_count: number;
}
