import type { ReceivedSpan } from '../otlp/received-span';
import type { EventRecord, EventUpdate, SessionRecord } from '../records';
import { stringAttribute } from './session-attributes';
import type { SessionTree, SessionTreeNode } from './tree-types';
import { unflattenPrefix } from './unflatten';

/** Everything the tree of one session is built from. */
export interface SessionTreeInput {
  /** The session record. */
  session: SessionRecord;
  /** Spans whose `honeyhive.session_id` is this session. */
  spans: ReceivedSpan[];
  /** Events created in this session. */
  events: EventRecord[];
  /** Updates addressed to span ids, in arrival order. */
  spanUpdates: ReadonlyMap<string, EventUpdate[]>;
}

const STATUS_ERROR = 2;

/** Applies an event update: merge metadata/feedback/metrics/config/user_properties, replace outputs. */
export function applyUpdate(target: Omit<SessionTreeNode, 'children'> | SessionRecord | EventRecord, update: EventUpdate): void {
  if (update.metadata) Object.assign(target.metadata, update.metadata);
  if (update.feedback) Object.assign(target.feedback, update.feedback);
  if (update.metrics) Object.assign(target.metrics, update.metrics);
  if (update.config) Object.assign(target.config, update.config);
  if (update.user_properties) Object.assign(target.user_properties, update.user_properties);
  if (update.outputs) target.outputs = { ...update.outputs };
  if (update.error !== undefined && 'error' in target) target.error = update.error;
}

function spanNode(span: ReceivedSpan, sessionId: string, updates: EventUpdate[] | undefined): SessionTreeNode {
  const attrs = span.attributes;
  const honeyhiveError = stringAttribute(span, 'honeyhive_error');
  const statusError = span.status.code === STATUS_ERROR ? span.status.message || 'error' : null;
  const node: SessionTreeNode = {
    event_id: span.spanId,
    event_type: stringAttribute(span, 'honeyhive_event_type') || 'tool',
    event_name: stringAttribute(span, 'honeyhive_event_name') || span.name,
    session_id: sessionId,
    parent_id: null,
    inputs: unflattenPrefix(attrs, 'honeyhive_inputs'),
    outputs: unflattenPrefix(attrs, 'honeyhive_outputs'),
    config: unflattenPrefix(attrs, 'honeyhive_config'),
    metadata: unflattenPrefix(attrs, 'honeyhive_metadata'),
    metrics: unflattenPrefix(attrs, 'honeyhive_metrics'),
    feedback: unflattenPrefix(attrs, 'honeyhive_feedback'),
    user_properties: unflattenPrefix(attrs, 'honeyhive_user_properties'),
    error: honeyhiveError ?? statusError,
    start_time: span.startTimeMs,
    end_time: span.endTimeMs,
    duration: span.durationMs,
    origin: 'span',
    span: {
      traceId: span.traceId,
      spanId: span.spanId,
      parentSpanId: span.parentSpanId,
      name: span.name,
      kind: span.kind,
      status: { ...span.status },
      attributes: attrs,
    },
    children: [],
  };
  for (const update of updates ?? []) applyUpdate(node, update);
  return node;
}

function eventNode(event: EventRecord): SessionTreeNode {
  return {
    event_id: event.event_id,
    event_type: event.event_type,
    event_name: event.event_name,
    session_id: event.session_id,
    parent_id: null,
    inputs: { ...event.inputs },
    outputs: { ...event.outputs },
    config: { ...event.config },
    metadata: { ...event.metadata },
    metrics: { ...event.metrics },
    feedback: { ...event.feedback },
    user_properties: { ...event.user_properties },
    error: event.error,
    start_time: event.start_time,
    end_time: event.start_time + event.duration,
    duration: event.duration,
    origin: 'event',
    children: [],
  };
}

// OTel JS stamps span starts from Date.now() (whole ms), so siblings often tie on start; for steps that
// ran one after another the earlier one also ended first.
function sortChildren(node: SessionTreeNode): void {
  node.children.sort((a, b) => a.start_time - b.start_time || a.end_time - b.end_time || a.event_name.localeCompare(b.event_name));
  node.children.forEach(sortChildren);
}

/**
 * Builds the tree of one session the way the HoneyHive backend groups spans: the session is the root; a span hangs
 * under its parent span when that parent is in the session (else under `honeyhive.parent_id` when that names a node,
 * else under the root); created events hang under `parent_id` when it names a node, else under the root.
 */
export function buildSessionTree(input: SessionTreeInput): SessionTree {
  const { session } = input;
  const nodes = new Map<string, SessionTreeNode>();
  const wantedParent = new Map<SessionTreeNode, string[]>();
  for (const span of input.spans) {
    const node = spanNode(span, session.session_id, input.spanUpdates.get(span.spanId));
    nodes.set(node.event_id, node);
    const candidates = [span.parentSpanId, stringAttribute(span, 'honeyhive.parent_id')].filter((id): id is string => !!id);
    wantedParent.set(node, candidates);
  }
  for (const event of input.events) {
    const node = eventNode(event);
    nodes.set(node.event_id, node);
    wantedParent.set(node, event.parent_id ? [event.parent_id] : []);
  }

  const parentOf = new Map<SessionTreeNode, SessionTreeNode>();
  for (const [node, candidates] of wantedParent) {
    const parent = candidates.map((id) => nodes.get(id)).find((p) => p !== undefined && p !== node);
    if (parent) parentOf.set(node, parent);
  }
  // Break cycles (possible only with hand-written parent_ids): a node whose ancestry loops goes to the root.
  for (const node of parentOf.keys()) {
    const seen = new Set<SessionTreeNode>([node]);
    for (let p = parentOf.get(node); p; p = parentOf.get(p)) {
      if (seen.has(p)) {
        parentOf.delete(node);
        break;
      }
      seen.add(p);
    }
  }

  const allNodes = [...nodes.values()];
  const starts = allNodes.map((n) => n.start_time);
  const ends = allNodes.map((n) => n.end_time);
  const start = session.start_time ?? (starts.length ? Math.min(...starts) : 0);
  const end = ends.length ? Math.max(start, ...ends) : start;
  const root: SessionTree = {
    event_id: session.session_id,
    event_type: 'session',
    event_name: session.session_name ?? session.session_id,
    session_id: session.session_id,
    parent_id: null,
    session_name: session.session_name,
    source: session.source,
    project: session.project,
    inputs: { ...session.inputs },
    outputs: { ...session.outputs },
    config: { ...session.config },
    metadata: { ...session.metadata },
    metrics: { ...session.metrics },
    feedback: { ...session.feedback },
    user_properties: { ...session.user_properties },
    error: null,
    start_time: start,
    end_time: end,
    duration: end - start,
    origin: 'session',
    span_count: input.spans.length,
    event_count: input.events.length,
    children: [],
  };
  for (const node of allNodes) {
    const parent = parentOf.get(node) ?? root;
    node.parent_id = parent.event_id;
    parent.children.push(node);
  }
  sortChildren(root);
  return root;
}
