// Smoke test of the benchmark: the --quick run (one contender per section, few iterations) must
// produce well-formed results with every section. No timing is asserted.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const benchDir = path.resolve(__dirname, '..');
const SECTIONS = ['span', 'decorated', 'small', 'setup', 'fresh', 'coldstart', 'bundle', 'protocol', 'throughput', 'scaling', 'capture'] as const;
const TARGET_IDS = [
  'span-vs-raw',
  'small-vs-raw',
  'protocol-cpu-vs-raw',
  'setup-vs-raw',
  'coldstart-vs-raw',
  'fresh-rss-vs-raw',
  'additional-tracer-heap',
  'bundle-vs-raw',
  'throughput-http/protobuf',
  'throughput-http/json',
  'throughput-grpc',
  'decorated-vs-honeyhive-1x',
  'decorated-vs-langfuse',
];
const VERDICTS = ['PASS', 'MISS', 'UNDECIDED', 'n/a'];

type Json = Record<string, any>;

let outDir: string;
let results: Json;
let markdown: string;
let run: ReturnType<typeof spawnSync>;

beforeAll(() => {
  // Build bench and what it references: `tsc -b`, then each package's one-file dist/index.js (incremental: nothing
  // to do when dist is current).
  const ensureBuilt = path.join(benchDir, '..', 'tooling', 'scripts', 'ensure-built.mjs');
  const build = spawnSync(process.execPath, [ensureBuilt, benchDir], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building bench failed:\n${build.stdout}${build.stderr}`);

  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-bench-'));
  const jsonPath = path.join(outDir, 'results.json');
  const mdPath = path.join(outDir, 'RESULTS.md');
  run = spawnSync(process.execPath, ['--expose-gc', path.join(benchDir, 'dist', 'cli.js'), '--quick', '--json', jsonPath, '--md', mdPath], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
    timeout: 240_000, // the quick run takes about 15 s with both cores busy
  });
  if (fs.existsSync(jsonPath)) results = JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as Json;
  if (fs.existsSync(mdPath)) markdown = fs.readFileSync(mdPath, 'utf8');
}, 360_000);

afterAll(() => {
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

test('the quick run exits 0 and writes both files', () => {
  expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({ status: 0, stderr: '' });
  expect(results).toBeDefined();
  expect(markdown).toBeDefined();
  expect(results.failures).toEqual([]);
});

test('the JSON describes the run and the machine', () => {
  expect(results.schema).toBe(2);
  expect(results.quick).toBe(true);
  expect(Number.isNaN(Date.parse(results.startedAt))).toBe(false);
  for (const key of ['node', 'cpuModel', 'cores', 'memoryGiB', 'os', 'date']) expect(results.machine[key]).toBeDefined();
  expect(results.machine.node).toBe(process.version);
  expect(results.versions['@opentelemetry/sdk-trace-node']).toMatch(/^\d+\.\d+\.\d+/);
  expect(results.versions['honeyhive']).toBe('1.0.42');
  expect(typeof results.contenders.ours).toBe('string');
  expect(typeof results.apps.empty).toBe('string');
});

test('every section has rows with finite medians', () => {
  for (const section of SECTIONS) expect(Object.keys(results.sections)).toContain(section);
  for (const section of ['span', 'decorated', 'small'] as const) {
    const rows = results.sections[section] as Json[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(Number.isFinite(row.nsPerCall.median)).toBe(true);
      expect(row.nsPerCall.p25).toBeLessThanOrEqual(row.nsPerCall.p75);
      expect(row.roundNs).toHaveLength(1);
      // every call's span went through the pipeline to the sink
      expect(row.exported).toBe(row.called);
      expect(row.attributeKeys.length).toBe(row.attributesPerSpan);
    }
  }
  const span = (results.sections.span as Json[])[0]!;
  expect(span.attributesPerSpan).toBeGreaterThan(20);

  const setup = (results.sections.setup as Json[])[0]!;
  for (const key of ['loadMs', 'firstSetupMs', 'additionalSetupMs', 'perAdditionalHeapBytes', 'perAdditionalRssBytes']) {
    expect(Number.isFinite(setup[key].median)).toBe(true);
  }

  // memory from zero: the empty baseline and ours, each read at every stage; ours' span reached the backend
  const fresh = results.sections.fresh as Json[];
  expect(fresh.map((row) => row.app)).toEqual(['empty', 'ours']);
  for (const row of fresh) {
    expect(row.stages.map((s: Json) => s.stage)).toEqual(['start', 'loaded', 'constructed', 'exported']);
    for (const stage of row.stages) expect(stage.rss[0]).toBeGreaterThan(0);
  }
  expect(fresh[1]!.received).toEqual([1]);

  const cold = (results.sections.coldstart as Json[])[0]!;
  expect(cold.app).toBe('ours');
  expect(cold.roundFirstSpanMs[0]).toBeGreaterThan(0);

  // bundles from a fresh install: the optional @grpc/grpc-js (installed in this workspace) is not in the default
  // bundle, only in the gRPC opt-in line, whose bundle exports over gRPC
  const [bundle, grpcBundle] = results.sections.bundle as Json[];
  expect(bundle).toMatchObject({ app: 'ours', optIn: [], runs: true });
  expect(bundle.notInstalled).toContain('@grpc/grpc-js');
  expect(bundle.bytes).toBeGreaterThan(bundle.gzipBytes);
  expect(bundle.topPackages.length).toBeGreaterThan(0);
  expect(bundle.topPackages.map((p: Json) => p.name)).not.toContain('@grpc/grpc-js');
  expect(grpcBundle).toMatchObject({ app: 'ours', optIn: ['@grpc/grpc-js'], runs: true });
  expect(grpcBundle.notInstalled).not.toContain('@grpc/grpc-js');
  expect(grpcBundle.topPackages.map((p: Json) => p.name)).toContain('@grpc/grpc-js');
  expect(grpcBundle.bytes).toBeGreaterThan(bundle.bytes);

  const protocol = (results.sections.protocol as Json[])[0]!;
  expect(protocol.roundCpuShare[0]).toBeGreaterThan(0);
  expect(protocol.made[0]).toBeGreaterThan(0);
  expect(protocol.received).toEqual(protocol.made.map((made: number) => made - (protocol.dropped ?? 0)));

  const throughput = (results.sections.throughput as Json[])[0]!;
  expect(throughput.spansPerSec.median).toBeGreaterThan(0);
  expect(throughput.received).toEqual([throughput.expected]);

  const scaling = results.sections.scaling as Json;
  expect(scaling.payload.length).toBeGreaterThan(0);
  expect(scaling.depth.length).toBeGreaterThan(0);
  for (const point of [...scaling.payload, ...scaling.depth]) expect(Number.isFinite(point.nsPerCall.median)).toBe(true);
});

test('targets and claims are listed with a verdict', () => {
  expect((results.targets as Json[]).map((t) => t.id)).toEqual(TARGET_IDS);
  for (const target of [...results.targets, ...results.claims] as Json[]) {
    expect(VERDICTS).toContain(target.verdict);
  }
  const verdictOf = (id: string): string => (results.targets as Json[]).find((t) => t.id === id)!.verdict;
  // quick mode runs ours only, once: ratios against raw are not measured, and one round decides nothing
  expect(verdictOf('span-vs-raw')).toBe('n/a');
  expect(verdictOf('additional-tracer-heap')).toBe('UNDECIDED');
});

test('no child reached outside loopback', () => {
  for (const attempts of Object.values(results.outbound) as string[][]) expect(attempts).toEqual([]);
});

test('the markdown has every section and the targets table', () => {
  for (const heading of ['## Machine', '## Targets', '## Package versions']) expect(markdown).toContain(heading);
  for (let n = 1; n <= 11; n++) expect(markdown).toContain(`## ${n}. `);
  expect(markdown).toMatch(/\| heap per additional tracer \(ours\) \| -?[\d.]+ KiB \| 1 \| < 50 KiB \| \*\*UNDECIDED\*\* \|/);
});
