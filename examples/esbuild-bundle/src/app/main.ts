// A small traced app, bundled with esbuild by this example (src/esbuild-options.ts). Settings come from the
// environment like any HoneyHive app: HH_API_KEY, HH_API_URL, HH_SESSION_NAME. It runs one question through three
// traced steps, flushes, and prints one JSON line: the answer, the session id, whether the spans were delivered,
// and whether the `require()` of legacy-require.cts reached the same copy of the tracer as this `import`.
import { report } from './report';
import { HoneyHiveTracer } from '@honeyhive/tracer';
import { answerQuestion } from './steps';
import { seenThroughRequire } from './legacy-require.cjs';

async function main(): Promise<void> {
  const tracer = await HoneyHiveTracer.init({ project: 'esbuild-bundle-example', source: 'esbuild-bundle' });
  const result = await answerQuestion('what is 40 + 2?');
  const delivered = await tracer.flush();
  const required = seenThroughRequire();
  await tracer.shutdown();
  await report({
    result,
    sessionId: tracer.sessionId,
    delivered,
    oneCopy: required.HoneyHiveTracer === HoneyHiveTracer,
    sameDefaultTracer: required.defaultTracer === tracer,
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
