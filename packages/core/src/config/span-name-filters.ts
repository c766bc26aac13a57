import type { SpanNameFilter, SpanNameFilters } from './types';
import type { CheckResult, ValueCheck } from './value-checks';

const invalid = (reason: string): CheckResult<never> => ({ kind: 'invalid', reason });

function checkList(list: unknown, key: string): SpanNameFilter[] | string {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) return `has a '${key}' that is not an array`;
  const filters: SpanNameFilter[] = [];
  for (const item of list) {
    const entry = item as { type?: unknown; value?: unknown } | null;
    if (entry === null || typeof entry !== 'object' || entry.type !== 'prefix' || typeof entry.value !== 'string' || entry.value === '') {
      return `has an '${key}' entry that is not { type: 'prefix', value: '<non-empty string>' }`;
    }
    filters.push({ type: 'prefix', value: entry.value });
  }
  return filters;
}

/** The Python SDK's `span_name_filters` (`{ include?, exclude? }` of `{ type: 'prefix', value }`), copied. */
export const checkSpanNameFilters: ValueCheck<SpanNameFilters> = (value) => {
  if (value === undefined || value === null) return { kind: 'absent' };
  if (typeof value !== 'object' || Array.isArray(value)) return invalid('is not an object { include?, exclude? }');
  const include = checkList((value as SpanNameFilters).include, 'include');
  if (typeof include === 'string') return invalid(include);
  const exclude = checkList((value as SpanNameFilters).exclude, 'exclude');
  if (typeof exclude === 'string') return invalid(exclude);
  return { kind: 'ok', value: { include, exclude } };
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * `patterns` (the `includeSpanNames` or `excludeSpanNames` option) with the prefixes of `filters` added as
 * RegExps. Undefined when there is neither (so "no include list" stays "every span").
 */
export function withPrefixFilters(
  patterns: ReadonlyArray<string | RegExp> | undefined,
  filters: readonly SpanNameFilter[] | undefined,
): Array<string | RegExp> | undefined {
  const prefixes = (filters ?? []).map((filter) => new RegExp(`^${escapeRegExp(filter.value)}`));
  if (patterns === undefined && prefixes.length === 0) return undefined;
  return [...(patterns ?? []), ...prefixes];
}
