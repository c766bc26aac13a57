import { OtlpDecodeError } from './otlp-decode-error';
import type { AttributeValue, Attributes } from './received-span';
import { toBytes, toDouble, toSafeInteger } from './wire-values';

/** Decodes a (camelCase) OTLP `AnyValue` object. */
function decodeAnyValue(value: unknown, path: string): AttributeValue {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object') throw new OtlpDecodeError(`${path}: expected an AnyValue object`);
  const v = value as Record<string, unknown>;
  if (v.stringValue !== undefined && v.stringValue !== null) {
    if (typeof v.stringValue !== 'string') throw new OtlpDecodeError(`${path}.stringValue: expected a string`);
    return v.stringValue;
  }
  if (v.boolValue !== undefined && v.boolValue !== null) {
    if (typeof v.boolValue !== 'boolean') throw new OtlpDecodeError(`${path}.boolValue: expected a boolean`);
    return v.boolValue;
  }
  if (v.intValue !== undefined && v.intValue !== null) return toSafeInteger(v.intValue, `${path}.intValue`);
  if (v.doubleValue !== undefined && v.doubleValue !== null) return toDouble(v.doubleValue, `${path}.doubleValue`);
  if (v.bytesValue !== undefined && v.bytesValue !== null) return toBytes(v.bytesValue, `${path}.bytesValue`);
  if (v.arrayValue !== undefined && v.arrayValue !== null) {
    const values = listOf((v.arrayValue as { values?: unknown }).values, `${path}.arrayValue.values`);
    return values.map((item, i) => decodeAnyValue(item, `${path}.arrayValue.values[${i}]`));
  }
  if (v.kvlistValue !== undefined && v.kvlistValue !== null) {
    return decodeKeyValues((v.kvlistValue as { values?: unknown }).values, `${path}.kvlistValue.values`);
  }
  return null;
}

/** Decodes a repeated OTLP `KeyValue` into a plain object (a later duplicate key wins). */
export function decodeKeyValues(list: unknown, path: string): Attributes {
  const out: Attributes = {};
  listOf(list, path).forEach((entry, i) => {
    if (entry === null || typeof entry !== 'object') throw new OtlpDecodeError(`${path}[${i}]: expected a KeyValue object`);
    const { key, value } = entry as { key?: unknown; value?: unknown };
    if (typeof key !== 'string') throw new OtlpDecodeError(`${path}[${i}].key: expected a string`);
    out[key] = decodeAnyValue(value, `${path}[${i}].value`);
  });
  return out;
}

/** A repeated field: absent means empty; anything but an array is an error. */
export function listOf(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OtlpDecodeError(`${path}: expected an array`);
  return value;
}
