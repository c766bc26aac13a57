// Fair floors: the raw OpenTelemetry contender records exactly the attribute keys our tracer records, for each
// per-call workload (the LLM span, the do-nothing decorated call, the small call). No timing.
import { contender } from '../src/contenders';
import type { TracerHandle } from '../src/contenders/types';
import { SMALL_QUERY, llmPayload } from '../src/workload';

const BACKEND = { httpUrl: 'http://127.0.0.1:9', otlpHttpUrl: 'http://127.0.0.1:9/v1/traces', grpcUrl: 'http://127.0.0.1:9', sinkUrl: 'http://127.0.0.1:9/v1/traces' };

type Workload = 'span' | 'decorated' | 'small';

async function keysOf(handle: TracerHandle, workload: Workload): Promise<string[]> {
  handle.drain();
  if (workload === 'span') {
    const payload = llmPayload();
    handle.llmCall(payload)(payload.messages, payload.params);
  } else if (workload === 'small') {
    handle.smallCall()(SMALL_QUERY);
  } else {
    handle.wrap(function doNothing() {})();
  }
  await handle.flush();
  return handle.counts().attributeKeys ?? [];
}

let ours: TracerHandle;
let raw: TracerHandle;

beforeAll(async () => {
  const oursContender = contender('ours');
  oursContender.load([]);
  ours = await oursContender.create({ sink: { kind: 'memory' }, backend: BACKEND, index: 1 });
  const rawContender = contender('raw-otel');
  rawContender.load([]);
  raw = await rawContender.create({ sink: { kind: 'memory' }, backend: BACKEND, index: 1 });
});

afterAll(async () => {
  await ours?.shutdown();
  await raw?.shutdown();
});

test.each<Workload>(['span', 'decorated', 'small'])('raw OTel records the keys ours records: %s', async (workload) => {
  const oursKeys = await keysOf(ours, workload);
  const rawKeys = await keysOf(raw, workload);
  expect(oursKeys.length).toBeGreaterThan(5);
  expect(rawKeys).toEqual(oursKeys);
});

test('the raw LLM span takes its attribute values from the call, not from a precomputed object', async () => {
  const payload = llmPayload();
  const call = raw.llmCall(payload);
  raw.drain();
  call([{ role: 'user', content: 'only this' }], { ...payload.params, model: 'another-model' });
  await raw.flush();
  expect(raw.counts().attributeKeys).toContain('honeyhive_inputs.messages.0.content');
  expect(raw.counts().attributeKeys).not.toContain('honeyhive_inputs.messages.1.content');
});
