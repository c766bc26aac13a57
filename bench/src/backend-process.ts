// Child process that runs the local backend, so its CPU is never counted in the exporting process.
// Protocol over IPC: it sends { type: 'ready', urls } once; then answers { id, type: 'reset' | 'count' | 'stop' }
// and { id, type: 'await-spans', count, timeoutMs }, the latter with the monotonic time (process.hrtime, ns, as a
// string; the same clock in every process of the machine) at which the backend held `count` spans. It also runs
// the lean receiver of the specification protocol (protocol-sink.ts): { id, type: 'sink-count' }.
import { startLocalBackend } from '@honeyhive/local-backend';
import { startProtocolSink } from './protocol-sink';

/** A request from the orchestrator. */
export type BackendRequest = { id: number; type: 'reset' | 'count' | 'stop' | 'sink-count' } | { id: number; type: 'await-spans'; count: number; timeoutMs: number };

async function main(): Promise<void> {
  const backend = await startLocalBackend({ maxBodyBytes: 256 * 1024 * 1024 });
  const sink = await startProtocolSink();
  process.on('message', (request: BackendRequest) => {
    const answer = async (): Promise<unknown> => {
      switch (request.type) {
        case 'reset':
          await backend.reset();
          sink.reset();
          return 0;
        case 'count':
          return backend.spans().length;
        case 'sink-count':
          return sink.spans();
        case 'stop':
          await Promise.all([backend.stop(), sink.stop()]);
          return 0;
        case 'await-spans': {
          const count = request.count;
          return backend.waitFor(() => (backend.spans().length >= count ? process.hrtime.bigint().toString() : undefined), request.timeoutMs);
        }
      }
    };
    answer().then(
      (value) => process.send!({ id: request.id, value }, () => (request.type === 'stop' ? process.exit(0) : undefined)),
      (error: unknown) => process.send!({ id: request.id, error: String(error) }),
    );
  });
  process.on('disconnect', () => {
    void Promise.all([backend.stop(), sink.stop()]).finally(() => process.exit(0));
  });
  process.send!({ type: 'ready', urls: { httpUrl: backend.httpUrl, otlpHttpUrl: backend.otlpHttpUrl, grpcUrl: backend.grpcUrl, sinkUrl: sink.url } });
}

main().catch((error: unknown) => {
  process.stderr.write(`local backend failed: ${String(error)}\n`);
  process.exit(1);
});
