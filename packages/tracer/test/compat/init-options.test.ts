// HoneyHiveTracer.init with every npm honeyhive 1.x option name: what reaches the session start and the spans.
import { HoneyHiveTracer } from '../../src';
import { useCompatHarness } from './compat-harness';

const h = useCompatHarness();

describe('HoneyHiveTracer.init({ ...1.x options })', () => {
  it('sends sessionName, source, project, inputs and metadata with the session start and stamps the spans', async () => {
    const tracer = h.keep(
      await HoneyHiveTracer.init({
        ...h.base,
        project: 'compat-project',
        sessionName: 'compat-session',
        source: 'compat-source',
        inputs: { question: 'why?' },
        metadata: { team: 'search', version: 2 },
        verbose: false,
        disableBatch: true,
        disableHttpTracing: true,
      }),
    );
    expect(tracer).toBeInstanceOf(HoneyHiveTracer);
    const session = h.backend.session(tracer.sessionId);
    expect(session).toMatchObject({
      session_name: 'compat-session',
      source: 'compat-source',
      inputs: { question: 'why?' },
      metadata: { team: 'search', version: 2 },
      startCount: 1,
    });
    const start = h.backend.requests().find((request) => request.route === 'sessions');
    expect(start?.apiKey).toBe(h.base.apiKey);
    expect(start?.body).toMatchObject({ project: 'compat-project', metadata: { team: 'search', version: 2 } });

    tracer.traceTool(function lookup() {
      return 'ok';
    })();
    await tracer.flush();
    const [span] = await h.backend.waitForSpans(1);
    expect(span?.attributes).toMatchObject({
      'honeyhive.session_id': tracer.sessionId,
      'honeyhive.project': 'compat-project',
      'honeyhive.source': 'compat-source',
      // the keys npm honeyhive 1.x (through Traceloop) put on the wire
      'traceloop.association.properties.session_id': tracer.sessionId,
      'traceloop.association.properties.project': 'compat-project',
      'traceloop.association.properties.source': 'compat-source',
    });
    const exportRequest = h.backend.requests().find((request) => request.route === 'traces');
    expect(exportRequest?.headers['x-source']).toBe('compat-source');
  });

  it('disableBatch: true sends each span as it ends, without a flush', async () => {
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'p', disableBatch: true }));
    tracer.traceTool(function unbatched() {})();
    tracer.traceTool(function second() {})();
    const spans = await h.backend.waitForSpans(2);
    expect(spans.map((span) => span.name)).toEqual(['unbatched', 'second']);
    const exports = h.backend.requests().filter((request) => request.route === 'traces');
    expect(exports).toHaveLength(2); // one request per span
  });

  it('joins the session given as sessionId (lower-cased, as 1.x did)', async () => {
    const given = 'A1B2C3D4-0000-4000-8000-00000000ABCD';
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'p', sessionId: given }));
    expect(tracer.sessionId).toBe(given.toLowerCase());
    expect(h.backend.session(given.toLowerCase())?.startCount).toBe(1);
  });

  it('puts isEvaluation, runId, datasetId and datapointId in the session metadata and on every span', async () => {
    const tracer = h.keep(
      await HoneyHiveTracer.init({ ...h.base, project: 'p', isEvaluation: true, runId: 'run-1', datasetId: 'ds-1', datapointId: 'dp-1' }),
    );
    expect(tracer.isEvaluation).toBe(true);
    expect(h.backend.session(tracer.sessionId)?.metadata).toMatchObject({ run_id: 'run-1', dataset_id: 'ds-1', datapoint_id: 'dp-1' });
    tracer.traceChain(function step() {
      return 1;
    })();
    await tracer.flush();
    const [span] = await h.backend.waitForSpans(1);
    expect(span?.attributes).toMatchObject({
      'honeyhive_metadata.run_id': 'run-1',
      'honeyhive_metadata.dataset_id': 'ds-1',
      'honeyhive_metadata.datapoint_id': 'dp-1',
      'traceloop.association.properties.run_id': 'run-1',
      'traceloop.association.properties.dataset_id': 'ds-1',
      'traceloop.association.properties.datapoint_id': 'dp-1',
    });
  });

  it('exposes the 1.x read-only properties', async () => {
    const tracer = h.keep(
      await HoneyHiveTracer.init({
        ...h.base,
        project: 'props',
        sessionName: 'n',
        source: 's',
        inputs: { a: 1 },
        metadata: { b: 2 },
        disableBatch: true,
        disableHttpTracing: false,
        runId: 'r',
        datasetId: 'd',
        datapointId: 'dp',
      }),
    );
    expect({
      project: tracer.project,
      sessionName: tracer.sessionName,
      source: tracer.source,
      serverUrl: tracer.serverUrl,
      inputs: tracer.inputs,
      metadata: tracer.metadata,
      verbose: tracer.verbose,
      disableBatch: tracer.disableBatch,
      disableHttpTracing: tracer.disableHttpTracing,
      isEvaluation: tracer.isEvaluation,
      runId: tracer.runId,
      datasetId: tracer.datasetId,
      datapointId: tracer.datapointId,
    }).toEqual({
      project: 'props',
      sessionName: 'n',
      source: 's',
      serverUrl: h.backend.httpUrl,
      inputs: { a: 1 },
      metadata: { b: 2 },
      verbose: false,
      disableBatch: true,
      disableHttpTracing: false,
      // inferred from runId, datasetId and datapointId all being set, as the Python SDK does
      isEvaluation: true,
      runId: 'r',
      datasetId: 'd',
      datapointId: 'dp',
    });
  });

  it('still returns a working (no-op) tracer without an API key instead of throwing', async () => {
    const tracer = h.keep(await HoneyHiveTracer.init({ project: 'p', serverUrl: h.backend.httpUrl, logger: { debug() {}, info() {}, warn() {}, error() {} } }));
    expect(tracer.traceModel((x: number) => x + 1)(1)).toBe(2);
    expect(h.backend.requests()).toHaveLength(0);
  });
});
