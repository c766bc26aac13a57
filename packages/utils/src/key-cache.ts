// Flattening builds the same dotted keys (`honeyhive_inputs.messages.0.content`, …) on every call.
// Building them by string concatenation costs a fresh string per level, and each fresh string must be
// hashed and internalized when it becomes a property key: that was most of the cost of flattening an LLM
// payload. A tree of the keys seen so far hands back the same string object every time instead, and
// that string is internalized once (see `internalizedKey`).

import { internalizedKey } from './internalize';

/** One dotted key, and the keys one segment below it. */
export class KeyNode {
  /** Children by string segment (object keys, Map keys, `message`/`type` of errors). */
  children: Map<string, KeyNode> | undefined = undefined;
  /** Children by array or Set index. */
  items: KeyNode[] | undefined = undefined;
  /** The redaction rules {@link verdict} was computed for (see `secret-redaction.ts`). */
  verdictFor: object | undefined = undefined;
  /** Whether the last segment of this key is a secret key, for the rules in {@link verdictFor}. */
  verdict = 0;
  /**
   * The cached children by the position their segment had among the keys of the object last seen here
   * (see {@link childKeyNodeAt}): objects of one shape list their keys in the same order every time.
   */
  order: KeyNode[] | undefined = undefined;

  /**
   * @param key the full dotted key; `''` for an empty prefix.
   * @param dotted the last segment has a dot in it (so this key text may also be reached another way).
   * @param segment the last segment (`''` for a root).
   */
  constructor(
    readonly key: string,
    readonly dotted = false,
    readonly segment = '',
  ) {}
}

/** At most this many nodes are cached in all; past it the cache starts over (bounded memory). */
export const KEY_CACHE_LIMIT = 4096;
/** Segments and prefixes longer than this are not worth keeping (and could hold a lot of memory). */
const MAX_CACHED_SEGMENT = 128;
/** Array indices above this are not cached. */
const MAX_CACHED_INDEX = 1024;
/** Positions of object keys remembered by {@link childKeyNodeAt} (wider objects fall back to the map). */
const MAX_ORDERED_POSITION = 64;

const roots = new Map<string, KeyNode>();
let cached = 0;

function makeRoom(): void {
  if (cached < KEY_CACHE_LIMIT) return;
  roots.clear();
  cached = 0;
}

function joined(parent: KeyNode, segment: string): string {
  return parent.key === '' ? segment : `${parent.key}.${segment}`;
}

/** The node of a top-level `prefix`. */
export function rootKeyNode(prefix: string): KeyNode {
  const found = roots.get(prefix);
  if (found !== undefined) return found;
  if (prefix.length > MAX_CACHED_SEGMENT) return new KeyNode(prefix);
  const node = new KeyNode(internalizedKey(prefix));
  {
    makeRoom();
    roots.set(prefix, node);
    cached += 1;
  }
  return node;
}

/** The node of `<parent>.<segment>` (just `segment` below an empty prefix). */
export function childKeyNode(parent: KeyNode, segment: string): KeyNode {
  const children = parent.children;
  if (children !== undefined) {
    const found = children.get(segment);
    if (found !== undefined) return found;
  }
  const dotted = segment.includes('.');
  if (segment.length > MAX_CACHED_SEGMENT) return new KeyNode(joined(parent, segment), dotted);
  const node = new KeyNode(internalizedKey(joined(parent, segment)), dotted, segment);
  {
    makeRoom();
    (parent.children ??= new Map()).set(segment, node);
    cached += 1;
  }
  return node;
}

/**
 * {@link childKeyNode} for the key at `position` among the keys of the object being read: the child last
 * seen at that position is checked first (one comparison of interned strings instead of a map lookup).
 */
export function childKeyNodeAt(parent: KeyNode, segment: string, position: number): KeyNode {
  const order = parent.order;
  if (order !== undefined) {
    const hinted = order[position];
    if (hinted !== undefined && hinted.segment === segment) return hinted;
  }
  const found = parent.children?.get(segment);
  if (found === undefined) return childKeyNode(parent, segment);
  // only cached children: an uncached one (a long segment) is rebuilt on every call
  if (position < MAX_ORDERED_POSITION) (parent.order ??= [])[position] = found;
  return found;
}

/** The node of `<parent>.<index>`. */
export function indexKeyNode(parent: KeyNode, index: number): KeyNode {
  const items = parent.items;
  if (items !== undefined) {
    const found = items[index];
    if (found !== undefined) return found;
  }
  if (index > MAX_CACHED_INDEX) return new KeyNode(joined(parent, String(index)));
  const node = new KeyNode(internalizedKey(joined(parent, String(index))));
  {
    makeRoom();
    (parent.items ??= [])[index] = node;
    cached += 1;
  }
  return node;
}

/** How many nodes are cached now (for tests). */
export function cachedKeyCount(): number {
  return cached;
}
