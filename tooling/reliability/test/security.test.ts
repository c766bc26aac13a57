import { inspect } from 'node:util';
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { HoneyHiveConfigError, HoneyHiveTracer, trace } from '@honeyhive/tracer';
import { CapturingLogger } from '../src/log-capture';
import { ResultRecorder } from '../src/results';
import { API_KEY_MARKER, createReliabilityTracer, secretApiKey } from '../src/tracer-factory';
import { sleep } from './support/wait';

// The API key never appears in logs (verbose on, every level, extra arguments included), span attributes or
// resources, baggage or injected headers, error messages (onError, thrown config errors), stats, or the
// tracer's inspected / serialised form, across normal work and every export and API failure the backend can
// cause. Every key starts with API_KEY_MARKER, so one scan finds any of them.

const recorder = new ResultRecorder('security');
let backend: LocalBackend;
const texts: Array<{ where: string; text: string }> = [];
const tracers: HoneyHiveTracer[] = [];

function keep(where: string, value: unknown): void {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value instanceof Error) text = `${value.message}\n${value.stack}\n${inspect(value, { depth: 6, showHidden: true })}`;
  else {
    try {
      text = `${JSON.stringify(value)}\n${inspect(value, { depth: 6 })}`;
    } catch {
      text = inspect(value, { depth: 6 });
    }
  }
  texts.push({ where, text });
}

beforeAll(async () => {
  backend = await startLocalBackend();
});
afterAll(async () => {
  diag.disable();
  await Promise.all(tracers.map((t) => t.shutdown(2_000)));
  await backend.stop();
  recorder.flush();
});

it('the API key appears nowhere the tracer writes, across work and every failure', async () => {
  const apiKey = secretApiKey('security');
  const logger = new CapturingLogger();
  const diagLines: string[] = [];
  diag.setLogger({ verbose: (...a) => void diagLines.push(a.map(String).join(' ')), debug: (...a) => void diagLines.push(a.map(String).join(' ')), info: (...a) => void diagLines.push(a.map(String).join(' ')), warn: (...a) => void diagLines.push(a.map(String).join(' ')), error: (...a) => void diagLines.push(a.map(String).join(' ')) }, DiagLogLevel.ALL);
  const reported: Error[] = [];
  const tracer = createReliabilityTracer(backend, { apiKey, logger, verbose: true, onError: (error) => reported.push(error), exportTimeoutMs: 2_000 });
  tracers.push(tracer);
  await tracer.ready;

  const work = trace((input: { q: string }) => ({ answer: input.q.length }), { tracer, metadata: { note: 'ok' } });
  const run = async (label: string): Promise<void> => {
    for (let i = 0; i < 20; i++) work({ q: `${label} ${i}` });
    tracer.setBaggage({ api_key: apiKey, token: apiKey, harmless: `x${apiKey}y`, fine: 'value' }, () => {
      keep('inject carrier in baggage scope', tracer.inject({}));
      tracer.startSpan(`${label}.baggage`, () => undefined);
    });
    await tracer.enrichSession({ metadata: { step: label } });
    await tracer.createEvent({ eventName: `${label}.event`, eventType: 'tool' });
    await tracer.flush(4_000);
  };
  await run('normal');
  for (const [label, rule] of [
    ['401', { kind: 'status', status: 401, count: 3, routes: 'all' }],
    ['500', { kind: 'status', status: 500, count: 3, routes: 'all' }],
    ['429', { kind: 'status', status: 429, retryAfterSeconds: 0, count: 2, routes: 'all' }],
    ['reset', { kind: 'reset', count: 3, routes: 'all' }],
    ['garbage', { kind: 'garbage', count: 3, routes: 'all' }],
    // a server that echoes the credentials it was sent: onError and the logs must not pass them on
    ['echo', { kind: 'status', status: 401, body: JSON.stringify({ error: `invalid key Bearer ${apiKey} (${apiKey})` }), count: 3, routes: 'all' }],
  ] as const) {
    await backend.faults.set(rule);
    await run(label);
  }
  await backend.faults.set({ kind: 'refuse', durationMs: 600 });
  await run('refused');
  await sleep(700);
  await backend.faults.clear();

  // misconfiguration paths that talk about the key: strict errors, python-style names, the key from the environment
  try {
    new HoneyHiveTracer({ apiKey, serverUrl: 'ftp://nowhere', batchSize: -1, strict: true, registerGlobal: false, flushOnExit: false });
  } catch (error) {
    expect(error).toBeInstanceOf(HoneyHiveConfigError);
    keep('strict config error', error);
  }
  const envLogger = new CapturingLogger();
  process.env.HH_API_KEY = secretApiKey('env');
  try {
    const fromEnv = new HoneyHiveTracer({ serverUrl: backend.httpUrl, logger: envLogger, verbose: true, registerGlobal: false, flushOnExit: false, disableHttpTracing: true, api_key: 42 } as never);
    tracers.push(fromEnv);
    fromEnv.startSpan('env.span', () => undefined);
    await fromEnv.flush(2_000);
    keep('env tracer stats', fromEnv.stats());
    keep('env tracer inspect', inspect(fromEnv, { depth: 4 }));
  } finally {
    delete process.env.HH_API_KEY;
  }

  for (const line of [...logger.lines, ...envLogger.lines]) keep(`log ${line.level}`, line.text);
  for (const error of reported) keep('onError', error);
  keep('stats', tracer.stats());
  keep('tracer inspect', inspect(tracer, { depth: 4 }));
  keep('tracer JSON', (() => { try { return JSON.stringify(tracer); } catch (e) { return String(e); } })());
  for (const span of backend.spans()) keep(`span ${span.name}`, { attributes: span.attributes, resource: span.resource, events: span.events, status: span.status, name: span.name });
  for (const session of backend.sessions()) keep('session record', session);
  for (const event of backend.events()) keep('event record', event);
  for (const request of backend.requests()) keep('request body', request.body ?? '');

  const leaks = texts.filter((t) => t.text.includes(API_KEY_MARKER)).map((t) => `${t.where}: …${t.text.slice(Math.max(0, t.text.indexOf(API_KEY_MARKER) - 80), t.text.indexOf(API_KEY_MARKER) + 40)}…`);
  const diagLeaks = diagLines.filter((line) => line.includes(API_KEY_MARKER)).length;
  recorder.add('security', {
    textsScanned: texts.length,
    logLines: logger.lines.length + envLogger.lines.length,
    onErrorReports: reported.length,
    spansScanned: backend.spans().length,
    leaks: leaks.length,
    otelDiagLinesWithKey: diagLeaks,
  });

  // the scan is not vacuous: the key was really used (the backend saw it), failures were really logged
  expect(backend.requests().some((r) => r.apiKey === apiKey)).toBe(true);
  expect(logger.lines.some((l) => l.level === 'warn')).toBe(true);
  expect(reported.length).toBeGreaterThan(0);
  expect(backend.spans().length).toBeGreaterThan(20);
  // util.inspect(tracer) / console.log(tracer) and JSON.stringify(tracer) included
  expect(leaks).toEqual([]);
  expect(diagLeaks).toBe(0);
}, 60_000);

it('secrets passed as arguments, results, metadata, session fields and event payloads are redacted everywhere they go', async () => {
  const apiKey = secretApiKey('captured');
  // other secrets a user passes around, under secret-looking keys; the marker finds any of them in any text
  const USER_SECRET = 'userSECRETvalue';
  const secret = (label: string) => `${USER_SECRET}-${label}`;
  const tracer = createReliabilityTracer(backend, { apiKey, logger: new CapturingLogger() });
  tracers.push(tracer);
  await tracer.ready;
  const requestsBefore = backend.requests().length;

  const login = trace(
    (request: object, password: string) => {
      void request;
      tracer.enrichSpan({ metadata: { api_key: apiKey, note: `the key is ${apiKey}` }, config: { openai: { apiKey: secret('openai') } } });
      return { session: { token: secret('token'), user: 'ann' }, echoed: `called with ${apiKey}`, usage: { total_tokens: 12 }, password };
    },
    { tracer, eventName: 'login', metadata: { honeyhiveApiKey: apiKey } },
  );
  login({ honeyhiveApiKey: apiKey, headers: { Authorization: `Bearer ${secret('bearer')}`, cookie: secret('cookie') }, text: `paste: ${apiKey}` }, secret('password'));
  expect(() =>
    trace(() => {
      throw new Error(`upstream rejected ${apiKey}`);
    }, { tracer, eventName: 'failing' })(),
  ).toThrow();
  await tracer.createSession({ inputs: { api_key: apiKey, prompt: `key ${apiKey}` }, metadata: { client_secret: secret('client') }, userProperties: { password: secret('user') } });
  await tracer.enrichSession({ metadata: { token: secret('session-token'), note: apiKey }, outputs: { private_key: secret('pk') }, feedback: { cookie: secret('fb') } });
  await tracer.createEvent({ eventName: 'event', eventType: 'tool', inputs: { authorization: secret('auth'), text: apiKey }, outputs: { secret: secret('out') }, metadata: { apiKey } });
  await tracer.flush(4_000);

  const scanned: Array<{ where: string; text: string }> = [];
  const textOf = (value: unknown) => (typeof value === 'string' ? value : inspect(value, { depth: 12, maxStringLength: Infinity, maxArrayLength: Infinity }));
  for (const span of backend.spans()) scanned.push({ where: `span ${span.name}`, text: textOf({ attributes: span.attributes, events: span.events, status: span.status }) });
  for (const request of backend.requests().slice(requestsBefore)) scanned.push({ where: `request ${request.path}`, text: textOf(request.body ?? '') });
  for (const record of [...backend.sessions(), ...backend.events()]) scanned.push({ where: 'stored record', text: textOf(record) });
  const leaks = scanned.filter((t) => t.text.includes(API_KEY_MARKER) || t.text.includes(USER_SECRET)).map((t) => t.where);
  recorder.add('security-captured', { textsScanned: scanned.length, leaks: leaks.length });

  // not vacuous: the values were captured (redacted), and the requests carried the rest of them
  const loginSpan = backend.spans().find((span) => span.name === 'login');
  expect(loginSpan?.attributes['honeyhive_inputs.password']).toBe('<redacted>');
  expect(loginSpan?.attributes['honeyhive_outputs.result.session.user']).toBe('ann');
  expect(loginSpan?.attributes['honeyhive_outputs.result.usage.total_tokens']).toBe(12);
  expect(loginSpan?.attributes['honeyhive_inputs.request.text']).toBe('paste: <redacted>');
  expect(scanned.some((t) => t.where.startsWith('request') && t.text.includes('<redacted>'))).toBe(true);
  expect(leaks).toEqual([]);
}, 60_000);
