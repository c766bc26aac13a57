// The twin npm honeyhive 1.x put on every span (disable_http_tracing), and switching the fallback stamp
// (a tracer that changes its own session) without losing the stamp cache's correctness.
import { ROOT_CONTEXT } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { OTHER_SESSION, SESSION, memoryPipeline, withBaggage } from './helpers/tracing';

const TWIN = 'traceloop.association.properties.disable_http_tracing';

function attributesOf(spans: ReadableSpan[], name: string) {
  const span = spans.find((s) => s.name === name);
  if (span === undefined) throw new Error(`no span ${name}`);
  return span.attributes;
}

describe('the disable_http_tracing twin', () => {
  it.each([true, false])('is stamped on every span as the text %s when the tracer gives it', async (value) => {
    const { tracer, spans } = memoryPipeline({ defaults: Object.freeze({ sessionId: SESSION }), disableHttpTracing: value });
    tracer.startSpan('a', {}, ROOT_CONTEXT).end();
    tracer.startSpan('b', {}, withBaggage({ session_id: OTHER_SESSION })).end();
    const finished = await spans();
    expect(attributesOf(finished, 'a')[TWIN]).toBe(String(value));
    expect(attributesOf(finished, 'b')[TWIN]).toBe(String(value));
  });

  it('is left out without the option, and with the twins off', async () => {
    const plain = memoryPipeline({ defaults: { sessionId: SESSION } });
    plain.tracer.startSpan('a', {}, ROOT_CONTEXT).end();
    expect(attributesOf(await plain.spans(), 'a')).not.toHaveProperty(TWIN);
    const noTwins = memoryPipeline({ defaults: { sessionId: SESSION }, disableHttpTracing: true, stampTraceloopTwins: false });
    noTwins.tracer.startSpan('a', {}, ROOT_CONTEXT).end();
    expect(attributesOf(await noTwins.spans(), 'a')).not.toHaveProperty(TWIN);
  });
});

describe('HoneyHiveSpanProcessor.setDefaults', () => {
  it('stamps spans started afterwards with the new defaults; earlier spans keep theirs; scope and baggage still win', async () => {
    const { tracer, processor, spans } = memoryPipeline({ defaults: Object.freeze({ sessionId: SESSION, project: 'p' }) });
    const early = tracer.startSpan('early', {}, ROOT_CONTEXT);
    tracer.startSpan('before', {}, ROOT_CONTEXT).end();
    processor.setDefaults({ sessionId: OTHER_SESSION, project: 'p' });
    tracer.startSpan('after', {}, ROOT_CONTEXT).end();
    const fromBaggage = '0b7e2a3c-5f1d-4e6a-9c8b-1d2e3f4a5b6c';
    tracer.startSpan('baggage', {}, withBaggage({ session_id: fromBaggage })).end();
    early.end();
    const finished = await spans();
    expect(attributesOf(finished, 'before')['honeyhive.session_id']).toBe(SESSION);
    expect(attributesOf(finished, 'early')['honeyhive.session_id']).toBe(SESSION);
    expect(attributesOf(finished, 'after')['honeyhive.session_id']).toBe(OTHER_SESSION);
    expect(attributesOf(finished, 'after')['traceloop.association.properties.session_id']).toBe(OTHER_SESSION);
    expect(attributesOf(finished, 'baggage')['honeyhive.session_id']).toBe(fromBaggage);
  });
});
