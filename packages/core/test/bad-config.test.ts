import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { isValidSessionId } from '@honeyhive/utils';
import { HoneyHiveConfigError, type HoneyHiveTracerOptions } from '../src';
import { TestTracer, collectingLogger, resetOtelGlobals, type CollectingLogger } from './helpers/test-tracer';

const API_KEY = 'hh-config-test-key';
let backend: LocalBackend;
const saved: Record<string, string | undefined> = {};
const tracers: TestTracer[] = [];

beforeAll(async () => {
  for (const name of Object.keys(process.env)) {
    if (name.startsWith('HH_') || name.startsWith('OTEL_')) {
      saved[name] = process.env[name];
      delete process.env[name];
    }
  }
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
});
afterEach(async () => {
  await Promise.all(tracers.splice(0).map((t) => t.shutdown()));
  await backend.reset();
  resetOtelGlobals();
});
afterAll(async () => {
  Object.assign(process.env, saved);
  await backend.stop();
});

function build(options: Record<string, unknown>): { tracer: TestTracer; logger: CollectingLogger } {
  const logger = collectingLogger();
  const tracer = new TestTracer({ serverUrl: backend.httpUrl, logger, ...options } as HoneyHiveTracerOptions);
  tracers.push(tracer);
  return { tracer, logger };
}

async function runOneSpan(tracer: TestTracer): Promise<void> {
  expect(tracer.startSpan('work', () => 'value')).toBe('value');
  await tracer.flush();
}

const cases: Array<{ name: string; options: Record<string, unknown>; field: string; exports: boolean }> = [
  { name: 'a session id that is not a UUID', options: { apiKey: API_KEY, sessionId: 'session-42' }, field: 'sessionId', exports: true },
  { name: 'a negative batch size', options: { apiKey: API_KEY, batchSize: -5 }, field: 'batchSize', exports: true },
  { name: 'an unknown option', options: { apiKey: API_KEY, projct: 'typo' }, field: 'projct', exports: true },
  { name: 'a server URL that is not http(s)', options: { apiKey: API_KEY, serverUrl: 'ftp://127.0.0.1:1' }, field: 'serverUrl', exports: false },
  { name: 'a missing API key', options: {}, field: 'apiKey', exports: false },
];

describe.each(cases)('$name', ({ options, field, exports }) => {
  it('logs one clear line naming the field and the fix, and the tracer keeps working', async () => {
    const { tracer, logger } = build(options);
    const warnings = logger.at('warn').concat(logger.at('error'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(field);
    expect(warnings[0]).toMatch(/Fix: .+/);
    expect(tracer.stats().configProblems).toBe(1);
    expect(isValidSessionId(tracer.sessionId)).toBe(true);

    await runOneSpan(tracer);
    const stats = tracer.stats();
    expect(stats.ended).toBe(1);
    if (exports) {
      expect(stats.mode).toBe('active');
      expect(stats.exported).toBe(1);
      const [span] = await backend.waitForSpans(1);
      expect(span?.attributes['honeyhive.session_id']).toBe(tracer.sessionId);
    } else {
      // degraded: nothing leaves the process, and the span is counted as failed (not lost silently)
      expect(stats.mode).toBe('degraded');
      expect(stats.failed).toBe(1);
      expect(await tracer.ready).toBe(false);
      expect(tracer.stats().sessionStarts).toEqual({ ok: 0, failed: 0, skipped: 1, failedBy: {}, skippedBy: { degraded: 1 }, truncated: 0 });
      expect(backend.requests()).toEqual([]);
      if (field === 'apiKey') expect(logger.at('debug').join('\n')).toContain('no API key');
    }
    // still exactly one warning after running
    expect(logger.at('warn').concat(logger.at('error'))).toHaveLength(1);
  });

  it('throws HoneyHiveConfigError with strict: true', () => {
    let thrown: unknown;
    try {
      build({ ...options, strict: true });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HoneyHiveConfigError);
    expect((thrown as HoneyHiveConfigError).problems.map((p) => p.field)).toEqual([field]);
  });
});

it('never logs the API key, even when a problem message would quote it', () => {
  const { logger } = build({ apiKey: API_KEY, project: API_KEY, batchSize: 'many' });
  const text = logger.lines.map((l) => l.message).join('\n');
  expect(logger.lines.length).toBeGreaterThan(0);
  expect(text).not.toContain(API_KEY);
});
