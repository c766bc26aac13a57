/** A span-name pattern: a string matches the whole name exactly; a RegExp is tested against it. */
export type SpanNamePattern = string | RegExp;

/** A compiled include/exclude decision over span names. */
export type SpanNamePredicate = (name: string) => boolean;

function compile(pattern: SpanNamePattern): SpanNamePredicate | undefined {
  if (typeof pattern === 'string') return (name) => name === pattern;
  if (pattern instanceof RegExp) {
    // `g`/`y` make `test` stateful (lastIndex); a filter must answer the same way every time.
    const regex = pattern.global || pattern.sticky ? new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')) : pattern;
    return (name) => regex.test(name);
  }
  return undefined;
}

function compileAll(patterns: readonly SpanNamePattern[] | undefined): SpanNamePredicate[] {
  const compiled: SpanNamePredicate[] = [];
  for (const pattern of patterns ?? []) {
    const predicate = compile(pattern);
    if (predicate) compiled.push(predicate);
  }
  return compiled;
}

/**
 * Builds the span-name filter: a name passes when it matches at least one `include` pattern (or
 * `include` is empty) and no `exclude` pattern. Exclusion wins over inclusion.
 */
export function createSpanNameFilter(
  include: readonly SpanNamePattern[] | undefined,
  exclude: readonly SpanNamePattern[] | undefined,
): SpanNamePredicate {
  const includes = compileAll(include);
  const excludes = compileAll(exclude);
  if (includes.length === 0 && excludes.length === 0) return () => true;
  return (name) => {
    const text = typeof name === 'string' ? name : String(name);
    if (includes.length > 0 && !includes.some((matches) => matches(text))) return false;
    return !excludes.some((matches) => matches(text));
  };
}
