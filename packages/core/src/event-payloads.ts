import { types } from 'node:util';
import { errorMessage, type EventUpdateFields } from '@honeyhive/utils';
import { BodyCapture } from './body-capture';

// Defined in utils, which instrumentation shares without depending on core; re-exported here for core's API.
export type { EventUpdateFields };

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
  if (value === null || typeof value !== 'object' || types.isProxy(value) || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * `fields[name]` when it is an own data property. No user code runs: a getter gives `'[Getter]'`, a proxy
 * nothing (both counted as cut); the rest of the body is still sent.
 */
function field(fields: object, name: string, capture: BodyCapture): unknown {
  try {
    if (types.isProxy(fields)) {
      capture.cuts += 1;
      return undefined;
    }
    const descriptor = Object.getOwnPropertyDescriptor(fields, name);
    if (descriptor === undefined) return undefined;
    if ('value' in descriptor) return descriptor.value;
    capture.cuts += 1;
    return '[Getter]';
  } catch (error) {
    capture.cuts += 1;
    return `[Unreadable: ${errorMessage(error).slice(0, 200)}]`;
  }
}

/** A plain object as a copy; anything else (present) wrapped as `{ value }`; undefined/null left out. Within the limits. */
function asObject(value: unknown, capture: BodyCapture): Json | undefined {
  if (value === undefined || value === null) return undefined;
  const plain = isPlainObject(value);
  const copied = capture.copy(value);
  return plain && isPlainObject(copied) ? copied : { value: copied ?? null };
}

/** A scalar field (a name, a source): within the limits when present. */
function scalar(value: unknown, capture: BodyCapture): unknown {
  return value === undefined || value === null ? undefined : capture.copy(value);
}

function put(body: Json, key: string, value: unknown): void {
  if (value !== undefined && value !== null) body[key] = value;
}

/** Puts each `[wire key, field name]` of `pairs` as an object field (see {@link asObject}), in order. */
function putObjects<F extends string>(body: Json, pairs: ReadonlyArray<readonly [string, F]>, read: (name: F) => unknown, capture: BodyCapture): void {
  for (const [key, name] of pairs) put(body, key, asObject(read(name), capture));
}

/**
 * The bare session-start object of `POST /v1/sessions` (wrapped as `{ session }` for the legacy route).
 * User values are copied within `capture`'s limits (see `BodyCapture`); nothing here throws or runs user code.
 */
export function sessionStartBody(fields: SessionStartFields, capture: BodyCapture = new BodyCapture()): Json {
  const read = (name: keyof SessionStartFields) => field(fields, name, capture);
  const body: Json = { session_id: fields.sessionId };
  put(body, 'session_name', scalar(read('sessionName'), capture));
  put(body, 'source', scalar(read('source'), capture));
  put(body, 'project', scalar(read('project'), capture));
  putObjects(body, [['inputs', 'inputs'], ['metadata', 'metadata'], ['user_properties', 'userProperties'], ['config', 'config']], read, capture);
  const startTime = read('startTime');
  body.start_time = typeof startTime === 'number' && Number.isFinite(startTime) ? startTime : Date.now();
  return body;
}

/** The body of an event update (docs/wire-contract.md rules: outputs an object, inputs under `metadata.inputs`), within `capture`'s limits. */
export function eventUpdateBody(fields: EventUpdateFields, capture: BodyCapture = new BodyCapture()): Json {
  const read = (name: keyof EventUpdateFields) => field(fields, name, capture);
  const body: Json = {};
  let metadata = asObject(read('metadata'), capture);
  const inputs = read('inputs');
  if (inputs !== undefined && inputs !== null) metadata = { ...(metadata ?? {}), inputs: capture.copy(inputs) ?? null };
  put(body, 'metadata', metadata);
  putObjects(body, [['feedback', 'feedback'], ['metrics', 'metrics'], ['config', 'config'], ['user_properties', 'userProperties'], ['outputs', 'outputs']], read, capture);
  const error = read('error');
  if (typeof error === 'string') body.error = scalar(error, capture);
  return body;
}

/** The bare body of `POST /v1/events` (wrapped as `{ event }` for the legacy route), within `capture`'s limits. */
export function createEventBody(
  fields: CreateEventFields & { eventId: string; sessionId: string },
  capture: BodyCapture = new BodyCapture(),
): Json {
  const read = (name: keyof CreateEventFields) => field(fields, name, capture);
  const body: Json = { event_id: fields.eventId, session_id: fields.sessionId };
  put(body, 'parent_id', scalar(read('parentId'), capture));
  const eventType = read('eventType');
  body.event_type = typeof eventType === 'string' && eventType !== '' ? scalar(eventType, capture) : 'tool';
  body.event_name = scalar(read('eventName'), capture);
  put(body, 'source', scalar(read('source'), capture));
  put(body, 'project', scalar(read('project'), capture));
  putObjects(
    body,
    [['inputs', 'inputs'], ['outputs', 'outputs'], ['config', 'config'], ['metadata', 'metadata'], ['metrics', 'metrics'], ['feedback', 'feedback'], ['user_properties', 'userProperties']],
    read,
    capture,
  );
  const error = read('error');
  if (typeof error === 'string') body.error = scalar(error, capture);
  const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
  const startTime = read('startTime');
  const endTime = read('endTime');
  const duration = read('durationMs');
  if (finite(startTime)) body.start_time = startTime;
  if (finite(endTime)) body.end_time = endTime;
  if (finite(duration)) body.duration = duration;
  return body;
}
