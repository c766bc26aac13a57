import { capturedErrorMessage, type EnrichmentFields, type EventUpdateFields, type SecretRedaction } from '@honeyhive/utils';

/** An `enrichSpan`-style fields object as an event update, and the fields an update cannot carry. */
export interface EventUpdatePlan {
  fields: EventUpdateFields;
  /** Given fields a stored event cannot take (`eventName`, `eventType`): left out. */
  ignored: string[];
}

/** `object[name]` when it is an own data property; a getter or an unreadable object gives undefined (no user code runs). */
function own(object: unknown, name: string): unknown {
  if (object === null || typeof object !== 'object') return undefined;
  try {
    const descriptor = Object.getOwnPropertyDescriptor(object, name);
    return descriptor !== undefined && 'value' in descriptor ? descriptor.value : undefined;
  } catch {
    return undefined;
  }
}

/** The own data properties of a plain object (no getters run), or undefined for anything else. */
function dataEntries(value: unknown): Record<string, unknown> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  try {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return undefined;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const entry = own(value, key);
      if (entry !== undefined) out[key] = entry;
    }
    return out;
  } catch {
    return undefined;
  }
}

const PASSED_THROUGH = ['inputs', 'outputs', 'config', 'metrics', 'feedback', 'userProperties'] as const;

/**
 * The update the Python SDK's `enrich_span(event_id=…)` sends (`PUT /v1/events/{id}`): the groups as they are
 * (`inputs` end up under `metadata.inputs`, outputs replace), `attributes` merged into `metadata` (they win a
 * clash), an `error` as its message. `eventName` and `eventType` cannot change on a stored event and are listed in
 * `ignored`. Reads only own data properties; never throws.
 */
export function eventUpdateOf(fields: EnrichmentFields | undefined, redaction?: SecretRedaction): EventUpdatePlan {
  const update: EventUpdateFields = {};
  const ignored: string[] = [];
  for (const name of PASSED_THROUGH) {
    const value = own(fields, name);
    if (value !== undefined && value !== null) (update as Record<string, unknown>)[name] = value;
  }
  const metadata = own(fields, 'metadata');
  const attributes = dataEntries(own(fields, 'attributes'));
  if (attributes !== undefined && Object.keys(attributes).length > 0) {
    update.metadata = { ...(dataEntries(metadata) ?? (metadata === undefined || metadata === null ? {} : { value: metadata })), ...attributes };
  } else if (metadata !== undefined && metadata !== null) {
    update.metadata = metadata as Record<string, unknown>;
  }
  const error = own(fields, 'error');
  if (error !== undefined && error !== null) update.error = typeof error === 'string' ? error : capturedErrorMessage(error, redaction);
  for (const name of ['eventName', 'eventType']) if (own(fields, name) !== undefined) ignored.push(name);
  return { fields: update, ignored };
}
