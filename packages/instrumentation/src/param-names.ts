/**
 * Parameter names read from a function's source text, so captured arguments get readable keys.
 * Parsing is best-effort and never throws: anything it cannot read with confidence gives positional keys.
 */

/** One declared parameter: its name (undefined: use the positional key `arg<i>`) and whether it is `...rest`. */
export interface ParamSpec {
  readonly name: string | undefined;
  readonly rest: boolean;
}

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*/u;
const SINGLE_ARROW_PARAM = /^(?:async\s+)?([\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*)\s*=>/u;
const NATIVE_CODE = /\{\s*\[native code\]\s*\}\s*$/;
const CLOSERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/** Index just after a comment starting at `i`, or `i` when there is none; -1 for an unterminated block comment. */
function skipComment(src: string, i: number): number {
  if (src[i] !== '/') return i;
  if (src[i + 1] === '/') {
    const end = src.indexOf('\n', i + 2);
    return end === -1 ? src.length : end + 1;
  }
  if (src[i + 1] === '*') {
    const end = src.indexOf('*/', i + 2);
    return end === -1 ? -1 : end + 2;
  }
  return i;
}

/** Index just after whitespace and comments from `i`; -1 for an unterminated comment. */
function skipSpace(src: string, i: number): number {
  let j = i;
  for (;;) {
    while (j < src.length && /\s/.test(src[j] as string)) j += 1;
    const next = skipComment(src, j);
    if (next === -1) return -1;
    if (next === j) return j;
    j = next;
  }
}

/** Index just after the string literal opening at `i` ('…' or "…"); -1 when unterminated. */
function skipQuoted(src: string, i: number): number {
  const quote = src[i];
  for (let j = i + 1; j < src.length; j += 1) {
    const c = src[j];
    if (c === '\\') j += 1;
    else if (c === quote) return j + 1;
    else if (c === '\n') return -1;
  }
  return -1;
}

/** Index just after the template literal opening at `i`, `${…}` included; -1 when unterminated. */
function skipTemplate(src: string, i: number): number {
  for (let j = i + 1; j < src.length; j += 1) {
    const c = src[j];
    if (c === '\\') j += 1;
    else if (c === '`') return j + 1;
    else if (c === '$' && src[j + 1] === '{') {
      const close = matchBracket(src, j + 1);
      if (close === -1) return -1;
      j = close;
    }
  }
  return -1;
}

/**
 * Skips one string, template or comment starting at `i`: the index after it, `i` when there is none
 * there, -1 when it is unterminated.
 */
function skipOpaque(src: string, i: number): number {
  const c = src[i];
  if (c === "'" || c === '"') return skipQuoted(src, i);
  if (c === '`') return skipTemplate(src, i);
  return skipComment(src, i);
}

/** Index of the bracket closing the one at `i` (`(`, `[` or `{`), skipping strings and comments; -1 if none. */
function matchBracket(src: string, i: number): number {
  const expected: string[] = [CLOSERS[src[i] as string] as string];
  let j = i + 1;
  while (j < src.length) {
    const after = skipOpaque(src, j);
    if (after === -1) return -1;
    if (after !== j) {
      j = after;
      continue;
    }
    const c = src[j] as string;
    if (c in CLOSERS) expected.push(CLOSERS[c] as string);
    else if (c === ')' || c === ']' || c === '}') {
      if (expected.pop() !== c) return -1;
      if (expected.length === 0) return j;
    }
    j += 1;
  }
  return -1;
}

/** The text between the parentheses of the parameter list, or undefined when none is found. */
function parameterListText(src: string): string | undefined {
  let j = 0;
  while (j < src.length) {
    const after = skipOpaque(src, j);
    if (after === -1) return undefined;
    if (after !== j) {
      j = after;
      continue;
    }
    const c = src[j];
    if (c === '(') {
      const close = matchBracket(src, j);
      return close === -1 ? undefined : src.slice(j + 1, close);
    }
    if (c === '[') {
      // a computed method name: `[key](a) {}`
      const close = matchBracket(src, j);
      if (close === -1) return undefined;
      j = close + 1;
      continue;
    }
    if (c === '{' || c === '=' || c === ')') return undefined;
    j += 1;
  }
  return undefined;
}

/** The list split at top-level commas (a trailing comma gives no empty last part); undefined if malformed. */
function splitTopLevel(text: string): string[] | undefined {
  const parts: string[] = [];
  let start = 0;
  let j = 0;
  while (j < text.length) {
    const after = skipOpaque(text, j);
    if (after === -1) return undefined;
    if (after !== j) {
      j = after;
      continue;
    }
    const c = text[j] as string;
    if (c in CLOSERS) {
      const close = matchBracket(text, j);
      if (close === -1) return undefined;
      j = close + 1;
      continue;
    }
    if (c === ',') {
      parts.push(text.slice(start, j));
      start = j + 1;
    }
    j += 1;
  }
  const last = text.slice(start);
  if (skipSpace(last, 0) !== last.length) parts.push(last);
  return parts;
}

/** One parameter's spec, or undefined when the text is not a parameter this parser understands. */
function parseParam(part: string): ParamSpec | undefined {
  let i = skipSpace(part, 0);
  if (i === -1 || i >= part.length) return undefined;
  let rest = false;
  if (part.startsWith('...', i)) {
    rest = true;
    i = skipSpace(part, i + 3);
    if (i === -1) return undefined;
  }
  const c = part[i];
  if (c === '{' || c === '[') {
    const close = matchBracket(part, i);
    if (close === -1) return undefined;
    return { name: undefined, rest };
  }
  const match = IDENTIFIER.exec(part.slice(i));
  if (match === null) return undefined;
  const after = skipSpace(part, i + match[0].length);
  if (after === -1) return undefined;
  if (after < part.length && (part[after] !== '=' || rest)) return undefined;
  return { name: match[0], rest };
}

/**
 * Minifier output such as `function(e,t){…}`: two or more one-letter names with no whitespace in the
 * list. Such names carry no meaning, so positional keys are used instead.
 */
function looksMinified(listText: string, specs: readonly ParamSpec[]): boolean {
  return specs.length >= 2 && !/\s/.test(listText) && specs.every((spec) => spec.name !== undefined && spec.name.length === 1);
}

function sourceOf(fn: Function): string | undefined {
  try {
    const text = Function.prototype.toString.call(fn);
    return typeof text === 'string' ? text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The declared parameters of `fn`, read from its source. Handles plain, default (`b = {x: 1}`), rest
 * (`...rest`) and destructured (`{a, b}`, `[x, y]` → positional) parameters in function, async,
 * generator, arrow, method and getter/setter forms. Returns undefined (use positional keys for all) for
 * native and bound functions, classes, minified-looking lists and anything it cannot parse. Never throws.
 */
export function parseParamNames(fn: Function): readonly ParamSpec[] | undefined {
  try {
    const source = sourceOf(fn);
    if (source === undefined || NATIVE_CODE.test(source)) return undefined;
    const start = skipSpace(source, 0);
    if (start === -1) return undefined;
    const src = source.slice(start);
    if (/^class\b/.test(src)) return undefined;
    const arrow = SINGLE_ARROW_PARAM.exec(src);
    if (arrow !== null) return [{ name: arrow[1], rest: false }];
    const listText = parameterListText(src);
    if (listText === undefined) return undefined;
    const parts = splitTopLevel(listText);
    if (parts === undefined) return undefined;
    const specs: ParamSpec[] = [];
    for (const part of parts) {
      const spec = parseParam(part);
      if (spec === undefined) return undefined;
      specs.push(spec);
    }
    if (specs.slice(0, -1).some((spec) => spec.rest)) return undefined;
    if (looksMinified(listText, specs)) return specs.map((spec) => ({ name: undefined, rest: spec.rest }));
    return specs;
  } catch {
    return undefined;
  }
}
