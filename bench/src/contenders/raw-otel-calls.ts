// What a competent user of the raw OpenTelemetry API writes to record, per call, the attributes our tracer
// records (docs/wire-contract.md keys): attributes read from the call's own data each time, set from object
// literals (fast-mode objects) and setAttribute calls, arrays in a loop. Nothing is precomputed except the
// constant session stamps, which any app would keep in a literal once.
import type { Tracer } from '@opentelemetry/api';
import {
  SESSION,
  lookup,
  respond,
  type ChatMessage,
  type ChatParams,
  type LlmPayload,
  type SmallQuery,
  type SmallResult,
} from '../workload';

interface LlmConfig {
  model: string;
  temperature: number;
  max_tokens: number;
  prompt_template: string;
}
interface LlmMetadata {
  user_id: string;
  conversation_id: string;
  feature: string;
  retrieval_k: number;
  tags: string[];
}
interface LlmMetrics {
  latency_ms: number;
  prompt_tokens: number;
  completion_tokens: number;
  cost_usd: number;
}
interface Completion {
  id: string;
  model: string;
  choices: Array<{ index: number; finish_reason: string; message: { role: string; content: string } }>;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

/** The stamps our tracer puts on every span, as one literal (the event type and name vary per function). */
function stamps(eventType: string, eventName: string) {
  return {
    'honeyhive.session_id': SESSION.sessionId,
    'honeyhive.project': SESSION.project,
    'honeyhive.source': SESSION.source,
    'traceloop.association.properties.session_id': SESSION.sessionId,
    'traceloop.association.properties.project': SESSION.project,
    'traceloop.association.properties.source': SESSION.source,
    'traceloop.association.properties.disable_http_tracing': 'true',
    honeyhive_event_type: eventType,
    honeyhive_event_name: eventName,
  };
}

/** The traced LLM call (section 1): startActiveSpan, the attributes our tracer records (46), end. */
export function rawLlmCall(tracer: Tracer, payload: LlmPayload): (messages: ChatMessage[], params: ChatParams) => unknown {
  const config = payload.config as unknown as LlmConfig;
  const metadata = payload.metadata as unknown as LlmMetadata;
  const metrics = payload.metrics as unknown as LlmMetrics;
  const start = stamps('model', 'chatCompletion');
  return function chatCompletion(messages: ChatMessage[], params: ChatParams) {
    return tracer.startActiveSpan('chatCompletion', { attributes: start }, (span) => {
      const began = performance.now();
      span.setAttributes({
        'honeyhive_config.model': config.model,
        'honeyhive_config.temperature': config.temperature,
        'honeyhive_config.max_tokens': config.max_tokens,
        'honeyhive_config.prompt_template': config.prompt_template,
        'honeyhive_inputs.params.model': params.model,
        'honeyhive_inputs.params.temperature': params.temperature,
        'honeyhive_inputs.params.max_tokens': params.max_tokens,
        'honeyhive_inputs.params.top_p': params.top_p,
        'honeyhive_inputs.params.stream': params.stream,
        'honeyhive_metadata.user_id': metadata.user_id,
        'honeyhive_metadata.conversation_id': metadata.conversation_id,
        'honeyhive_metadata.feature': metadata.feature,
        'honeyhive_metadata.retrieval_k': metadata.retrieval_k,
        'honeyhive_metrics.latency_ms': metrics.latency_ms,
        'honeyhive_metrics.prompt_tokens': metrics.prompt_tokens,
        'honeyhive_metrics.completion_tokens': metrics.completion_tokens,
        'honeyhive_metrics.cost_usd': metrics.cost_usd,
      });
      for (let i = 0; i < messages.length; i++) {
        const message = messages[i]!;
        span.setAttribute(`honeyhive_inputs.messages.${i}.role`, message.role);
        span.setAttribute(`honeyhive_inputs.messages.${i}.content`, message.content);
      }
      for (let i = 0; i < metadata.tags.length; i++) span.setAttribute(`honeyhive_metadata.tags.${i}`, metadata.tags[i]!);
      try {
        const result = respond(payload, messages, params) as Completion;
        span.setAttributes({
          'honeyhive_outputs.result.id': result.id,
          'honeyhive_outputs.result.model': result.model,
          'honeyhive_outputs.result.usage.prompt_tokens': result.usage.prompt_tokens,
          'honeyhive_outputs.result.usage.completion_tokens': result.usage.completion_tokens,
          'honeyhive_outputs.result.usage.total_tokens': result.usage.total_tokens,
        });
        for (let i = 0; i < result.choices.length; i++) {
          const choice = result.choices[i]!;
          span.setAttribute(`honeyhive_outputs.result.choices.${i}.index`, choice.index);
          span.setAttribute(`honeyhive_outputs.result.choices.${i}.finish_reason`, choice.finish_reason);
          span.setAttribute(`honeyhive_outputs.result.choices.${i}.message.role`, choice.message.role);
          span.setAttribute(`honeyhive_outputs.result.choices.${i}.message.content`, choice.message.content);
        }
        return result;
      } finally {
        span.setAttribute('honeyhive_duration_ms', performance.now() - began);
        span.end();
      }
    });
  };
}

/** A decorator for a function without arguments or result (section 2): the attributes our `trace()` records (10). */
export function rawWrap<F extends (...args: any[]) => any>(tracer: Tracer, fn: F): F {
  const name = fn.name || 'anonymous';
  const start = stamps('tool', name);
  return function wrapped(this: unknown, ...args: unknown[]) {
    return tracer.startActiveSpan(name, { attributes: start }, (span) => {
      const began = performance.now();
      try {
        return fn.apply(this, args);
      } finally {
        span.setAttribute('honeyhive_duration_ms', performance.now() - began);
        span.end();
      }
    });
  } as F;
}

/** `lookup` traced by hand (section 2b): the stamps, its argument's fields, its result's fields, the duration. */
export function rawSmallCall(tracer: Tracer): (query: SmallQuery) => SmallResult {
  const start = stamps('tool', 'lookup');
  return function tracedLookup(query: SmallQuery): SmallResult {
    return tracer.startActiveSpan('lookup', { attributes: start }, (span) => {
      const began = performance.now();
      span.setAttributes({ 'honeyhive_inputs.query.id': query.id, 'honeyhive_inputs.query.limit': query.limit });
      try {
        const result = lookup(query);
        span.setAttributes({ 'honeyhive_outputs.result.found': result.found, 'honeyhive_outputs.result.count': result.count });
        return result;
      } finally {
        span.setAttribute('honeyhive_duration_ms', performance.now() - began);
        span.end();
      }
    });
  };
}
