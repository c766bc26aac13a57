/** A plain object (not an array, not bytes, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function setPath(root: Record<string, unknown>, segments: string[], value: unknown): void {
  let node = root;
  for (const segment of segments.slice(0, -1)) {
    let next = node[segment];
    if (!isPlainObject(next)) {
      // A scalar already sits where an object is needed: keep it under `_value` rather than lose it.
      next = next === undefined ? {} : { _value: next };
      node[segment] = next;
    }
    node = next as Record<string, unknown>;
  }
  const last = segments[segments.length - 1]!;
  if (isPlainObject(node[last]) && !isPlainObject(value)) (node[last] as Record<string, unknown>)._value = value;
  else if (isPlainObject(node[last]) && isPlainObject(value)) Object.assign(node[last] as Record<string, unknown>, value);
  else node[last] = value;
}

// Objects whose keys are exactly "0".."n-1" were arrays before flattening.
function restoreArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(restoreArrays);
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = restoreArrays(value[key]);
  const contiguous = keys.length > 0 && keys.every((k) => /^(0|[1-9]\d*)$/.test(k) && Number(k) < keys.length);
  return contiguous ? keys.map((_, i) => out[String(i)]) : out;
}

/**
 * Rebuilds the nested object written under `prefix` from flattened attributes: `prefix.a.b = 1` → `{a: {b: 1}}`,
 * `prefix.list.0`, `prefix.list.1` → `{list: [.., ..]}` (only when the indexes are contiguous from 0).
 * A value stored at `prefix` itself is merged when it is an object (or a JSON object string), else kept as `value`.
 */
export function unflattenPrefix(attributes: Record<string, unknown>, prefix: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  const whole = attributes[prefix];
  if (whole !== undefined) {
    let parsed: unknown = whole;
    if (typeof whole === 'string' && whole.trim().startsWith('{')) {
      try {
        parsed = JSON.parse(whole);
      } catch {
        parsed = whole;
      }
    }
    if (isPlainObject(parsed)) Object.assign(root, parsed);
    else root.value = parsed;
  }
  const dotted = `${prefix}.`;
  for (const [key, value] of Object.entries(attributes)) {
    if (!key.startsWith(dotted) || key.length === dotted.length) continue;
    setPath(root, key.slice(dotted.length).split('.'), value);
  }
  return restoreArrays(root) as Record<string, unknown>;
}
