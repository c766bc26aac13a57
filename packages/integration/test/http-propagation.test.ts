import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import type { InstrumentationModuleDefinition } from '@opentelemetry/instrumentation';
import type { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { createHttpInstrumentation, matchesHostPattern, requestTargetOf, type HttpInstrumentationOptions, type RequestPattern } from '@honeyhive/integration';

// What automatic HTTP tracing puts on the wire: context headers only to allowed hosts, never a secret-looking
// baggage key, and a user's own headers untouched. Two loopback servers on different ports stand for "one of
// the user's hosts" and "a third party" (see http-instrumentation.test.ts for why `http` is patched by hand).
const liveHttp: typeof http = require('node:http');

type Seen = http.IncomingHttpHeaders;

function get(url: string, headers: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = liveHttp.get(url, { headers }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
  });
}

async function startServer(seen: Seen[]): Promise<{ server: http.Server; url: string; hostPort: string }> {
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, url: `http://127.0.0.1:${port}/call`, hostPort: `127.0.0.1:${port}` };
}

const own: Seen[] = [];
const thirdParty: Seen[] = [];
let ownServer: Awaited<ReturnType<typeof startServer>>;
let thirdPartyServer: Awaited<ReturnType<typeof startServer>>;
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter())] });
const contextManager = new AsyncLocalStorageContextManager();

beforeAll(async () => {
  ownServer = await startServer(own);
  thirdPartyServer = await startServer(thirdParty);
  context.setGlobalContextManager(contextManager.enable());
  propagation.setGlobalPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }));
});
afterAll(async () => {
  context.disable();
  propagation.disable();
  await provider.shutdown();
  await Promise.all([ownServer, thirdPartyServer].map(({ server }) => new Promise<void>((resolve) => server.close(() => resolve()))));
});
beforeEach(() => {
  own.length = 0;
  thirdParty.length = 0;
});

/** Runs `fn` with `createHttpInstrumentation(options)` patching `http`, inside a span with user baggage. */
async function traced(options: HttpInstrumentationOptions, fn: () => Promise<void>): Promise<void> {
  const instrumentation = createHttpInstrumentation(options);
  const unregister = registerInstrumentations({ instrumentations: [instrumentation], tracerProvider: provider });
  // the real HttpInstrumentation (a devDependency here); the package's own type only names what registering needs
  const definition: InstrumentationModuleDefinition | undefined = (instrumentation as unknown as HttpInstrumentation).getModuleDefinitions().find((d) => d.name === 'http');
  definition?.patch?.(liveHttp, process.versions.node);
  try {
    const baggage = propagation.createBaggage({ api_key: { value: 'sk-incoming' }, user_email: { value: 'a@b.example' }, tenant: { value: 'acme' } });
    const span = provider.getTracer('test').startSpan('parent');
    await context.with(propagation.setBaggage(trace.setSpan(context.active(), span), baggage), fn);
    span.end();
  } finally {
    definition?.unpatch?.(liveHttp, process.versions.node);
    unregister();
  }
}

it('adds context headers only for allowed hosts, without secret-looking baggage keys', async () => {
  await traced({ propagateTo: [ownServer.hostPort] }, async () => {
    await get(ownServer.url);
    await get(thirdPartyServer.url);
  });
  expect(own).toHaveLength(1);
  expect(own[0]?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  expect(own[0]?.baggage).toContain('tenant=acme');
  expect(own[0]?.baggage).not.toContain('api_key');
  expect(own[0]?.baggage).not.toContain('sk-incoming');
  expect(thirdParty).toHaveLength(1);
  expect(thirdParty[0]?.traceparent).toBeUndefined();
  expect(thirdParty[0]?.tracestate).toBeUndefined();
  expect(thirdParty[0]?.baggage).toBeUndefined();
});

it("leaves a user's own context headers to a third party as they were", async () => {
  await traced({ propagateTo: [ownServer.hostPort] }, async () => {
    await get(thirdPartyServer.url, { baggage: 'chosen=by-user', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
  });
  expect(thirdParty[0]?.baggage).toBe('chosen=by-user');
  expect(thirdParty[0]?.traceparent).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
});

it('allows loopback hosts by default, and nothing with an empty list', async () => {
  await traced({}, async () => {
    await get(ownServer.url);
  });
  expect(own[0]?.traceparent).toBeDefined();
  expect(own[0]?.baggage).toContain('tenant=acme');
  expect(own[0]?.baggage).not.toContain('api_key');
  await traced({ propagateTo: [] }, async () => {
    await get(ownServer.url);
  });
  expect(own[1]?.traceparent).toBeUndefined();
  expect(own[1]?.baggage).toBeUndefined();
});

it('writes exactly the W3C headers an injectContext option gives for allowed hosts', async () => {
  await traced({ injectContext: (carrier) => void (carrier.baggage = 'session_id=s-1') }, async () => {
    await get(ownServer.url);
  });
  expect(own[0]?.baggage).toBe('session_id=s-1');
  expect(own[0]?.traceparent).toBeUndefined();
});

describe('matchesHostPattern (the propagateTo patterns)', () => {
  const target = (url: string) => {
    const parsed = new URL(url);
    const t = requestTargetOf({ protocol: parsed.protocol, hostname: parsed.hostname, port: parsed.port, path: parsed.pathname });
    if (t === undefined) throw new Error('no target');
    return t;
  };
  it.each([
    [['api.internal.example'], 'https://API.internal.example/v1', true],
    [['api.internal.example:8443'], 'https://api.internal.example:8443/v1', true],
    [['api.internal.example:8443'], 'https://api.internal.example/v1', false],
    [['*.corp.example'], 'https://billing.eu.corp.example/x', true],
    [['*.corp.example'], 'https://corp.example/x', false],
    [['*.corp.example'], 'https://evilcorp.example/x', false],
    [['https://svc.example/v2'], 'https://svc.example/v2/items', true],
    [['https://svc.example/v2'], 'https://svc.example/v3', false],
    [['https://svc.example/v2'], 'http://svc.example/v2', false],
    [[/\.mesh\.local$/], 'http://orders.mesh.local:8080/', true],
    [[], 'http://127.0.0.1/', false],
  ] as Array<[RequestPattern[], string, boolean]>)('%j vs %s → %s', (patterns, url, expected) => {
    expect(matchesHostPattern(patterns, target(url))).toBe(expected);
  });
});
