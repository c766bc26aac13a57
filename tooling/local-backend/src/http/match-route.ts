import type { RouteGroup } from '../records';

/** A matched HTTP route. */
export type HttpRoute =
  | { kind: 'traces'; group: 'traces' }
  | { kind: 'session-start'; group: 'sessions'; legacy: boolean }
  | { kind: 'session-get'; group: 'sessions'; sessionId: string }
  | { kind: 'event-create'; group: 'events'; legacy: boolean }
  | { kind: 'event-update'; group: 'events'; eventId: string | undefined }
  | { kind: 'method-not-allowed'; group: RouteGroup; allow: string }
  | { kind: 'not-found'; group: 'unknown' };

type Table = Record<string, HttpRoute>;

function byMethod(method: string, table: Table, group: RouteGroup): HttpRoute {
  return table[method] ?? { kind: 'method-not-allowed', group, allow: Object.keys(table).join(', ') };
}

function segment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Matches the routes of docs/wire-contract.md (current and legacy) plus `POST /v1/traces`, and Langfuse's OTLP
 * path `POST /api/public/otel/v1/traces` (the benchmark points Langfuse's exporter here; the bearer key is still required).
 */
export function matchRoute(method: string, rawPath: string): HttpRoute {
  const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath;
  if (path === '/opentelemetry/v1/traces' || path === '/v1/traces' || path === '/api/public/otel/v1/traces') {
    return byMethod(method, { POST: { kind: 'traces', group: 'traces' } }, 'traces');
  }
  if (path === '/v1/sessions') {
    return byMethod(method, { POST: { kind: 'session-start', group: 'sessions', legacy: false } }, 'sessions');
  }
  if (path === '/session/start') {
    return byMethod(method, { POST: { kind: 'session-start', group: 'sessions', legacy: true } }, 'sessions');
  }
  let m = /^\/(?:v1\/sessions|session)\/([^/]+)$/.exec(path);
  if (m) return byMethod(method, { GET: { kind: 'session-get', group: 'sessions', sessionId: segment(m[1]!) } }, 'sessions');
  if (path === '/v1/events') {
    return byMethod(method, { POST: { kind: 'event-create', group: 'events', legacy: false } }, 'events');
  }
  if (path === '/events') {
    return byMethod(
      method,
      {
        POST: { kind: 'event-create', group: 'events', legacy: true },
        PUT: { kind: 'event-update', group: 'events', eventId: undefined },
      },
      'events',
    );
  }
  m = /^\/v1\/events\/([^/]+)$/.exec(path);
  if (m) return byMethod(method, { PUT: { kind: 'event-update', group: 'events', eventId: segment(m[1]!) } }, 'events');
  return { kind: 'not-found', group: 'unknown' };
}
