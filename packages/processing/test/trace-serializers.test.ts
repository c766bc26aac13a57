// The exporters load OpenTelemetry's OTLP trace serializers from the trace entries of
// @opentelemetry/otlp-transformer, not its root: the root also loads the metrics and logs serializers and the
// whole metrics SDK (about 90 modules, 2–3 MiB), which a tracer never uses. The child runs fixtures/export-modules.js
// on the built package, exports real spans to the local backend and lists the OpenTelemetry packages it loaded.
import { execFile, execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import * as transformer from '@opentelemetry/otlp-transformer';
import { BasicTracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { traceSerializer } from '../src/trace-serializers';

const API_KEY = 'hh-trace-serializers-key';
const PACKAGE_DIR = path.resolve(__dirname, '..');
const FIXTURE = path.join(__dirname, 'fixtures', 'export-modules.js');
// a safety net for a hung child only
const CHILD_LIMIT_MS = 60_000;

let backend: LocalBackend;

beforeAll(() => {
  // ensure-built goes on past type errors (the typecheck reports those) and fails only when no build is left
  execFileSync(process.execPath, [require.resolve('../../../tooling/scripts/ensure-built.mjs'), PACKAGE_DIR], { stdio: 'pipe', timeout: 120_000 });
}, 180_000);
beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
});
afterAll(() => backend?.stop());

function exportInChild(protocol: string): Promise<{ exported: number; packages: string[]; problems: unknown[] }> {
  const env = { PATH: process.env.PATH, PROTOCOL: protocol, ENDPOINT: backend.otlpHttpUrl, SERVER_URL: backend.httpUrl, API_KEY };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [FIXTURE], { env, cwd: PACKAGE_DIR, timeout: CHILD_LIMIT_MS }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`child failed: ${error.message}\n${stderr}\n${stdout}`));
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (!line) return reject(new Error(`child printed no result:\n${stdout}\n${stderr}`));
      resolve(JSON.parse(line.slice('RESULT '.length)));
    });
  });
}

describe('OTLP trace serializers', () => {
  it('are the ones the package root exports (protobuf: the same bytes, see protobuf-trace-serializer.test.ts)', () => {
    expect(traceSerializer('json')).toBe(transformer.JsonTraceSerializer);
    const spans = [new BasicTracerProvider().getTracer('t').startSpan('s', { attributes: { 'honeyhive.session_id': 'x', other: 1 } })];
    spans[0]!.end();
    const ours = traceSerializer('protobuf').serializeRequest(spans as unknown as ReadableSpan[]);
    expect(Buffer.from(ours!).equals(Buffer.from(transformer.ProtobufTraceSerializer.serializeRequest(spans as unknown as ReadableSpan[])!))).toBe(true);
  });

  it.each(['http/protobuf', 'http/json'])('exporting over %s loads neither the metrics SDK nor the logs API', async (protocol) => {
    const result = await exportInChild(protocol);
    expect(result.problems).toEqual([]);
    expect(result.exported).toBe(2);
    expect(result.packages).toContain('@opentelemetry/otlp-transformer');
    expect(result.packages).not.toContain('@opentelemetry/sdk-metrics');
    expect(result.packages).not.toContain('@opentelemetry/api-logs');
  }, 120_000);
});
