// Python-style snake_case option names are accepted as aliases, with a deprecation note in verbose mode.
import { HoneyHiveTracer } from '../../src';
import { captureConsole, recordingLogger, useCompatHarness } from './compat-harness';

const h = useCompatHarness();

describe('snake_case option aliases', () => {
  it('maps api_key, server_url, session_name, disable_batch, is_evaluation, run_id, … to the current options', async () => {
    const { logger } = recordingLogger();
    const tracer = h.keep(
      await HoneyHiveTracer.init({
        api_key: h.base.apiKey,
        server_url: h.base.serverUrl,
        project: 'snake',
        session_name: 'snake-session',
        disable_batch: true,
        disable_http_tracing: true,
        is_evaluation: true,
        run_id: 'run-s',
        dataset_id: 'ds-s',
        datapoint_id: 'dp-s',
        user_properties: { plan: 'pro' },
        legacy_input_shape: true,
        api_timeout: 5,
        logger,
      }),
    );
    expect(tracer.disableBatch).toBe(true);
    expect(tracer.isEvaluation).toBe(true);
    expect(h.backend.session(tracer.sessionId)).toMatchObject({
      session_name: 'snake-session',
      user_properties: { plan: 'pro' },
      metadata: { run_id: 'run-s', dataset_id: 'ds-s', datapoint_id: 'dp-s' },
    });
    expect(h.backend.requests()[0]?.apiKey).toBe(h.base.apiKey);
    tracer.traceTool(function snake(value: number) {
      return value;
    })(7);
    await tracer.flush();
    const [span] = await h.backend.waitForSpans(1);
    expect(span?.attributes).toMatchObject({ 'honeyhive_inputs._params_.value': 7, 'honeyhive_metadata.run_id': 'run-s' });
  });

  it('notes each legacy name in verbose mode, never the key itself', async () => {
    const { lines, logger } = recordingLogger();
    h.keep(await HoneyHiveTracer.init({ api_key: h.base.apiKey, server_url: h.base.serverUrl, session_name: 's', verbose: true, logger }));
    const notes = lines.filter((line) => line.includes('legacy name'));
    expect(notes.some((line) => line.startsWith('debug:') && line.includes("'api_key'") && line.includes("'apiKey'"))).toBe(true);
    expect(notes.some((line) => line.includes("'server_url'") && line.includes("'serverUrl'"))).toBe(true);
    expect(notes.some((line) => line.includes("'session_name'") && line.includes("'sessionName'"))).toBe(true);
    expect(lines.join('\n')).not.toContain(h.base.apiKey);
  });

  it('prints the note on the console only in verbose mode', async () => {
    const quiet = await captureConsole(async () => {
      h.keep(await HoneyHiveTracer.init({ api_key: h.base.apiKey, server_url: h.base.serverUrl, session_name: 's' }));
    });
    expect(quiet).toEqual([]);
    const verbose = await captureConsole(async () => {
      const tracer = await HoneyHiveTracer.init({ api_key: h.base.apiKey, server_url: h.base.serverUrl, session_name: 's', verbose: true });
      await tracer.shutdown();
    });
    expect(verbose.some((line) => line.includes("'session_name'") && line.includes('legacy name'))).toBe(true);
  });

  it('lets the camelCase name win when both are given', async () => {
    const { lines, logger } = recordingLogger();
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, session_name: 'snake', sessionName: 'camel', verbose: true, logger }));
    expect(tracer.sessionName).toBe('camel');
    expect(lines.some((line) => line.includes("'sessionName' wins"))).toBe(true);
  });
});
