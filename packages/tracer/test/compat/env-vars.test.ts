// The 1.x environment variables, read when the options are absent.
import { HoneyHiveTracer } from '../../src';
import { API_KEY, useCompatHarness } from './compat-harness';

const h = useCompatHarness();
const NAMES = ['HH_API_KEY', 'HH_API_URL', 'HH_PROJECT', 'HH_SESSION_NAME', 'HH_SOURCE'] as const;

function withEnv(values: Partial<Record<(typeof NAMES)[number], string>>): () => void {
  const saved = NAMES.map((name) => [name, process.env[name]] as const);
  for (const name of NAMES) delete process.env[name];
  Object.assign(process.env, values);
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

describe('HH_* environment variables', () => {
  it('reads HH_API_KEY, HH_API_URL, HH_PROJECT, HH_SESSION_NAME and HH_SOURCE when init gets no options', async () => {
    const restore = withEnv({
      HH_API_KEY: API_KEY,
      HH_API_URL: `${h.backend.httpUrl}/`,
      HH_PROJECT: 'env-project',
      HH_SESSION_NAME: 'env-session',
      HH_SOURCE: 'env-source',
    });
    let tracer: HoneyHiveTracer;
    try {
      tracer = h.keep(await HoneyHiveTracer.init());
    } finally {
      restore();
    }
    const start = h.backend.requests().find((request) => request.route === 'sessions');
    expect(start?.apiKey).toBe(API_KEY);
    expect(start?.body).toMatchObject({ session_name: 'env-session', source: 'env-source', project: 'env-project' });
    expect(tracer.serverUrl).toBe(h.backend.httpUrl);
    tracer.traceFunction()(function fromEnv() {
      return true;
    })();
    await tracer.flush();
    const [span] = await h.backend.waitForSpans(1);
    expect(span?.attributes).toMatchObject({ 'honeyhive.project': 'env-project', 'honeyhive.source': 'env-source' });
  });

  it('lets the options win over the environment', async () => {
    const restore = withEnv({ HH_API_KEY: 'wrong-key', HH_PROJECT: 'env-project', HH_SESSION_NAME: 'env-session', HH_SOURCE: 'env-source', HH_API_URL: 'http://127.0.0.1:9' });
    let tracer: HoneyHiveTracer;
    try {
      tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'arg-project', sessionName: 'arg-session', source: 'arg-source' }));
    } finally {
      restore();
    }
    expect(h.backend.session(tracer.sessionId)).toMatchObject({ session_name: 'arg-session', source: 'arg-source' });
    expect(h.backend.requests()[0]?.apiKey).toBe(API_KEY);
  });
});
