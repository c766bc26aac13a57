// Two real processes of one distributed application, on the BUILT @honeyhive/core, both with HH_SAMPLE_RATE=0.5:
// they trace 100 sessions in common (the first joins each by id, the second receives it as W3C baggage, as a
// downstream service does) and 100 of their own each. Every session must be kept or dropped whole, and the two
// processes must agree on each shared session, from the session id alone; the kept share must be near the rate.
import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { keepsSession } from '@honeyhive/processing';

const API_KEY = 'hh-sampling-key';
const PACKAGE_DIR = path.resolve(__dirname, '..');
const FIXTURE = path.join(__dirname, 'fixtures', 'sampling-process.js');
const RATE = 0.5;
const SHARED = 100;
const OWN = 100;
// A safety net for a child that hangs; a run that works takes a few seconds.
const CHILD_LIMIT_MS = 90_000;

interface ChildResult {
  ownSessions: string[];
  flushed: boolean;
  shutDown: boolean;
  stats: { exported: number; sampledOut: number; ended: number };
}

let backend: LocalBackend;
let root: string;
let coreDir: string;

function build(): void {
  // ensure-built goes on past type errors (the typecheck reports those) and fails only when no build is left
  execFileSync(process.execPath, [require.resolve('../../../tooling/scripts/ensure-built.mjs'), PACKAGE_DIR], { stdio: 'pipe', timeout: 180_000 });
}

function runChild(label: string, join: 'scope' | 'baggage', shared: string[]): Promise<ChildResult> {
  const env = {
    PATH: process.env.PATH,
    HH_API_KEY: API_KEY,
    HH_API_URL: backend.httpUrl,
    HH_SAMPLE_RATE: String(RATE),
    SAMPLING_LABEL: label,
    SAMPLING_JOIN: join,
    SAMPLING_SHARED: JSON.stringify(shared),
    SAMPLING_OWN: String(OWN),
  };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [FIXTURE, coreDir], { env, timeout: CHILD_LIMIT_MS }, (error, stdout, stderr) => {
      const output = `${stdout}\n${stderr}`;
      if (error) return reject(new Error(`child ${label} failed: ${error.message}\n${output}`));
      const line = stdout.split('\n').find((text) => text.startsWith('RESULT '));
      if (line === undefined) return reject(new Error(`child ${label}: no RESULT line\n${output}`));
      resolve(JSON.parse(line.slice('RESULT '.length)) as ChildResult);
    });
  });
}

beforeAll(async () => {
  build();
  root = mkdtempSync(path.join(tmpdir(), 'hh-sampling-'));
  // a snapshot of dist/, so that a rebuild running at the same time cannot change it under the children
  coreDir = path.join(root, 'core', 'dist');
  mkdirSync(path.dirname(coreDir), { recursive: true });
  cpSync(path.join(PACKAGE_DIR, 'dist'), coreDir, { recursive: true, filter: (source) => !source.endsWith('.tsbuildinfo') });
  symlinkSync(path.join(PACKAGE_DIR, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
}, 240_000);
afterAll(async () => {
  await backend?.stop();
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
});

jest.setTimeout(2 * CHILD_LIMIT_MS + 30_000);

it('two processes with the same sampleRate keep or drop each session whole, and agree on every shared session', async () => {
  const shared = Array.from({ length: SHARED }, () => randomUUID());
  const [first, second] = await Promise.all([runChild('first', 'scope', shared), runChild('second', 'baggage', shared)]);
  for (const child of [first, second]) expect(child.flushed && child.shutDown).toBe(true);

  // what the backend received, by process (span name prefix) and session
  const received = backend.spans();
  const spansOf = new Map<string, number>();
  for (const span of received) {
    const label = span.name.split('-')[0];
    const key = `${label} ${String(span.attributes['honeyhive.session_id'])}`;
    spansOf.set(key, (spansOf.get(key) ?? 0) + 1);
  }
  const kept = (label: string, sessionId: string): boolean => (spansOf.get(`${label} ${sessionId}`) ?? 0) > 0;

  // whole sessions: a kept session has both its spans, in each process
  expect([...spansOf.values()].filter((count) => count !== 2)).toEqual([]);
  // the two processes agree on every shared session
  const disagreements = shared.filter((id) => kept('first', id) !== kept('second', id));
  expect(disagreements).toEqual([]);
  // the decision is the session id's alone (the same function any process computes)
  const all = [...shared.map((id) => ['first', id]), ...shared.map((id) => ['second', id]), ...first.ownSessions.map((id) => ['first', id]), ...second.ownSessions.map((id) => ['second', id])];
  expect(all.filter(([label, id]) => kept(label as string, id as string) !== keepsSession(id as string, RATE))).toEqual([]);
  // near the rate: 300 distinct sessions at 0.5 (mean 150, sd 8.7); these bounds are over 6 sd away
  const distinct = [...shared, ...first.ownSessions, ...second.ownSessions];
  const keptCount = distinct.filter((id) => kept('first', id) || kept('second', id)).length;
  expect(keptCount).toBeGreaterThan(95);
  expect(keptCount).toBeLessThan(205);
  // nothing lost silently: every span is exported or counted as sampled out
  for (const [label, child] of [['first', first], ['second', second]] as const) {
    const exported = received.filter((span) => span.name.startsWith(`${label}-`)).length;
    expect(child.stats.exported).toBe(exported);
    expect(child.stats.exported + child.stats.sampledOut).toBe(2 * (SHARED + OWN));
  }
});
