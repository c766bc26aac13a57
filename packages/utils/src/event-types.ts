/** Every HoneyHive event type, including the session (root) event. */
export const EVENT_TYPES = Object.freeze(['model', 'tool', 'chain', 'session'] as const);

/** A HoneyHive event type: `model`, `tool`, `chain` or `session`. */
export type EventType = (typeof EVENT_TYPES)[number];

/** The event types a span can carry (`session` is the root event, never a span type). */
export type SpanEventType = Exclude<EventType, 'session'>;

/** The span event types, in no particular order. */
export const SPAN_EVENT_TYPES: readonly SpanEventType[] = Object.freeze(['model', 'tool', 'chain'] as const);

/** True when `value` is exactly one of {@link EVENT_TYPES}. */
export function isEventType(value: unknown): value is EventType {
  return value === 'model' || value === 'tool' || value === 'chain' || value === 'session';
}

/** True when `value` is exactly `model`, `tool` or `chain`. */
export function isSpanEventType(value: unknown): value is SpanEventType {
  return value === 'model' || value === 'tool' || value === 'chain';
}

const GEN_AI_OPERATION: Readonly<Record<string, SpanEventType>> = {
  chat: 'model',
  text_completion: 'model',
  generate_content: 'model',
  invoke_agent: 'chain',
  create_agent: 'chain',
  execute_tool: 'tool',
};

const OPENINFERENCE_KIND: Readonly<Record<string, SpanEventType>> = {
  llm: 'model',
  chain: 'chain',
  agent: 'chain',
  tool: 'tool',
  retriever: 'tool',
  embedding: 'tool',
  reranker: 'tool',
  guardrail: 'tool',
};

const TRACELOOP_KIND: Readonly<Record<string, SpanEventType>> = {
  workflow: 'chain',
  task: 'chain',
  agent: 'chain',
  tool: 'tool',
};

const MODEL_ATTRIBUTES = ['gen_ai.request.model', 'gen_ai.response.model', 'llm.model_name', 'llm.request.model'];

/** Trimmed, lower-cased string, or undefined for anything that is not a non-empty string. */
function normalized(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  return text === '' ? undefined : text;
}

function lookup(table: Readonly<Record<string, SpanEventType>>, value: unknown): SpanEventType | undefined {
  const key = normalized(value);
  return key !== undefined && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

function read(attributes: Readonly<Record<string, unknown>>, key: string): unknown {
  try {
    return attributes[key];
  } catch {
    return undefined;
  }
}

/**
 * The HoneyHive event type of a span, by the docs/wire-contract.md rules (first match wins):
 * 1. a valid explicit type (`explicit`, else the `honeyhive_event_type` attribute);
 * 2. `gen_ai.operation.name`; 3. `openinference.span.kind`; 4. `traceloop.span.kind`;
 * 5. a model attribute (`gen_ai.request.model`, `gen_ai.response.model`, `llm.model_name`, `llm.request.model`) → model;
 * 6. otherwise `tool`.
 * String values are compared trimmed and case-insensitively. The span name is never consulted. Pure; never throws.
 */
export function detectEventType(attributes: Readonly<Record<string, unknown>>, explicit?: unknown): SpanEventType {
  try {
    const given = explicit === undefined ? undefined : normalized(explicit);
    if (isSpanEventType(given)) return given;
    const attrs: Readonly<Record<string, unknown>> =
      attributes !== null && typeof attributes === 'object' ? attributes : {};
    const stamped = normalized(read(attrs, 'honeyhive_event_type'));
    if (isSpanEventType(stamped)) return stamped;
    return inferredType(attrs);
  } catch {
    return 'tool';
  }
}

/**
 * The event type {@link detectEventType} gives when the span carries no explicit type: rules 2–6 only,
 * the `honeyhive_event_type` attribute is not read (as if it were absent). Pure; never throws.
 */
export function inferEventType(attributes: Readonly<Record<string, unknown>>): SpanEventType {
  try {
    return inferredType(attributes !== null && typeof attributes === 'object' ? attributes : {});
  } catch {
    return 'tool';
  }
}

/** Rules 2–6 of {@link detectEventType}. May throw (a hostile attributes object). */
function inferredType(attrs: Readonly<Record<string, unknown>>): SpanEventType {
  const byOperation = lookup(GEN_AI_OPERATION, read(attrs, 'gen_ai.operation.name'));
  if (byOperation) return byOperation;
  const byOpenInference = lookup(OPENINFERENCE_KIND, read(attrs, 'openinference.span.kind'));
  if (byOpenInference) return byOpenInference;
  const byTraceloop = lookup(TRACELOOP_KIND, read(attrs, 'traceloop.span.kind'));
  if (byTraceloop) return byTraceloop;
  for (const key of MODEL_ATTRIBUTES) {
    const model = read(attrs, key);
    if (model !== undefined && model !== null && model !== '') return 'model';
  }
  return 'tool';
}
