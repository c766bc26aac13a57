// The traced steps. `trace(fn)` names the span after `fn.name`, which a bundler may change. esbuild renames a
// function whose name is taken elsewhere in the bundle's shared top-level scope: `pipeline` below (report.ts imports
// stream's `pipeline` first) and `add` (the function expression and the `const` that holds it share the name). A
// minifier shortens every name. `keepNames: true` (esbuild) or `keep_fnames` (terser) keeps them; an explicit
// `eventName` holds whatever the bundler does.
import { trace } from '@honeyhive/tracer';

/** Adds two numbers, traced as `add`. */
const add = trace(function add(a: number, b: number): number {
  return a + b;
});

/** Describes the answer, traced as `summarize` whatever the bundler does to the function's name. */
const summarize = trace(async (answer: number) => `the answer is ${answer}`, { eventName: 'summarize' });

async function pipeline(question: string): Promise<{ question: string; answer: number; summary: string }> {
  const answer = add(40, 2);
  return { question, answer, summary: await summarize(answer) };
}

/** Answers a question in three traced steps: `pipeline`, and inside it `add` and `summarize`. */
export const answerQuestion = trace(pipeline);
