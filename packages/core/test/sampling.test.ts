import { randomUUID } from 'node:crypto';
import { AlwaysOffSampler, AlwaysOnSampler } from '@opentelemetry/sdk-trace-base';
import { keepsSession } from '@honeyhive/processing';
import { TestTracer, collectingLogger, resetOtelGlobals } from './helpers/test-tracer';

// sampleRate / HH_SAMPLE_RATE / sampler: where the decision comes from, what wins, and that sampled-out spans are
// counted in stats(). The per-session decision itself is tested in @honeyhive/processing and across two processes in
// sampling.child.test.ts.

const VARIABLES = ['HH_SAMPLE_RATE', 'OTEL_TRACES_SAMPLER', 'OTEL_TRACES_SAMPLER_ARG'];
let saved: Record<string, string | undefined> = {};
const tracers: TestTracer[] = [];

beforeEach(() => {
  saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of VARIABLES) delete process.env[name];
});
afterEach(async () => {
  await Promise.all(tracers.splice(0).map((t) => t.shutdown()));
  for (const name of VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  resetOtelGlobals();
});

function tracerWith(options: Record<string, unknown>, logger = collectingLogger()): TestTracer {
  const tracer = new TestTracer({ testMode: true, registerGlobal: false, flushOnExit: false, disableHttpTracing: true, logger, ...options });
  tracers.push(tracer);
  return tracer;
}

const sessionWhere = (kept: boolean): string => {
  for (;;) {
    const id = randomUUID();
    if (keepsSession(id, 0.5) === kept) return id;
  }
};

/** Traces a root span and a child in `sessionId` and returns how many spans were exported. */
async function traceIn(tracer: TestTracer, sessionId: string): Promise<number> {
  tracer.withSession({ sessionId }, () => tracer.startSpan('root', () => tracer.startSpan('child', () => undefined)));
  await tracer.flush();
  return tracer.getTestSpans().filter((span) => span.attributes['honeyhive.session_id'] === sessionId).length;
}

describe('sampleRate', () => {
  it('keeps or drops a session whole and counts the spans sampled out', async () => {
    const tracer = tracerWith({ sampleRate: 0.5 });
    expect(await traceIn(tracer, sessionWhere(true))).toBe(2);
    expect(await traceIn(tracer, sessionWhere(false))).toBe(0);
    expect(tracer.stats()).toMatchObject({ sampledOut: 2, exported: 2, ended: 2 });
  });

  it('is read from HH_SAMPLE_RATE and the option wins over the variable', async () => {
    process.env.HH_SAMPLE_RATE = '0';
    const fromEnv = tracerWith({});
    expect(await traceIn(fromEnv, sessionWhere(true))).toBe(0);
    expect(fromEnv.stats().sampledOut).toBe(2);
    const fromOption = tracerWith({ sampleRate: 1 });
    expect(await traceIn(fromOption, sessionWhere(false))).toBe(2);
    expect(fromOption.stats().sampledOut).toBe(0);
  });

  it('names the field and the range when invalid, and then samples nothing out', async () => {
    const logger = collectingLogger();
    const tracer = tracerWith({ sampleRate: 1.5 }, logger);
    expect(logger.lines.map((line) => line.message).join('\n')).toMatch(/sampleRate[^\n]*(0 to 1|too large)/);
    expect(await traceIn(tracer, sessionWhere(false))).toBe(2);
    expect(tracer.stats().sampledOut).toBe(0);
  });

  it('wins over OTEL_TRACES_SAMPLER, which applies when neither sampleRate nor sampler is set', async () => {
    process.env.OTEL_TRACES_SAMPLER = 'always_off';
    const withRate = tracerWith({ sampleRate: 1 });
    expect(await traceIn(withRate, sessionWhere(false))).toBe(2);
    const withoutRate = tracerWith({});
    expect(await traceIn(withoutRate, sessionWhere(true))).toBe(0);
  });
});

describe('sampler', () => {
  it("wins over sampleRate, and its drops are counted", async () => {
    const off = tracerWith({ sampler: new AlwaysOffSampler(), sampleRate: 1 });
    expect(await traceIn(off, sessionWhere(true))).toBe(0);
    expect(off.stats().sampledOut).toBe(2);
    const on = tracerWith({ sampler: new AlwaysOnSampler(), sampleRate: 0 });
    expect(await traceIn(on, sessionWhere(false))).toBe(2);
    expect(on.stats().sampledOut).toBe(0);
  });

  it('is refused when it is not a sampler', () => {
    const logger = collectingLogger();
    tracerWith({ sampler: { decide: () => true } }, logger);
    expect(logger.lines.map((line) => line.message).join('\n')).toMatch(/sampler[^\n]*shouldSample/);
  });
});
