import fs from 'node:fs';
import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { TestTracer, collectingLogger, resetOtelGlobals } from './helpers/test-tracer';

// A tracer's constructor builds only what its first span needs: the OTLP exporter to HoneyHive is built on the
// first export, and the resource (environment detection with its file probes, host lookups) when it is first
// read. Both still happen before the first span leaves the process, and the span carries the same resource.

const exporterBuilds: string[] = [];
let failNextBuild = false;
jest.mock('@honeyhive/processing', () => {
  const actual = jest.requireActual<typeof import('@honeyhive/processing')>('@honeyhive/processing');
  return {
    ...actual,
    createOtlpExporter: (options: import('@honeyhive/processing').OtlpExporterOptions) => {
      exporterBuilds.push(String(options.serverUrl));
      if (failNextBuild) {
        failNextBuild = false;
        throw new Error('exporter build exploded');
      }
      return actual.createOtlpExporter(options);
    },
  };
});

const API_KEY = 'hh-lazy-setup-key';
const PROBED = ['/proc/self/cgroup', '/proc/self/mountinfo', '/.dockerenv', '/run/.containerenv'];
let backend: LocalBackend;

beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
});
afterAll(() => backend.stop());
afterEach(() => {
  jest.restoreAllMocks();
  resetOtelGlobals();
});

/** The detection files read (or checked) while `work` runs. */
function probesDuring(work: () => void): string[] {
  const seen: string[] = [];
  const record = (path: unknown) => {
    if (PROBED.includes(String(path))) seen.push(String(path));
  };
  const read = jest.spyOn(fs, 'readFileSync');
  const exists = jest.spyOn(fs, 'existsSync');
  read.mockImplementation(((path: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    record(path);
    return (jest.requireActual('node:fs') as typeof fs).readFileSync(path, ...(rest as []));
  }) as typeof fs.readFileSync);
  exists.mockImplementation((path: fs.PathLike) => {
    record(path);
    return (jest.requireActual('node:fs') as typeof fs).existsSync(path);
  });
  try {
    work();
  } finally {
    read.mockRestore();
    exists.mockRestore();
  }
  return seen;
}

const newTracer = () =>
  new TestTracer({ apiKey: API_KEY, serverUrl: backend.httpUrl, project: 'lazy-setup', registerGlobal: false, flushOnExit: false });

it('detects the environment (file probes, host lookups) when the resource is first read, not in the constructor', async () => {
  let tracer: TestTracer | undefined;
  // the first tracer of this test file: the detection is cached process-wide (jest gives each file its modules)
  expect(probesDuring(() => (tracer = newTracer()))).toEqual([]);
  try {
    tracer!.startSpan('first', () => undefined);
    expect(await tracer!.flush()).toBe(true);
    const [span] = await backend.waitForSpans(1);
    expect(span?.name).toBe('first');
    expect(span?.resource.attributes).toMatchObject({ 'service.name': 'lazy-setup', 'telemetry.sdk.language': 'nodejs', 'process.pid': process.pid });
  } finally {
    await tracer!.shutdown();
    await backend.reset();
  }
});

it('builds the OTLP exporter to HoneyHive on the first export, not in the constructor', async () => {
  const before = exporterBuilds.length;
  const tracer = newTracer();
  try {
    expect(exporterBuilds.length).toBe(before);
    tracer.startSpan('second', () => undefined);
    expect(await tracer.flush()).toBe(true);
    expect(exporterBuilds.slice(before)).toEqual([backend.httpUrl]);
    expect((await backend.waitForSpans(1)).map((span) => span.name)).toEqual(['second']);
  } finally {
    await tracer.shutdown();
  }
});

it('counts the spans as failed, and says why once, should building the exporter on the first export throw', async () => {
  const logger = collectingLogger();
  const tracer = new TestTracer({ apiKey: API_KEY, serverUrl: backend.httpUrl, project: 'lazy-setup', registerGlobal: false, flushOnExit: false, logger });
  try {
    failNextBuild = true;
    tracer.startSpan('unexported', () => undefined);
    await tracer.flush();
    expect(tracer.stats()).toMatchObject({ exported: 0, failed: 1 });
    expect(logger.at('warn')).toContainEqual(expect.stringContaining('could not create the exporter: exporter build exploded'));
  } finally {
    await tracer.shutdown();
  }
});
