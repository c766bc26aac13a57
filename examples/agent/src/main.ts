#!/usr/bin/env node
import { chooseTarget, runDemo } from './run-demo';

async function main(): Promise<void> {
  const target = chooseTarget();
  console.log(target === 'local'
    ? 'Running the demo agent against a local HoneyHive-compatible backend on 127.0.0.1…'
    : 'Running the demo agent against HoneyHive (HH_API_KEY is set)…');
  const result = await runDemo(target);
  console.log(`\nAgent answer: ${result.answer.answer}`);
  console.log(`Failed tool calls (recorded on their spans): ${result.answer.failedTools.join(', ') || 'none'}`);
  if (result.rendered) {
    console.log(`\nSession tree received by the backend:\n${result.rendered}`);
  } else if (target === 'local') {
    console.error(`\nThe backend has no session ${result.sessionId}.`);
    process.exitCode = 1;
  } else {
    console.log(`\nSent session ${result.sessionId} to HoneyHive.`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
