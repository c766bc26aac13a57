// Child process that runs the local backend, so its CPU is never counted in the exporting process.
// Protocol over IPC: it sends { type: 'ready', urls } once; then answers { id, type: 'reset' | 'count' | 'stop' }.
import { startLocalBackend } from '@honeyhive/local-backend';

/** A request from the orchestrator. */
export interface BackendRequest {
  id: number;
  type: 'reset' | 'count' | 'stop';
}

async function main(): Promise<void> {
  const backend = await startLocalBackend({ maxBodyBytes: 256 * 1024 * 1024 });
  process.on('message', (request: BackendRequest) => {
    const answer = async (): Promise<unknown> => {
      switch (request.type) {
        case 'reset':
          await backend.reset();
          return 0;
        case 'count':
          return backend.spans().length;
        case 'stop':
          await backend.stop();
          return 0;
      }
    };
    answer().then(
      (value) => process.send!({ id: request.id, value }, () => (request.type === 'stop' ? process.exit(0) : undefined)),
      (error: unknown) => process.send!({ id: request.id, error: String(error) }),
    );
  });
  process.on('disconnect', () => {
    void backend.stop().finally(() => process.exit(0));
  });
  process.send!({ type: 'ready', urls: { httpUrl: backend.httpUrl, otlpHttpUrl: backend.otlpHttpUrl, grpcUrl: backend.grpcUrl } });
}

main().catch((error: unknown) => {
  process.stderr.write(`local backend failed: ${String(error)}\n`);
  process.exit(1);
});
