import type { LocalBackend, ReceivedSpan } from '@honeyhive/local-backend';

/** The `honeyhive.session_id` a span was stamped with. */
export function sessionOf(span: ReceivedSpan): unknown {
  return span.attributes['honeyhive.session_id'];
}

/**
 * Waits until the backend has a span matching `predicate` and returns the first one (rejects after
 * `timeoutMs` with the names of the spans that did arrive).
 */
export async function waitForSpan(
  backend: LocalBackend,
  predicate: (span: ReceivedSpan) => boolean,
  timeoutMs = 30_000,
): Promise<ReceivedSpan> {
  try {
    return await backend.waitFor(() => backend.spans().find(predicate), timeoutMs);
  } catch (error) {
    const seen = backend.spans().map((span) => `${span.name} [${String(sessionOf(span))}]`);
    throw new Error(`no matching span within ${timeoutMs} ms; received: ${seen.join(', ') || 'none'} (${String(error)})`);
  }
}
