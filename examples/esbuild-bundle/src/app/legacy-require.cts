// A CommonJS module of the app that loads the tracer with `require()`, as older code and some libraries do, while
// main.ts uses `import`. Both must reach the same copy of @honeyhive/tracer, in a bundle as in Node.
import tracerPackage = require('@honeyhive/tracer');

/** What this `require()` sees: the tracer class and the process's default tracer. */
export function seenThroughRequire(): { HoneyHiveTracer: unknown; defaultTracer: unknown } {
  return { HoneyHiveTracer: tracerPackage.HoneyHiveTracer, defaultTracer: tracerPackage.getDefaultTracer() };
}
