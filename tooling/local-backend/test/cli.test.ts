import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { otlpJson, send, sendJson } from './helpers';

const packageDir = join(__dirname, '..');
const cliPath = join(packageDir, 'dist', 'cli.js');

// `pnpm test` runs jest directly (no turbo build first), so bring dist/ up to date; tsc -b is incremental.
beforeAll(() => {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', packageDir], { stdio: 'pipe', timeout: 120_000 });
}, 130_000);

interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exit: Promise<number | null>;
}

function startCli(args: string[]): RunningCli {
  const child = spawn(process.execPath, [cliPath, ...args], { stdio: 'pipe', env: { ...process.env, NODE_OPTIONS: '' } });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    out += chunk.toString('utf8');
    listeners.forEach((l) => l());
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exit,
    waitForOutput(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = out.match(pattern);
          if (match) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(match);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`CLI output never matched ${pattern}; output so far:\n${out}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
  };
}

let running: RunningCli | undefined;
afterEach(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill('SIGKILL');
    await running.exit;
  }
  running = undefined;
});

test('port 0: prints the chosen ports, prints the session tree when idle, exits 0 on SIGTERM', async () => {
  running = startCli(['--http-port', '0', '--grpc-port', '0', '--api-key', 'cli-secret-key', '--idle-ms', '100']);
  const [, httpUrl] = await running.waitForOutput(/HTTP\s+(http:\/\/127\.0\.0\.1:\d+)\n/);
  await running.waitForOutput(/Press Ctrl-C/);
  expect(running.output()).toMatch(/OTLP\/gRPC\s+http:\/\/127\.0\.0\.1:\d+/);
  expect(running.output()).toContain('API keys  cli-…');
  expect(running.output()).not.toContain('cli-secret-key');

  const sid = 'c0ffee00-0000-4000-8000-000000000001';
  const auth = { authorization: 'Bearer cli-secret-key' };
  await sendJson(httpUrl!, 'POST', '/v1/sessions', { session_id: sid, session_name: 'cli-demo' }, auth);
  const body = otlpJson([
    {
      traceId: 'cd'.repeat(16),
      spanId: '0000000000000001',
      name: 'agent_step',
      startTimeUnixNano: '1700000000000000000',
      endTimeUnixNano: '1700000000012300000',
      attributes: [
        { key: 'honeyhive.session_id', value: { stringValue: sid } },
        { key: 'honeyhive_event_type', value: { stringValue: 'chain' } },
      ],
    },
  ]);
  const post = (authorization: string) =>
    send(httpUrl!, 'POST', '/v1/traces', { headers: { authorization, 'content-type': 'application/json' }, body });
  expect((await post('Bearer not-the-cli-key')).status).toBe(401);
  expect((await post(auth.authorization)).status).toBe(200);
  await running.waitForOutput(/session cli-demo .*\n\s+chain agent_step \(12\.3 ms\)/);
  expect(running.output()).toMatch(/POST \/v1\/traces → 200 http\/json/);

  running.child.kill('SIGTERM');
  expect(await running.exit).toBe(0);
});

test('--quiet prints no request lines; bad arguments exit 2 with usage', async () => {
  running = startCli(['--http-port', '0', '--grpc-port', '0', '--quiet']);
  const [, httpUrl] = await running.waitForOutput(/HTTP\s+(http:\/\/127\.0\.0\.1:\d+)\n/);
  expect((await sendJson(httpUrl!, 'POST', '/v1/sessions', {})).status).toBe(200);
  running.child.kill('SIGINT');
  expect(await running.exit).toBe(0);
  expect(running.output()).not.toMatch(/POST \/v1\/sessions/);

  running = startCli(['--http-port', 'nope']);
  expect(await running.exit).toBe(2);
  expect(running.output()).toMatch(/--http-port needs a port number/);
  expect(running.output()).toMatch(/Usage: hh-local-backend/);
});
