import { randomUUID } from 'node:crypto';
import { emptySession, type BackendState } from '../backend-state';
import type { EventRecord, EventUpdate } from '../records';
import { applyUpdate } from './build-session-tree';
import { isPlainObject } from './unflatten';

/** What a JSON route answers. */
export interface RouteResult {
  /** HTTP status. */
  status: number;
  /** JSON body. */
  body: unknown;
}

const MERGED_FIELDS = ['metadata', 'feedback', 'metrics', 'config', 'user_properties'] as const;
const OBJECT_FIELDS = ['inputs', 'outputs', ...MERGED_FIELDS] as const;

function badRequest(error: string): RouteResult {
  return { status: 400, body: { error } };
}

// Returns the first problem with the optional object-valued fields, or undefined.
function objectFieldProblem(body: Record<string, unknown>, fields: readonly string[]): string | undefined {
  for (const field of fields) {
    const value = body[field];
    if (value !== undefined && value !== null && !isPlainObject(value)) {
      return field === 'outputs'
        ? 'outputs must be an object (wrap other values as {"value": ...})'
        : `${field} must be an object`;
    }
  }
  return undefined;
}

function optionalString(body: Record<string, unknown>, field: string): string | undefined | false {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : false;
}

function objectOrEmpty(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? { ...value } : {};
}

/** `POST /v1/sessions` (bare object) and legacy `POST /session/start` (`{"session": {...}}`); idempotent on id. */
export function startSession(state: BackendState, body: unknown, legacy: boolean): RouteResult {
  if (!isPlainObject(body)) return badRequest('the body must be a JSON object');
  const fields = legacy ? body.session : body;
  if (legacy && !isPlainObject(fields)) return badRequest('legacy /session/start expects {"session": {...}}');
  const start = fields as Record<string, unknown>;
  const problem = objectFieldProblem(start, ['inputs', 'metadata', 'user_properties', 'config']);
  if (problem) return badRequest(problem);
  for (const field of ['session_id', 'session_name', 'source', 'project']) {
    if (optionalString(start, field) === false) return badRequest(`${field} must be a string`);
  }
  if (start.start_time !== undefined && typeof start.start_time !== 'number') {
    return badRequest('start_time must be a number (Unix ms)');
  }
  const given = optionalString(start, 'session_id');
  if (given === '') return badRequest('session_id must not be empty');
  const sessionId = given || randomUUID();

  const existing = state.sessions.get(sessionId);
  if (existing && existing.startCount > 0) {
    existing.startCount += 1;
    return { status: 200, body: { session_id: sessionId } };
  }
  const session = existing ?? emptySession(sessionId, legacy ? 'legacy' : 'v1');
  if (!existing) state.sessions.set(sessionId, session);
  session.startCount = 1;
  session.session_name = (start.session_name as string | undefined) ?? null;
  session.source = (start.source as string | undefined) ?? session.source;
  session.project = (start.project as string | undefined) ?? session.project;
  session.inputs = objectOrEmpty(start.inputs);
  session.metadata = { ...objectOrEmpty(start.metadata), ...session.metadata };
  session.config = { ...objectOrEmpty(start.config), ...session.config };
  session.user_properties = { ...objectOrEmpty(start.user_properties), ...session.user_properties };
  session.start_time = (start.start_time as number | undefined) ?? null;
  state.notify();
  return { status: 200, body: { session_id: sessionId } };
}

/**
 * `PUT /v1/events/{event_id}` and legacy `PUT /events` (`event_id` in the body). The id may name a session
 * (session enrichment), a created event or a received span. `inputs` cannot be updated: 400.
 */
export function updateEvent(state: BackendState, eventId: string | undefined, body: unknown): RouteResult {
  if (!isPlainObject(body)) return badRequest('the body must be a JSON object');
  const id = eventId ?? body.event_id;
  if (typeof id !== 'string' || id === '') return badRequest('event_id is required (a non-empty string)');
  if (body.inputs !== undefined) return badRequest('inputs cannot be updated; put them under metadata.inputs');
  const problem = objectFieldProblem(body, ['outputs', ...MERGED_FIELDS]);
  if (problem) return badRequest(problem);
  if (body.error !== undefined && body.error !== null && typeof body.error !== 'string') {
    return badRequest('error must be a string');
  }
  const update: EventUpdate = {};
  for (const field of ['outputs', ...MERGED_FIELDS] as const) {
    if (isPlainObject(body[field])) update[field] = { ...(body[field] as Record<string, unknown>) };
  }
  if (typeof body.error === 'string') update.error = body.error;

  const session = state.sessions.get(id);
  const event = state.eventIndex.get(id);
  if (session) {
    applyUpdate(session, update);
    session.updateCount += 1;
  } else if (event) {
    applyUpdate(event, update);
  } else if (state.spanIndex.has(id)) {
    const list = state.spanUpdates.get(id) ?? [];
    list.push(update);
    state.spanUpdates.set(id, list);
  } else {
    return { status: 404, body: { error: `no session, event or span with id ${id}` } };
  }
  state.notify();
  return { status: 200, body: { success: true } };
}

/** `POST /v1/events` (bare object) and legacy `POST /events` (`{"event": {...}}`). */
export function createEvent(state: BackendState, body: unknown, legacy: boolean): RouteResult {
  if (!isPlainObject(body)) return badRequest('the body must be a JSON object');
  const fields = legacy ? body.event : body;
  if (legacy && !isPlainObject(fields)) return badRequest('legacy /events expects {"event": {...}}');
  const e = fields as Record<string, unknown>;
  const sessionId = optionalString(e, 'session_id');
  if (!sessionId) return badRequest('session_id is required (a non-empty string)');
  for (const field of ['event_id', 'parent_id', 'event_type', 'event_name', 'error']) {
    if (optionalString(e, field) === false) return badRequest(`${field} must be a string`);
  }
  const problem = objectFieldProblem(e, OBJECT_FIELDS);
  if (problem) return badRequest(problem);
  for (const field of ['start_time', 'end_time', 'duration']) {
    if (e[field] !== undefined && e[field] !== null && typeof e[field] !== 'number') {
      return badRequest(`${field} must be a number (ms)`);
    }
  }
  const eventId = (e.event_id as string | undefined) || randomUUID();
  if (state.eventIndex.has(eventId)) return { status: 200, body: { event_id: eventId, success: true } };
  const startTime = typeof e.start_time === 'number' ? e.start_time : Date.now();
  const duration =
    typeof e.duration === 'number' ? e.duration : typeof e.end_time === 'number' ? e.end_time - startTime : 0;
  const eventType = (e.event_type as string | undefined) || 'tool';
  const record: EventRecord = {
    event_id: eventId,
    session_id: sessionId,
    parent_id: (e.parent_id as string | undefined) || null,
    event_type: eventType,
    event_name: (e.event_name as string | undefined) || eventType,
    inputs: objectOrEmpty(e.inputs),
    outputs: objectOrEmpty(e.outputs),
    config: objectOrEmpty(e.config),
    metadata: objectOrEmpty(e.metadata),
    metrics: objectOrEmpty(e.metrics),
    feedback: objectOrEmpty(e.feedback),
    user_properties: objectOrEmpty(e.user_properties),
    error: (e.error as string | undefined) ?? null,
    start_time: startTime,
    duration,
    createdVia: legacy ? 'legacy' : 'v1',
    raw: { ...e },
  };
  state.addEvent(record);
  return { status: 200, body: { event_id: eventId, success: true } };
}

/** `GET /v1/sessions/{id}` and legacy `GET /session/{id}`: the session tree. */
export function getSession(state: BackendState, sessionId: string): RouteResult {
  const tree = state.sessionTree(sessionId);
  return tree ? { status: 200, body: tree } : { status: 404, body: { error: `no session with id ${sessionId}` } };
}
