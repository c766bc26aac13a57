import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { redactingLogger } from '../src/redacting-logger';
import { TestTracer, collectingLogger, resetOtelGlobals } from './helpers/test-tracer';

// The span processor caches the stamp it resolves per (scope, baggage). These tests check, through the
// tracer, that each span still gets the session of the scope it starts in.

const SESSION_A = '0b9f5c1e-7d2a-4e6b-8c3f-1a2b3c4d5e6f';
const SESSION_B = '3e1d2c4b-5a69-4f78-9e0d-1c2b3a4f5e6d';

let tracers: TestTracer[] = [];
function tracer(project: string): TestTracer {
  const made = new TestTracer({ testMode: true, project, source: 'unit', logger: collectingLogger() });
  tracers.push(made);
  return made;
}
afterEach(async () => {
  for (const made of tracers) await made.shutdown();
  tracers = [];
  resetOtelGlobals();
});

function sessions(spans: ReadableSpan[]): Record<string, unknown> {
  return Object.fromEntries(spans.map((span) => [span.name, span.attributes['honeyhive.session_id']]));
}

describe('stamping across scopes', () => {
  it('stamps each span with the session of its scope, before, inside, between and after withSession', async () => {
    const t = tracer('scopes');
    const otel = t.getTracer();
    otel.startSpan('before').end();
    t.withSession({ sessionId: SESSION_A }, () => {
      otel.startSpan('in-a').end();
      t.withSession({ sessionId: SESSION_B }, () => otel.startSpan('in-b').end());
      otel.startSpan('in-a-again').end();
    });
    t.withSession({ sessionId: SESSION_B }, () => otel.startSpan('in-b-again').end());
    otel.startSpan('after').end();
    await t.flush();
    expect(sessions(t.getTestSpans())).toEqual({
      before: t.sessionId,
      'in-a': SESSION_A,
      'in-b': SESSION_B,
      'in-a-again': SESSION_A,
      'in-b-again': SESSION_B,
      after: t.sessionId,
    });
  });

  it('a scope and baggage of one tracer never change what another tracer stamps', async () => {
    const one = tracer('one');
    const two = tracer('two');
    one.withSession({ sessionId: SESSION_A }, () =>
      one.setBaggage({ tenant: 'x' }, () => {
        one.getTracer().startSpan('from-one').end();
        two.getTracer().startSpan('from-two').end();
      }),
    );
    two.getTracer().startSpan('two-outside').end();
    await one.flush();
    await two.flush();
    const [fromOne] = one.getTestSpans();
    const byName = Object.fromEntries(two.getTestSpans().map((span) => [span.name, span]));
    expect(fromOne?.attributes).toMatchObject({ 'honeyhive.session_id': SESSION_A, 'honeyhive.project': 'one', 'baggage.tenant': 'x' });
    expect(byName['from-two']?.attributes).toMatchObject({ 'honeyhive.session_id': two.sessionId, 'honeyhive.project': 'two', 'baggage.tenant': 'x' });
    expect(byName['two-outside']?.attributes).toMatchObject({ 'honeyhive.session_id': two.sessionId, 'honeyhive.project': 'two' });
    expect(byName['two-outside']?.attributes).not.toHaveProperty(['baggage.tenant']);
  });

  it('enrichSpan still tells its own spans from another tracer’s', () => {
    const one = tracer('one');
    const two = tracer('two');
    one.getTracer().startActiveSpan('own', (span) => {
      expect(one.enrichSpan({ metadata: { k: 1 } })).toBe(true);
      expect(two.enrichSpan({ metadata: { k: 1 } })).toBe(false);
      span.end();
    });
  });
});

describe('redactingLogger quietDebug', () => {
  it('drops debug and info lines before redaction, and still redacts warnings', () => {
    const inner = collectingLogger();
    const quiet = redactingLogger(inner, ['secret-key'], { quietDebug: true });
    quiet.debug('debug secret-key');
    quiet.info('info secret-key');
    quiet.warn('warn secret-key');
    expect(inner.lines.map((line) => line.level)).toEqual(['warn']);
    expect(inner.at('warn')[0]).not.toContain('secret-key');
    const loud = redactingLogger(inner, ['secret-key']);
    loud.debug('debug secret-key');
    expect(inner.at('debug')).toHaveLength(1);
    expect(inner.at('debug')[0]).not.toContain('secret-key');
  });
});
