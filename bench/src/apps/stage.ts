/**
 * Marks a stage of a tiny app (`loaded`, `constructed`, `exported`) for the fresh-process probe that the
 * benchmark preloads (src/fresh/preload.ts); without the probe, a no-op. Apps import nothing else from the bench.
 */
export function stage(name: string): void {
  (globalThis as { __benchStage?: (name: string) => void }).__benchStage?.(name);
}

/** Where the app sends its span: the local backend, given by the benchmark in the environment. */
export function endpoint(): { serverUrl: string; otlpUrl: string; grpcUrl: string; apiKey: string } {
  return {
    serverUrl: process.env['BENCH_SERVER_URL'] ?? 'http://127.0.0.1:4318',
    otlpUrl: process.env['BENCH_OTLP_URL'] ?? 'http://127.0.0.1:4318/v1/traces',
    grpcUrl: process.env['BENCH_GRPC_URL'] ?? 'http://127.0.0.1:4317',
    apiKey: process.env['BENCH_API_KEY'] ?? 'bench-key',
  };
}
