import { isThenable, type EnrichSessionFields } from '@honeyhive/utils';
import { resolveCaptureSettings } from './capture-settings';
import { reportFailure } from './report-failure';
import type { TracerLike } from './tracer-resolution';
import { resolveTracerLike } from './tracer-resolution';

/**
 * What `enrichSession` sends to a session (docs/wire-contract.md, event update); the same fields as the tracer's own
 * `enrichSession`: merged `metadata`/`feedback`/`metrics`/`config`/`userProperties`, replaced `outputs`, and
 * `inputs` recorded as `metadata.inputs`.
 */
export type { EnrichSessionFields };

/** Which session `enrichSession` updates, through which tracer. */
export interface EnrichSessionOptions {
  /** The session to update. Default: the session of the current scope (`withSession`), else the tracer's own. */
  sessionId?: string;
  /** The tracer that sends the update. Default: the registered default tracer. */
  tracer?: TracerLike;
}

function outcomeOf(result: unknown): boolean {
  if (typeof result === 'boolean') return result;
  if (result !== null && typeof result === 'object' && typeof (result as { ok?: unknown }).ok === 'boolean') {
    return (result as { ok: boolean }).ok;
  }
  return true;
}

/**
 * Updates a session on the backend through a tracer's `enrichSession` (`PUT /v1/events/{session_id}`):
 * merged metadata, feedback, metrics, config and user properties; replaced outputs; inputs under
 * `metadata.inputs`. The tracer is `options.tracer`, else the registered default tracer.
 *
 * Resolves to true when the tracer reports the update done (or reports nothing and did not fail), and
 * to false, without throwing or rejecting, when there is no tracer, the tracer cannot enrich sessions,
 * `fields` is not an object, or the update fails.
 */
export async function enrichSession(fields: EnrichSessionFields, options?: EnrichSessionOptions): Promise<boolean> {
  let tracer: TracerLike | undefined;
  try {
    if (fields === null || typeof fields !== 'object') return false;
    tracer = resolveTracerLike(options?.tracer);
    const enrich = tracer?.enrichSession;
    if (tracer === undefined || typeof enrich !== 'function') return false;
    const sessionId = options?.sessionId;
    const result: unknown =
      typeof sessionId === 'string' && sessionId !== '' ? enrich.call(tracer, fields, sessionId) : enrich.call(tracer, fields);
    return outcomeOf(isThenable(result) ? await result : result);
  } catch (failure) {
    reportFailure(resolveCaptureSettings(undefined, tracer).logger, 'enrichSession', failure);
    return false;
  }
}
