import { context, propagation, trace as otelTrace } from '@opentelemetry/api';
import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { HoneyHiveConfigError, HoneyHiveError, HoneyHiveTracer, TracerConfig, setDefaultTracer, trace } from '../src';

const API_KEY = 'hh-tracer-pkg-key';
let backend: LocalBackend;
const tracers: HoneyHiveTracer[] = [];
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

function keep(tracer: HoneyHiveTracer): HoneyHiveTracer {
  tracers.push(tracer);
  return tracer;
}

beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
});
afterEach(async () => {
  setDefaultTracer(undefined);
  await Promise.all(tracers.splice(0).map((t) => t.shutdown()));
  await backend.reset();
  otelTrace.disable();
  context.disable();
  propagation.disable();
});
afterAll(() => backend.stop());

describe('HoneyHiveTracer', () => {
  it('accepts flat options: new HoneyHiveTracer({ apiKey, project, verbose })', async () => {
    const lines: string[] = [];
    const logger = { ...quiet, debug: (line: string) => lines.push(line) };
    const tracer = keep(new HoneyHiveTracer({ apiKey: API_KEY, project: 'flat', verbose: true, serverUrl: backend.httpUrl, logger }));
    expect(await tracer.ready).toBe(true);
    const start = backend.requests().find((r) => r.route === 'sessions');
    expect(start?.client).toMatchObject({ package: '@honeyhive/tracer', language: 'typescript' });
    expect(start?.body).toMatchObject({ session_id: tracer.sessionId, project: 'flat' });
    tracer.startSpan('flat-span', () => undefined);
    await tracer.flush();
    const [span] = await backend.waitForSpans(1);
    expect(span?.attributes).toMatchObject({ 'honeyhive.project': 'flat', 'honeyhive.session_id': tracer.sessionId });
    expect(span?.resource.attributes['honeyhive.tracer.version']).toEqual(expect.any(String));
    expect(lines.join('\n')).not.toContain(API_KEY);
  });

  it('accepts a TracerConfig: new HoneyHiveTracer({ config: new TracerConfig({...}) })', async () => {
    const config = new TracerConfig({ apiKey: API_KEY, project: 'configured', source: 'ci', serverUrl: backend.httpUrl, logger: quiet });
    const tracer = keep(new HoneyHiveTracer({ config }));
    expect(await tracer.ready).toBe(true);
    expect(backend.session(tracer.sessionId)).toMatchObject({ source: 'ci', project: 'configured' });
    expect(backend.requests()[0]?.apiKey).toBe(API_KEY);
  });

  it('init() resolves once the backend has the session', async () => {
    const tracer = keep(await HoneyHiveTracer.init({ apiKey: API_KEY, project: 'init', sessionName: 'boot', serverUrl: backend.httpUrl, logger: quiet }));
    expect(backend.session(tracer.sessionId)).toMatchObject({ session_name: 'boot', startCount: 1 });
  });

  it('init() with strict rejects when the session cannot be started, and without strict keeps going', async () => {
    await backend.faults.set({ kind: 'status', status: 500, routes: 'sessions' });
    const options = { apiKey: API_KEY, serverUrl: backend.httpUrl, apiTimeoutMs: 1000, logger: quiet };
    const lenient = keep(await HoneyHiveTracer.init(options));
    expect(lenient.stats().sessionStarts.failed).toBe(1);
    let error: unknown;
    try {
      await HoneyHiveTracer.init({ ...options, strict: true });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(HoneyHiveError);
    expect((error as HoneyHiveError).code).toBe('HH_SESSION_START_FAILED');
    await expect(HoneyHiveTracer.init({ strict: true, serverUrl: backend.httpUrl, logger: quiet })).rejects.toBeInstanceOf(HoneyHiveConfigError);
  });

  it("lets trace() from @honeyhive/instrumentation find the tracer of the current scope", async () => {
    const first = keep(new HoneyHiveTracer({ apiKey: API_KEY, project: 'first', serverUrl: backend.httpUrl, logger: quiet }));
    const second = keep(new HoneyHiveTracer({ testMode: true, project: 'second', logger: quiet }));
    const double = trace(function double(n: number) {
      return n * 2;
    });
    expect(double(2)).toBe(4); // outside any scope: the default (first) tracer
    const sessionId = second.withSession({ sessionName: 'job' }, (id) => {
      expect(double(3)).toBe(6);
      return id;
    });
    await Promise.all([first.flush(), second.flush()]);
    const [exported] = await backend.waitForSpans(1);
    expect(exported?.attributes).toMatchObject({ 'honeyhive.session_id': first.sessionId, 'honeyhive_inputs.n': 2, 'honeyhive_outputs.result': 4 });
    const [inMemory] = second.getTestSpans();
    expect(inMemory?.attributes).toMatchObject({ 'honeyhive.session_id': sessionId, 'honeyhive.project': 'second', 'honeyhive_inputs.n': 3 });
  });
});
