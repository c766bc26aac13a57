/** The session fields sent when a session starts (camelCase here, snake_case on the wire). */
export interface SessionStartFields {
  /** Lower-case UUID; sessions are idempotent on it. */
  sessionId: string;
  sessionName?: string;
  source?: string;
  /** Sent for the legacy route (the current one infers the project from the API key). */
  project?: string;
  inputs?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  userProperties?: Record<string, unknown>;
  config?: Record<string, unknown>;
  /** Unix ms; default now. */
  startTime?: number;
}

/**
 * Fields that update an event or session. `metadata`, `feedback`, `metrics`, `config` and `userProperties` are
 * merged by the backend; `outputs` replaces the previous outputs (a non-object is sent as `{ value }`);
 * `inputs` cannot be updated and are sent as `metadata.inputs`.
 */
export interface EventUpdateFields {
  metadata?: Record<string, unknown>;
  feedback?: Record<string, unknown>;
  metrics?: Record<string, unknown>;
  config?: Record<string, unknown>;
  userProperties?: Record<string, unknown>;
  outputs?: unknown;
  inputs?: unknown;
  /** An error message to record on the event. */
  error?: string;
}

/** One event to create (`POST /v1/events`). */
export interface CreateEventFields extends Omit<EventUpdateFields, 'inputs'> {
  /** Default: a new UUID. */
  eventId?: string;
  /** Default: the session of the current scope. */
  sessionId?: string;
  /** The parent event (span id or event id); default: the session root. */
  parentId?: string;
  /** `model` | `tool` | `chain`; default `tool`. */
  eventType?: string;
  eventName: string;
  inputs?: unknown;
  source?: string;
  project?: string;
  /** Unix ms. */
  startTime?: number;
  /** Unix ms. */
  endTime?: number;
  /** ms. */
  durationMs?: number;
}

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** An object as it is; anything else (present) wrapped as `{ value }`; undefined/null left out. */
function asObject(value: unknown): Json | undefined {
  if (value === undefined || value === null) return undefined;
  return isPlainObject(value) ? { ...value } : { value };
}

function put(body: Json, key: string, value: unknown): void {
  if (value !== undefined && value !== null) body[key] = value;
}

/** The bare session-start object of `POST /v1/sessions` (wrapped as `{ session }` for the legacy route). */
export function sessionStartBody(fields: SessionStartFields): Json {
  const body: Json = { session_id: fields.sessionId };
  put(body, 'session_name', fields.sessionName);
  put(body, 'source', fields.source);
  put(body, 'project', fields.project);
  put(body, 'inputs', asObject(fields.inputs));
  put(body, 'metadata', asObject(fields.metadata));
  put(body, 'user_properties', asObject(fields.userProperties));
  put(body, 'config', asObject(fields.config));
  body.start_time = typeof fields.startTime === 'number' && Number.isFinite(fields.startTime) ? fields.startTime : Date.now();
  return body;
}

/** The body of an event update (WIRE.md rules: outputs an object, inputs under `metadata.inputs`). */
export function eventUpdateBody(fields: EventUpdateFields): Json {
  const body: Json = {};
  let metadata = asObject(fields.metadata);
  if (fields.inputs !== undefined && fields.inputs !== null) metadata = { ...(metadata ?? {}), inputs: fields.inputs };
  put(body, 'metadata', metadata);
  put(body, 'feedback', asObject(fields.feedback));
  put(body, 'metrics', asObject(fields.metrics));
  put(body, 'config', asObject(fields.config));
  put(body, 'user_properties', asObject(fields.userProperties));
  put(body, 'outputs', asObject(fields.outputs));
  if (typeof fields.error === 'string') body.error = fields.error;
  return body;
}

/** The bare body of `POST /v1/events` (wrapped as `{ event }` for the legacy route). */
export function createEventBody(fields: CreateEventFields & { eventId: string; sessionId: string }): Json {
  const body: Json = { event_id: fields.eventId, session_id: fields.sessionId };
  put(body, 'parent_id', fields.parentId);
  body.event_type = typeof fields.eventType === 'string' && fields.eventType !== '' ? fields.eventType : 'tool';
  body.event_name = fields.eventName;
  put(body, 'source', fields.source);
  put(body, 'project', fields.project);
  put(body, 'inputs', asObject(fields.inputs));
  put(body, 'outputs', asObject(fields.outputs));
  put(body, 'config', asObject(fields.config));
  put(body, 'metadata', asObject(fields.metadata));
  put(body, 'metrics', asObject(fields.metrics));
  put(body, 'feedback', asObject(fields.feedback));
  put(body, 'user_properties', asObject(fields.userProperties));
  if (typeof fields.error === 'string') body.error = fields.error;
  const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
  if (finite(fields.startTime)) body.start_time = fields.startTime;
  if (finite(fields.endTime)) body.end_time = fields.endTime;
  if (finite(fields.durationMs)) body.duration = fields.durationMs;
  return body;
}
