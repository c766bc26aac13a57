import type { ConfigProblem, ConfigSource } from './config-problem';
import type { ValueCheck } from './value-checks';

/** Any value but `undefined` and `null`, kept as is: for Python SDK options accepted without effect. */
export const checkAnything: ValueCheck<unknown> = (value) => (value === undefined || value === null ? { kind: 'absent' } : { kind: 'ok', value });

/** Why each Python SDK option accepted without effect has none here (said in verbose mode, and in docs/python-options.md). */
export const INERT_OPTION_REASONS = Object.freeze({
  requestsSession:
    'requestsSession (Python requests_session) has no effect here: exports use a shared keep-alive connection pool; for a proxy or private CA use the standard Node settings (NODE_EXTRA_CA_CERTS, an OpenTelemetry Collector)',
  cacheEnabled: 'cacheEnabled (Python cache_enabled) has no effect here: the tracer keeps no cache of its own lookups',
  linkCarrier:
    'linkCarrier (Python link_carrier) has no effect here: to continue a trace from a carrier, use tracer.withDistributedContext(carrier, fn) or tracer.extract(carrier)',
} as const);

/**
 * The verbose-mode notices for the Python SDK options this tracer accepts without effect: one per option given,
 * and one for `preserveCoreAttributes: false` (the tracer's own keys are always kept above the attribute limit).
 */
export function inertOptionNotices(values: Record<string, unknown>, sources: Record<string, ConfigSource>): ConfigProblem[] {
  const notices: ConfigProblem[] = [];
  for (const [field, message] of Object.entries(INERT_OPTION_REASONS)) {
    if (values[field] !== undefined) notices.push({ field, source: sources[field] ?? 'argument', message, fix: `remove ${field}` });
  }
  if (values.preserveCoreAttributes === false) {
    notices.push({
      field: 'preserveCoreAttributes',
      source: sources.preserveCoreAttributes ?? 'argument',
      message: "preserveCoreAttributes: false has no effect: the tracer's own keys (session, project, source, event type…) are always kept above the attribute limit",
      fix: 'remove preserveCoreAttributes',
    });
  }
  return notices;
}
