// Tiny app, Langfuse: a NodeTracerProvider with the LangfuseSpanProcessor (its documented set-up), one function
// traced with `observe()`, flush, shut down. The local backend wants a bearer key, which `additionalHeaders` gives.
import { LangfuseSpanProcessor } from '@langfuse/otel';
import { observe } from '@langfuse/tracing';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { endpoint, stage } from './stage';

async function main(): Promise<void> {
  stage('loaded');
  const { serverUrl, apiKey } = endpoint();
  const processor = new LangfuseSpanProcessor({
    publicKey: 'pk-lf-bench',
    secretKey: 'sk-lf-bench',
    baseUrl: serverUrl,
    additionalHeaders: { Authorization: `Bearer ${apiKey}` },
  });
  const provider = new NodeTracerProvider({ spanProcessors: [processor] });
  provider.register();
  stage('constructed');
  const handler = observe(
    function handler(question: string) {
      return { answer: question.length > 0 ? 42 : 0 };
    },
    { name: 'handler' },
  );
  handler('what is 40 + 2?');
  await provider.forceFlush();
  stage('exported');
  await provider.shutdown();
}

void main();
