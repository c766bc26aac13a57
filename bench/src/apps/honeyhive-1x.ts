// Tiny app, npm honeyhive 1.0.42: `HoneyHiveTracer.init(...)`, one function traced with `traceFunction()`, flush.
// Under pnpm its Traceloop SDK needs the npm layout (see contenders/npm-layout-shim.ts), set up before it loads.
import path from 'node:path';
import { emulateNpmLayoutFor } from '../contenders/npm-layout-shim';
import { endpoint, stage } from './stage';

interface HoneyHiveV1 {
  HoneyHiveTracer: {
    init(params: Record<string, unknown>): Promise<{ traceFunction(): <F extends (...args: any[]) => any>(fn: F) => F }>;
    flush(): Promise<void>;
  };
}

async function main(): Promise<void> {
  const honeyhiveDir = path.dirname(require.resolve('honeyhive/package.json'));
  emulateNpmLayoutFor(path.dirname(require.resolve('@traceloop/node-server-sdk/package.json', { paths: [honeyhiveDir] })), '@opentelemetry/sdk-node');
  const { HoneyHiveTracer } = require('honeyhive') as HoneyHiveV1;
  stage('loaded');
  const { serverUrl, apiKey } = endpoint();
  const tracer = await HoneyHiveTracer.init({ apiKey, serverUrl, project: 'tiny-app', sessionName: 'tiny-app' });
  stage('constructed');
  const handler = tracer.traceFunction()(function handler(question: string) {
    return { answer: question.length > 0 ? 42 : 0 };
  });
  handler('what is 40 + 2?');
  await HoneyHiveTracer.flush();
  stage('exported');
}

void main();
