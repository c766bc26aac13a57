/**
 * `text` as V8's internalized (canonical) copy of the string: the copy property keys use. A key built
 * by concatenation (`traceloop.association.properties.` + `session_id`) is a fresh string; storing
 * it as a property key (`span.attributes[key] = …`) costs a lookup of the canonical copy every time,
 * and in V8 such stores can push the target object into slow dictionary mode, which then makes every
 * later read of it (by the exporter, for instance) slower. Keys computed once and used on every span
 * are worth internalizing once. Returns `text` unchanged for anything V8 stores as an array index.
 */
export function internalizedKey(text: string): string {
  const holder: Record<string, true> = {};
  holder[text] = true;
  for (const key in holder) return key;
  return text;
}
