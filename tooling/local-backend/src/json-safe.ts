/** `JSON.stringify` that writes bigints as decimal strings and bytes as base64. */
export function stringifyJsonSafe(value: unknown, space?: number): string {
  return JSON.stringify(
    value,
    (_key, inner: unknown) => {
      if (typeof inner === 'bigint') return inner.toString();
      if (inner instanceof Uint8Array) return Buffer.from(inner).toString('base64');
      return inner;
    },
    space,
  );
}
