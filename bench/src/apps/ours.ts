// Tiny app, ours: `new HoneyHiveTracer(...)`, one function traced with `trace()`, flush, shut down.
import { HoneyHiveTracer, trace } from '@honeyhive/tracer';
import { endpoint, stage } from './stage';

async function main(): Promise<void> {
  stage('loaded');
  const { serverUrl, apiKey } = endpoint();
  const tracer = new HoneyHiveTracer({ apiKey, serverUrl, project: 'tiny-app' });
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
