import {
  enrichSession as enrichSessionOf,
  trace as traceFn,
  type AnyFunction,
  type EnrichSessionOptions,
} from '@honeyhive/instrumentation';
import { toTraceOptions } from './legacy-trace-options';
import type { EnrichSessionParams, TraceFunctionOptions } from './legacy-types';

/**
 * npm `honeyhive` 1.x's free `traceFunction(options)(fn)`: wraps `fn` with `trace()`, using the tracer whose
 * scope the call runs in, else the default tracer (the first one created). `associationProperties` (a 1.x
 * internal) is accepted and ignored: the session comes from the tracer's scope.
 * @deprecated Use `trace(fn, options)`.
 */
export function traceFunction(
  options?: TraceFunctionOptions,
  _associationProperties?: Record<string, string>,
): <T extends AnyFunction>(fn: T) => T {
  return <T extends AnyFunction>(fn: T): T => (typeof fn === 'function' ? traceFn(fn, toTraceOptions(options, fn)) : fn);
}

/**
 * Updates a session (`PUT /v1/events/{session_id}`): merged metadata, feedback, metrics, config and user
 * properties; replaced outputs; inputs under `metadata.inputs`. The session is `options.sessionId`, else
 * `params.sessionId` (the npm `honeyhive` 1.x call shape), else the current scope's, else the default
 * tracer's. Resolves true when the backend took it; never rejects.
 */
export function enrichSession(params?: EnrichSessionParams, options?: EnrichSessionOptions): Promise<boolean> {
  const given = params ?? {}; // 1.x allowed enrichSession() with no argument
  if (typeof given !== 'object') return enrichSessionOf(given, options);
  const { sessionId, ...fields } = given;
  const chosen = options?.sessionId ?? sessionId;
  return enrichSessionOf(fields, chosen === undefined ? options : { ...options, sessionId: chosen });
}
