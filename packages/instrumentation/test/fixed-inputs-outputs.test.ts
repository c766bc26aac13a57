// The Python SDK's `@trace(inputs=..., outputs=...)`: fixed inputs on top of the captured arguments, fixed outputs
// instead of the return value.
import { ATTR, OUTPUT_RESULT_KEY } from '@honeyhive/utils';
import { trace, traced } from '../src';
import { attributesUnder, setupTracing } from './support/tracing';
import type { TestTracing } from './support/tracing';

let tracing: TestTracing;

beforeAll(() => {
  tracing = setupTracing();
});
afterEach(() => tracing.reset());
afterAll(() => tracing.shutdown());

describe('trace() with fixed inputs and outputs', () => {
  it('records inputs on top of the arguments (a given key wins) and outputs instead of the return value', () => {
    const answer = trace((question: string, user: string) => ({ text: `${user}: ${question}` }), {
      tracer: tracing.tracer,
      eventName: 'answer',
      inputs: { user: 'override', channel: 'web' },
      outputs: { text: 'redacted' },
    });
    expect(answer('why?', 'ann')).toEqual({ text: 'ann: why?' });
    const span = tracing.span('answer');
    expect(attributesUnder(span, 'honeyhive_inputs')).toEqual({
      'honeyhive_inputs.question': 'why?',
      'honeyhive_inputs.user': 'override',
      'honeyhive_inputs.channel': 'web',
    });
    expect(attributesUnder(span, 'honeyhive_outputs')).toEqual({ 'honeyhive_outputs.text': 'redacted' });
    expect(span.attributes[`${OUTPUT_RESULT_KEY}.text`]).toBeUndefined();
  });

  it('records them even with captureInputs/captureOutputs false, masked, and on a failing call', async () => {
    const mask = (key: string, value: unknown) => (key === 'ssn' ? '***' : value);
    const failing = trace(
      async (_id: number) => {
        throw new Error('down');
      },
      { tracer: tracing.tracer, eventName: 'failing', captureInputs: false, captureOutputs: false, mask, inputs: { ssn: '123', id: 7 }, outputs: 'fixed' },
    );
    await expect(failing(1)).rejects.toThrow('down');
    const span = tracing.span('failing');
    expect(attributesUnder(span, 'honeyhive_inputs')).toEqual({ 'honeyhive_inputs.ssn': '***', 'honeyhive_inputs.id': 7 });
    expect(attributesUnder(span, 'honeyhive_outputs')).toEqual({ 'honeyhive_outputs.value': 'fixed' });
    expect(span.attributes[ATTR.ERROR]).toBe('down');
  });

  it('keeps stream outputs out when outputs are fixed', async () => {
    const stream = trace(async function* tokens() {
      yield 'a';
      yield 'b';
    }, { tracer: tracing.tracer, outputs: { kind: 'stream' } });
    const seen: string[] = [];
    for await (const token of stream()) seen.push(token);
    expect(seen).toEqual(['a', 'b']);
    expect(attributesUnder(tracing.span('tokens'), 'honeyhive_outputs')).toEqual({ 'honeyhive_outputs.kind': 'stream' });
  });

  it('works through the method decorator', () => {
    class Service {
      @traced({ inputs: { tenant: 't1' }, outputs: { status: 'ok' } })
      handle(request: string) {
        return `handled ${request}`;
      }
    }
    expect(new Service().handle('r')).toBe('handled r');
    const span = tracing.span('handle');
    expect(span.attributes['honeyhive_inputs.request']).toBe('r');
    expect(span.attributes['honeyhive_inputs.tenant']).toBe('t1');
    expect(attributesUnder(span, 'honeyhive_outputs')).toEqual({ 'honeyhive_outputs.status': 'ok' });
  });
});
