import { BackendState } from './backend-state';
import type { LocalBackend, LocalBackendOptions } from './backend-types';
import { Delays } from './delays';
import { FaultController } from './faults/fault-controller';
import { GrpcListener } from './grpc/grpc-listener';
import { createHttpHandler } from './http/http-handler';
import { HttpListener } from './http/http-listener';
import type { ReceivedSpan } from './otlp/received-span';
import type { SessionTree } from './sessions/tree-types';

// A safety net, not a pace: waits end as soon as the condition holds, and a loaded CI machine can take seconds.
const DEFAULT_WAIT_MS = 20_000;

/**
 * Starts a HoneyHive-compatible backend on loopback: OTLP traces over gRPC, HTTP/protobuf and HTTP/JSON, plus the
 * session and event routes of docs/wire-contract.md. Resolves once both servers listen.
 */
export async function startLocalBackend(options: LocalBackendOptions = {}): Promise<LocalBackend> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new TypeError(`host must be 127.0.0.1 (got ${String(host)})`);
  const log = options.logger ?? (() => undefined);
  const onSessionComplete = options.onSessionComplete;
  const state = new BackendState(
    options.sessionIdleMs ?? 1000,
    onSessionComplete
      ? (tree: SessionTree) => {
          try {
            onSessionComplete(tree);
          } catch (error) {
            log(`onSessionComplete threw: ${(error as Error).message}`);
          }
        }
      : undefined,
  );
  const delays = new Delays();
  const apiKeys = options.apiKeys ? [...options.apiKeys] : undefined;
  let stopped = false;

  // Created before the listeners they control; the listeners are assigned just below.
  let http!: HttpListener;
  let grpc!: GrpcListener;
  const faults = new FaultController(async (httpRefused, grpcRefused) => {
    if (stopped) return;
    if (httpRefused && http.listening) await http.close();
    if (!httpRefused && !http.listening) await http.listen(host, http.port);
    if (grpcRefused && grpc.listening) grpc.close();
    if (!grpcRefused && !grpc.listening) await grpc.listen(host, grpc.port);
  });

  http = new HttpListener(
    createHttpHandler({
      state,
      faults,
      apiKeys,
      log,
      connectionId: (socket) => http.connectionId(socket),
      delays,
      bodyLimitBytes: options.maxBodyBytes ?? 64 * 1024 * 1024,
    }),
  );
  grpc = new GrpcListener({ state, faults, apiKeys, log, delays, maxMessageBytes: options.maxBodyBytes });

  const httpPort = await http.listen(host, options.httpPort ?? 0);
  let grpcPort: number;
  try {
    grpcPort = await grpc.listen(host, options.grpcPort ?? 0);
  } catch (error) {
    await http.close();
    throw error;
  }
  const httpUrl = `http://${host}:${httpPort}`;

  const backend: LocalBackend = {
    httpUrl,
    grpcUrl: `http://${host}:${grpcPort}`,
    otlpHttpUrl: `${httpUrl}/opentelemetry/v1/traces`,
    httpPort,
    grpcPort,
    spans: () => [...state.spans],
    requests: () => [...state.requests],
    connectionCount: () => new Set(state.requests.map((r) => r.connectionId)).size,
    sessions: () => [...state.sessions.values()],
    session: (id) => state.sessions.get(id),
    sessionTree: (id) => state.sessionTree(id),
    events: () => [...state.events],
    waitForSpans: (count, timeoutMs = DEFAULT_WAIT_MS) =>
      state.waitFor<ReceivedSpan[]>(
        () => (state.spans.length >= count ? [...state.spans] : undefined),
        timeoutMs,
        () => `waited for ${count} span(s), ${state.spans.length} arrived`,
      ),
    waitFor: (predicate, timeoutMs = DEFAULT_WAIT_MS) =>
      state.waitFor(predicate, timeoutMs, () => 'the predicate never became true'),
    reset: async () => {
      state.clear();
      await faults.clear();
    },
    faults,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      faults.dispose();
      delays.cancelAll();
      state.clear();
      state.failWaiters(new Error('local backend stopped'));
      grpc.close();
      await http.close();
    },
  };
  return backend;
}
