import * as http from 'node:http';
import { SpanKind } from '@opentelemetry/api';
import type { AddressInfo } from 'node:net';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import type { InstrumentationModuleDefinition } from '@opentelemetry/instrumentation';
import type { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { createHttpInstrumentation, HH_CLIENT_PACKAGE_HEADER } from '@honeyhive/integration';

// In a normal process the instrumentation patches `http` through require-in-the-middle when `http` is
// required after `enable()`. Under jest, require-in-the-middle hooks jest's stand-in for the `module`
// builtin and never fires, so the test applies the instrumentation's own module patch to the live `http`
// object (what require-in-the-middle would do) and removes it afterwards. `import * as http` holds copies
// of the functions taken at import time, so requests go through `liveHttp`.
const liveHttp: typeof http = require('node:http');

function get(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = liveHttp.get(url, { headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
  });
}

describe('createHttpInstrumentation (patched node:http on a loopback server)', () => {
  let server: http.Server;
  let base: string;
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let unregister: () => void;
  let httpDefinition: InstrumentationModuleDefinition | undefined;

  beforeAll(async () => {
    server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const instrumentation = createHttpInstrumentation({ ignoreUrls: [`${base}/opentelemetry`] });
    unregister = registerInstrumentations({ instrumentations: [instrumentation], tracerProvider: provider });
    // the real HttpInstrumentation (a devDependency here); the package's own type only names what registering needs
    httpDefinition = (instrumentation as unknown as HttpInstrumentation).getModuleDefinitions().find((definition) => definition.name === 'http');
    httpDefinition?.patch?.(liveHttp, process.versions.node);
  });

  afterAll(async () => {
    httpDefinition?.unpatch?.(liveHttp, process.versions.node);
    unregister();
    await provider.shutdown();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => exporter.reset());

  it('traces a request to another url', async () => {
    expect(await get(`${base}/users`)).toBe(200);
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(1);
    expect(spans[0]?.kind).toBe(SpanKind.CLIENT);
    expect(JSON.stringify(spans[0]?.attributes)).toContain('/users');
  });

  it('does not trace a request to an ignored url', async () => {
    expect(await get(`${base}/opentelemetry/v1/traces`)).toBe(200);
    expect(exporter.getFinishedSpans()).toHaveLength(0);
  });

  it('does not trace a request carrying the hh-client-package header', async () => {
    expect(await get(`${base}/v1/sessions`, { [HH_CLIENT_PACKAGE_HEADER]: '@honeyhive/tracer' })).toBe(200);
    expect(exporter.getFinishedSpans()).toHaveLength(0);
  });
});

describe('createHttpInstrumentation (configuration)', () => {
  it('is created disabled, so nothing is patched until it is registered', () => {
    expect(createHttpInstrumentation().isEnabled()).toBe(false);
  });

  it('traces client requests only unless traceIncoming is set', () => {
    expect(createHttpInstrumentation().getConfig().disableIncomingRequestInstrumentation).toBe(true);
    expect(createHttpInstrumentation({ traceIncoming: true }).getConfig().disableIncomingRequestInstrumentation).toBe(false);
  });

  it('combines a user ignoreOutgoingRequestHook with ours, and survives it throwing', () => {
    const seen: string[] = [];
    const hook = createHttpInstrumentation({
      ignoreHosts: ['api.honeyhive.ai'],
      config: {
        ignoreOutgoingRequestHook: (request) => {
          seen.push(String(request.hostname));
          if (request.hostname === 'boom.example') throw new Error('user hook failed');
          return request.hostname === 'health.example';
        },
      },
    }).getConfig().ignoreOutgoingRequestHook;
    if (hook === undefined) throw new Error('no hook');
    expect(hook({ protocol: 'https:', hostname: 'api.honeyhive.ai', path: '/v1/sessions' })).toBe(true);
    expect(hook({ protocol: 'https:', hostname: 'health.example', path: '/' })).toBe(true);
    expect(hook({ protocol: 'https:', hostname: 'api.openai.com', path: '/v1/chat' })).toBe(false);
    expect(hook({ protocol: 'https:', hostname: 'boom.example', path: '/' })).toBe(false);
    // our own request is decided before the user hook is asked
    expect(seen).toEqual(['health.example', 'api.openai.com', 'boom.example']);
  });
});
