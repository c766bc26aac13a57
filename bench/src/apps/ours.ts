// Tiny app, ours: `new HoneyHiveTracer(...)`, one function traced with `trace()`, flush, shut down.
// With BENCH_OTLP_PROTOCOL=grpc (the gRPC opt-in bundle of section 7 only) it exports over gRPC.
import { HoneyHiveTracer, trace } from '@honeyhive/tracer';
import { endpoint, stage } from './stage';

async function main(): Promise<void> {
  stage('loaded');
  const { serverUrl, grpcUrl, apiKey } = endpoint();
  // the local backend's gRPC port is another origin than serverUrl: the key goes there only when passed explicitly
  const grpc = process.env['BENCH_OTLP_PROTOCOL'] === 'grpc' ? { otlpProtocol: 'grpc' as const, otlpEndpoint: grpcUrl, otlpHeaders: { authorization: `Bearer ${apiKey}` } } : {};
  const tracer = new HoneyHiveTracer({ apiKey, serverUrl, project: 'tiny-app', ...grpc });
  stage('constructed');
  const handler = trace(function handler(question: string) {
    return { answer: question.length > 0 ? 42 : 0 };
  });
  handler('what is 40 + 2?');
  await tracer.flush();
  stage('exported');
  await tracer.shutdown();
}

void main();
