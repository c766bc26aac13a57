// disableHttpTracing: outgoing HTTP calls become spans of the tracer's session only when it is false.
// Runs a child process on the built package (see fixtures/http-call.js): `npx tsc -b packages/tracer` first.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { API_KEY, useCompatHarness } from './compat-harness';

const h = useCompatHarness();
const SCRIPT = path.join(__dirname, 'fixtures', 'http-call.js');
const DIST = path.resolve(__dirname, '..', '..', 'dist', 'index.js');
let target: Server;
let targetUrl: string;

beforeAll(async () => {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: build first (npx tsc -b packages/tracer)`);
  target = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/weather?city=paris`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => target.close(() => resolve()));
});

function runChild(disableHttpTracing: 'true' | 'false' | undefined): Promise<string> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HH_API_KEY: API_KEY, HH_API_URL: h.backend.httpUrl, TARGET_URL: targetUrl };
  if (disableHttpTracing !== undefined) env.DISABLE_HTTP_TRACING = disableHttpTracing;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [SCRIPT], { env, timeout: 45_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`child failed: ${error.message}\n${stderr}`));
      else resolve((JSON.parse(stdout.trim()) as { sessionId: string }).sessionId);
    });
  });
}

const httpSpans = () => h.backend.spans().filter((span) => JSON.stringify(span.attributes).includes('/weather'));

describe('disableHttpTracing', () => {
  it('false: a request to another server becomes a CLIENT span stamped with the session', async () => {
    const sessionId = await runChild('false');
    const spans = httpSpans();
    expect(spans).toHaveLength(1);
    expect(spans[0]?.kind).toBe(3); // SpanKind.CLIENT in OTLP numbering
    expect(spans[0]?.attributes).toMatchObject({ 'honeyhive.session_id': sessionId, 'honeyhive.project': 'http-tracing' });
    // the tracer's own calls to the backend are never traced
    expect(h.backend.spans().filter((span) => JSON.stringify(span.attributes).includes(h.backend.httpUrl))).toEqual([]);
  });

  it('true, and by default: no HTTP spans (1.x traced HTTP by default; see the migration guide)', async () => {
    const explicit = await runChild('true');
    const byDefault = await runChild(undefined);
    const marks = h.spansNamed('afterCall').map((span) => span.attributes['honeyhive.session_id']);
    expect(marks.sort()).toEqual([explicit, byDefault].sort());
    expect(httpSpans()).toEqual([]);
  });
});
