// The one workload every contender runs: a chat-completion call with a typical LLM payload. Built
// deterministically so that every process (and every contender) sees byte-identical values.

/** One chat message. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** The request parameters passed as the second argument of the traced call. */
export interface ChatParams {
  model: string;
  temperature: number;
  max_tokens: number;
  top_p: number;
  stream: boolean;
}

/** Everything one traced LLM call records. */
export interface LlmPayload {
  messages: ChatMessage[];
  params: ChatParams;
  output: Record<string, unknown>;
  config: Record<string, string | number>;
  metadata: Record<string, unknown>;
  metrics: Record<string, number>;
}

const WORDS = (
  'the model answers questions about billing shipping returns and account settings using the retrieved ' +
  'context only when the context does not contain the answer it says so and offers to connect a human agent ' +
  'customer order invoice refund policy warranty delivery tracking number address payment method subscription'
).split(' ');

/** Deterministic pseudo-random text of exactly `bytes` ASCII characters. */
function text(bytes: number, seed = 1): string {
  let state = seed >>> 0 || 1;
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const word = WORDS[state % WORDS.length] as string;
    parts.push(word);
    length += word.length + 1;
  }
  return parts.join(' ').slice(0, bytes);
}

/** Byte size of the default ("typical") input: about 3 KB of messages. */
const TYPICAL_INPUT_BYTES = 3 * 1024;

/**
 * The payload of one LLM call whose messages add up to `inputBytes` characters (system prompt, a short
 * history and the user's question, which takes whatever the others leave).
 */
export function llmPayload(inputBytes = TYPICAL_INPUT_BYTES): LlmPayload {
  const system = Math.min(600, Math.floor(inputBytes * 0.2));
  const history = Math.min(400, Math.floor(inputBytes * 0.15));
  const user = Math.max(1, inputBytes - system - 2 * history);
  const messages: ChatMessage[] = [
    { role: 'system', content: text(system, 11) },
    { role: 'user', content: text(history, 12) },
    { role: 'assistant', content: text(history, 13) },
    { role: 'user', content: text(user, 14) },
  ];
  const params: ChatParams = { model: 'gpt-4o-mini', temperature: 0.2, max_tokens: 512, top_p: 1, stream: false };
  const output = {
    id: 'chatcmpl-9f3c2b7a',
    model: 'gpt-4o-mini-2024-07-18',
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: text(800, 15) } }],
    usage: { prompt_tokens: 742, completion_tokens: 188, total_tokens: 930 },
  };
  return {
    messages,
    params,
    output,
    config: { model: 'gpt-4o-mini', temperature: 0.2, max_tokens: 512, prompt_template: 'support-answer-v3' },
    metadata: {
      user_id: 'user-4821',
      conversation_id: 'conv-77a1',
      feature: 'support-bot',
      retrieval_k: 4,
      tags: ['prod', 'eu-west'],
    },
    metrics: { latency_ms: 812, prompt_tokens: 742, completion_tokens: 188, cost_usd: 0.00094 },
  };
}

type Scalar = string | number | boolean;

/** Flattens a value the way docs/wire-contract.md says (dotted keys, `.<index>` for arrays, null skipped), by hand. */
function flatten(prefix: string, value: unknown, into: Record<string, Scalar> = {}): Record<string, Scalar> {
  if (value === null || value === undefined) return into;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    into[prefix] = value;
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => flatten(`${prefix}.${index}`, item, into));
  } else if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) flatten(`${prefix}.${key}`, item, into);
  } else {
    into[prefix] = String(value);
  }
  return into;
}

/** The session context every contender stamps (or is told to stamp). */
export const SESSION = {
  sessionId: '6f1c3a52-2b8e-4d0a-9c71-5e2f8b4d9a10',
  project: 'bench',
  source: 'bench',
} as const;

/**
 * The attributes our tracer records for one LLM call of `payload` (docs/wire-contract.md): the start stamps, the event
 * type and name, inputs, config, metadata and metrics. The raw OpenTelemetry contender sets exactly
 * these by hand; `outputAttributes` are set before the span ends.
 */
export function startAttributes(payload: LlmPayload, eventName = 'chatCompletion'): Record<string, Scalar> {
  const attributes: Record<string, Scalar> = {
    'honeyhive.session_id': SESSION.sessionId,
    'honeyhive.project': SESSION.project,
    'honeyhive.source': SESSION.source,
    'traceloop.association.properties.session_id': SESSION.sessionId,
    'traceloop.association.properties.project': SESSION.project,
    'traceloop.association.properties.source': SESSION.source,
    honeyhive_event_type: 'model',
    honeyhive_event_name: eventName,
  };
  flatten('honeyhive_config', payload.config, attributes);
  flatten('honeyhive_inputs.messages', payload.messages, attributes);
  flatten('honeyhive_inputs.params', payload.params, attributes);
  flatten('honeyhive_metadata', payload.metadata, attributes);
  flatten('honeyhive_metrics', payload.metrics, attributes);
  return attributes;
}

/** The attributes recorded when the call returns (its result). */
export function outputAttributes(payload: LlmPayload): Record<string, Scalar> {
  return flatten('honeyhive_outputs.result', payload.output);
}

/** The body of the traced LLM call, the same for every contender: "calls the model", returns its output. */
export function respond(payload: LlmPayload, messages: ChatMessage[], params: ChatParams): unknown {
  return messages.length > 0 && params.model !== '' ? payload.output : undefined;
}

/** The argument of the small traced call (section 2b). */
export interface SmallQuery {
  id: string;
  limit: number;
}
/** The result of the small traced call. */
export interface SmallResult {
  found: boolean;
  count: number;
}

/** The argument every contender's small call gets. */
export const SMALL_QUERY: SmallQuery = { id: 'q-1842', limit: 5 };

/** The body of the small traced call, the same for every contender. */
export function lookup(query: SmallQuery): SmallResult {
  return { found: query.id !== '', count: query.limit };
}
