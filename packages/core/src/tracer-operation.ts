/**
 * What a tracer reports a failure under (`ErrorPolicy`): the keys of `stats().errors` and the `operation` the
 * `onError` hook receives.
 */
export type TracerOperation =
  // building the tracer
  | 'init'
  | 'globalProvider'
  | 'httpTracing'
  // spans and their export
  | 'startSpan'
  | 'startActiveSpan'
  | 'enrichSpan'
  | 'enrichEvent'
  | 'export'
  // sessions and events: the API calls, and the methods that make them
  | 'session.start'
  | 'event.update'
  | 'event.create'
  | 'createSession'
  | 'withSession'
  | 'enrichSession'
  | 'createEvent'
  // context propagation
  | 'setBaggage'
  | 'inject'
  | 'extract'
  // flush and shutdown
  | 'flush'
  | 'shutdown'
  // methods of `@honeyhive/tracer`'s HoneyHiveTracer
  | 'logModel'
  | 'sessionId'
  | 'instrumentModules';
