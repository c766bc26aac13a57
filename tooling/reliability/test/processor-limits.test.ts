import { startLocalBackend, type LocalBackend, type ReceivedSpan } from '@honeyhive/local-backend';
import { trace, type HoneyHiveTracer, type HoneyHiveTracerOptions } from '@honeyhive/tracer';
import { accountIdentities, accountSpans, droppedTotal, type SpanAccount } from '../src/accounting';
import { CapturingLogger } from '../src/log-capture';
import { ResultRecorder, type FigureRow } from '../src/results';
import { StrayErrorCollector } from '../src/stray-errors';
import { createReliabilityTracer, secretApiKey } from '../src/tracer-factory';

// Limits of the tracer's own making must never cost a span:
// - immediate mode (`disableBatch`) exports each span as it ends; a burst of spans (concurrent calls, or a fast
//   sequential agent loop against a slow backend) must be delivered, not refused by the exporter's own
//   concurrent-request limit;
// - a span that starts (or later grows) past the attribute-count limit keeps the tracer's own keys (session,
//   project, source, event type), so it is still exported; the user's attributes are cut as usual.

const recorder = new ResultRecorder('processor-limits');
let backend: LocalBackend | undefined;
let tracer: HoneyHiveTracer | undefined;
let strays: StrayErrorCollector | undefined;

afterEach(async () => {
  strays?.uninstall();
  await tracer?.shutdown(5_000);
  await backend?.stop();
  tracer = undefined;
  backend = undefined;
});
afterAll(() => recorder.flush());

interface Run {
  backend: LocalBackend;
  tracer: HoneyHiveTracer;
  reported: Error[];
  logger: CapturingLogger;
}

async function startRun(options: HoneyHiveTracerOptions, protocol: 'http/protobuf' | 'grpc' = 'http/protobuf'): Promise<Run> {
  backend = await startLocalBackend();
  const reported: Error[] = [];
  const logger = new CapturingLogger();
  strays = new StrayErrorCollector().install();
  const apiKey = secretApiKey('limits');
  tracer = createReliabilityTracer(backend, {
    apiKey,
    logger,
    onError: (error) => reported.push(error),
    // the key goes only to serverUrl's origin: an OTLP endpoint elsewhere gets the credentials it is given
    ...(protocol === 'grpc' ? { otlpProtocol: 'grpc', otlpEndpoint: backend.grpcUrl, otlpHeaders: { Authorization: `Bearer ${apiKey}` } } : {}),
    ...options,
  });
  await tracer.ready;
  return { backend, tracer, reported, logger };
}

async function finish(run: Run, created: number): Promise<{ account: SpanAccount; flushed: boolean }> {
  const flushed = await run.tracer.flush(30_000);
  const account = accountSpans({ created, stats: run.tracer.stats(), received: run.backend.spans(), sessionIds: new Set([run.tracer.sessionId]) });
  return { account, flushed };
}

function row(scenario: string, account: SpanAccount, flushed: boolean, extra: FigureRow = {}): FigureRow {
  return {
    scenario,
    created: account.created,
    delivered: account.delivered,
    dropped: droppedTotal(account.dropped),
    droppedByReason: account.dropped,
    failed: account.failed,
    balanced: accountIdentities(account).every(([, left, right]) => left === right) && account.pending === 0,
    flushed,
    ...extra,
  };
}

function expectEveryCreatedSpanDelivered(account: SpanAccount, run: Run, flushed: boolean): void {
  for (const [identity, left, right] of accountIdentities(account)) expect({ identity, value: left }).toEqual({ identity, value: right });
  expect(account.pending).toBe(0);
  expect(account.failed).toBe(0);
  expect(droppedTotal(account.dropped)).toBe(0);
  expect(account.delivered).toBe(account.created);
  expect(account.duplicates).toBe(0);
  expect(flushed).toBe(true);
  expect(run.reported.map((e) => e.message)).toEqual([]);
  expect(strays?.errors).toEqual([]);
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('immediate mode (disableBatch): bursts against a slow backend', () => {
  const CALLS = 100;

  async function concurrentCalls(protocol: 'http/protobuf' | 'grpc', latencyMs: number): Promise<void> {
    const run = await startRun({ disableBatch: true, exportTimeoutMs: 10_000 }, protocol);
    await run.backend.faults.set({ kind: 'delay', ms: latencyMs });
    const step = trace(async (i: number) => {
      await tick();
      return i;
    }, { tracer: run.tracer, eventName: 'concurrent.call' });
    const results = await Promise.all(Array.from({ length: CALLS }, (_, i) => step(i)));
    expect(results).toEqual(Array.from({ length: CALLS }, (_, i) => i));
    const { account, flushed } = await finish(run, CALLS);
    recorder.add('immediate', row(`${CALLS} concurrent calls, ${protocol}, ${latencyMs} ms`, account, flushed, { requests: run.backend.requests().filter((r) => r.route === 'traces').length }));
    expectEveryCreatedSpanDelivered(account, run, flushed);
  }

  async function sequentialAgent(protocol: 'http/protobuf' | 'grpc', latencyMs: number): Promise<void> {
    const run = await startRun({ disableBatch: true, exportTimeoutMs: 10_000 }, protocol);
    await run.backend.faults.set({ kind: 'delay', ms: latencyMs });
    const llm = trace(async (i: number) => {
      await tick();
      return `answer ${i}`;
    }, { tracer: run.tracer, eventName: 'agent.llm', eventType: 'model' });
    const agentStep = trace(async (i: number) => (await llm(i)).length, { tracer: run.tracer, eventName: 'agent.step', eventType: 'chain' });
    let created = 0;
    for (let i = 0; i < CALLS / 2; i++) {
      await agentStep(i);
      created += 2;
    }
    const { account, flushed } = await finish(run, created);
    recorder.add('immediate', row(`${CALLS}-span sequential agent loop, ${protocol}, ${latencyMs} ms`, account, flushed, { requests: run.backend.requests().filter((r) => r.route === 'traces').length }));
    expectEveryCreatedSpanDelivered(account, run, flushed);
  }

  it('100 concurrent traced calls, http/protobuf, 100 ms latency: all delivered, none failed', () => concurrentCalls('http/protobuf', 100));
  it('100 concurrent traced calls, gRPC, 100 ms latency: all delivered, none failed', () => concurrentCalls('grpc', 100));
  it('sequential agent loop, http/protobuf, 20 ms latency: all delivered', () => sequentialAgent('http/protobuf', 20));
  it('sequential agent loop, http/protobuf, 100 ms latency: all delivered', () => sequentialAgent('http/protobuf', 100));
  it('sequential agent loop, gRPC, 100 ms latency: all delivered', () => sequentialAgent('grpc', 100));

  it('a burst larger than the queue: the excess is dropped and counted queue_full, the rest delivered, none failed', async () => {
    const QUEUE = 20;
    const BURST = 200;
    const run = await startRun({ disableBatch: true, exportTimeoutMs: 10_000, maxQueueSize: QUEUE, batchSize: 10 });
    await run.backend.faults.set({ kind: 'delay', ms: 100 });
    const step = trace((i: number) => i, { tracer: run.tracer, eventName: 'overflow.call' });
    for (let i = 0; i < BURST; i++) step(i);
    const { account, flushed } = await finish(run, BURST);
    recorder.add('immediate', row(`${BURST} spans at once, queue ${QUEUE}, http/protobuf, 100 ms`, account, flushed, { requests: run.backend.requests().filter((r) => r.route === 'traces').length }));

    for (const [identity, left, right] of accountIdentities(account)) expect({ identity, value: left }).toEqual({ identity, value: right });
    expect(account.pending).toBe(0);
    expect(account.failed).toBe(0);
    expect(account.dropped.queue_full).toBeGreaterThan(0);
    expect(account.delivered + account.dropped.queue_full).toBe(BURST);
    expect(run.logger.lines.some((line) => /queue full/.test(line.text))).toBe(true);
  });
});

describe('attribute limit: the tracer keeps its own keys', () => {
  const OWN_KEYS = ['honeyhive.session_id', 'honeyhive.project', 'honeyhive.source', 'honeyhive_event_type'];

  function userAttributes(count: number): Record<string, number> {
    return Object.fromEntries(Array.from({ length: count }, (_, i) => [`user.attr.${i}`, i]));
  }

  function userKeys(span: ReceivedSpan): number {
    return Object.keys(span.attributes).filter((key) => key.startsWith('user.attr.')).length;
  }

  it('spans started or grown past the limit keep session, project, source and event type; user attributes cut as usual', async () => {
    const run = await startRun({ project: 'limits', source: 'limits-src', maxAttributes: 1024 });
    const otel = run.tracer.getTracer();
    const counts = [1_100, 5_000];
    let created = 0;
    for (const count of counts) {
      otel.startSpan(`wide.start.${count}`, { attributes: userAttributes(count) }).end();
      created++;
      const late = otel.startSpan(`wide.later.${count}`);
      late.setAttributes(userAttributes(count));
      late.end();
      created++;
    }
    // through the tracer's own API too (captured values are capped at maxAttributes before the span starts)
    run.tracer.startSpan('wide.api', { attributes: userAttributes(5_000) }, () => undefined);
    created++;
    // a traced call whose captured metadata and inputs fill the span, and which throws: the error and the
    // duration are the tracer's keys too
    const crowded = trace((input: Record<string, number>) => {
      throw new RangeError(`too many: ${Object.keys(input).length}`);
    }, { tracer: run.tracer, eventName: 'wide.traced', metadata: userAttributes(1_024) });
    expect(() => crowded(userAttributes(5_000) as Record<string, number>)).toThrow(RangeError);
    created++;
    const { account, flushed } = await finish(run, created);
    const spans = run.backend.spans();
    const missingOwnKeys = spans.filter((span) => OWN_KEYS.some((key) => span.attributes[key] === undefined)).length;
    const traced = spans.find((span) => span.name === 'wide.traced');
    const maxUserKeys = Math.max(...spans.map(userKeys));
    recorder.add('attribute-limits', row(`spans with ${counts.join(' / ')} user attributes (at start and later), limit 1024`, account, flushed, {
      missingOwnKeys,
      tracedErrorKept: traced?.attributes['honeyhive_error'] === 'too many: 5000',
      maxUserKeys,
      droppedAttributes: spans.reduce((sum, span) => sum + span.droppedAttributesCount, 0),
    }));

    expectEveryCreatedSpanDelivered(account, run, flushed);
    expect(missingOwnKeys).toBe(0);
    for (const span of spans) {
      expect(span.attributes).toMatchObject({
        'honeyhive.session_id': run.tracer.sessionId,
        'honeyhive.project': 'limits',
        'honeyhive.source': 'limits-src',
        'traceloop.association.properties.session_id': run.tracer.sessionId,
      });
      if (span.name === 'wide.traced') {
        expect(span.attributes).toMatchObject({ honeyhive_error: 'too many: 5000', honeyhive_error_type: 'RangeError' });
        expect(typeof span.attributes['honeyhive_duration_ms']).toBe('number');
        expect(span.droppedAttributesCount).toBeGreaterThan(0); // the captured inputs were cut, not our keys
        continue;
      }
      if (span.name === 'wide.api') {
        expect(userKeys(span)).toBe(1_024); // captured values: cut to maxAttributes before the span starts
        continue;
      }
      // the user's attributes are cut at the provider's limit, and the cut is visible on the wire
      const given = span.name.endsWith('1100') ? 1_100 : 5_000;
      expect(userKeys(span)).toBeLessThan(given);
      expect(userKeys(span) + span.droppedAttributesCount).toBe(given);
    }
  });
});
