import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { TestTracer, collectingLogger, resetOtelGlobals } from './helpers/test-tracer';

// End to end through a real tracer: extract → start a span → inject, as a service continuing a trace does.

const ID = '12345678901234567890123456789012';
const PARENT = '1234567890123456';

let backend: LocalBackend;
let tracer: TestTracer;

beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: ['w3c-key'] });
});
beforeEach(() => {
  tracer = new TestTracer({ apiKey: 'w3c-key', serverUrl: backend.httpUrl, project: 'w3c', source: 'test', logger: collectingLogger() });
});
afterEach(async () => {
  await tracer.shutdown();
  await backend.reset();
  resetOtelGlobals();
});
afterAll(async () => {
  await backend.stop();
});

function continueTrace(incoming: Record<string, string | string[]>): Record<string, string> {
  return tracer.withDistributedContext(incoming, () => tracer.startSpan('handle', () => tracer.inject()));
}

describe.each([
  ['string carrier', (value: string): string | string[] => value],
  ['array carrier', (value: string): string | string[] => [value]],
])('random trace flag over a %s', (_shape, shape) => {
  it('keeps the random flag of a continued, unsampled trace', () => {
    const out = continueTrace({ traceparent: shape(`00-${ID}-${PARENT}-02`) });
    const [, traceId, parentId, flags] = out.traceparent!.split('-');
    expect(traceId).toBe(ID);
    expect(parentId).not.toBe(PARENT);
    expect(flags).toBe('02');
  });

  it('keeps it on a sampled trace, and does not add it where the caller did not set it', () => {
    expect(continueTrace({ traceparent: shape(`00-${ID}-${PARENT}-03`) }).traceparent?.endsWith('-03')).toBe(true);
    expect(continueTrace({ traceparent: shape(`00-${ID}-${PARENT}-01`) }).traceparent?.endsWith('-01')).toBe(true);
  });

  it('sets it on a trace the tracer starts', () => {
    expect(continueTrace({}).traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-03$/);
  });
});

it('counts baggage members extract and inject leave out in stats()', () => {
  const before = tracer.stats().baggageDropped;
  expect(before).toEqual({ extract: { invalid: 0, overLimit: 0, duplicate: 0 }, inject: { invalid: 0, overLimit: 0, duplicate: 0 } });
  const incoming = ['bad key=1', ...Array.from({ length: 182 }, (_, i) => `k${i}=v`)].join(',');
  const out = tracer.withDistributedContext({ baggage: incoming }, () => tracer.inject());
  const after = tracer.stats().baggageDropped;
  expect(after.extract).toEqual({ invalid: 1, overLimit: 2, duplicate: 0 });
  // 180 read + the tracer's own session, project and source keys: three more than inject may write
  expect(after.inject.overLimit).toBe(3);
  // the tracer's own keys are never the ones left out
  expect(out.baggage?.split(',').slice(0, 3).map((member) => member.split('=')[0])).toEqual(['session_id', 'project', 'source']);
  expect(out.baggage?.split(',')).toHaveLength(180);
});
