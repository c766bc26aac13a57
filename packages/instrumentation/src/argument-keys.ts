import { types } from 'node:util';
import { GETTER_MARKER, PROXY_MARKER } from '@honeyhive/utils';
import type { ParamSpec } from './param-names';

const isProxy = types.isProxy;

/** How a traced function's arguments are named: from `mapArgs`, else from `paramNames`/parsed specs. */
export interface ArgumentNaming {
  /** Builds the whole inputs record; a throwing or non-object result falls back to `specs`. */
  readonly mapArgs?: ((args: unknown[]) => Record<string, unknown>) | undefined;
  /** Names by position; undefined (or a spec without a name) gives `arg<i>`. */
  readonly specs?: readonly ParamSpec[] | undefined;
  /** The keys from `specs` by argument count, filled as calls come (they depend on the count alone). */
  readonly layouts?: Array<ArgumentLayout | undefined>;
}

/** The keys of `count` arguments named by specs: one per position up to the rest parameter, which takes the remainder. */
interface ArgumentLayout {
  readonly keys: readonly string[];
  /** The position of the rest parameter's key, or -1. */
  readonly restAt: number;
}

/** Layouts of more arguments than this are not kept. */
const MAX_CACHED_COUNT = 32;

/** `base`, or `base_2`, `base_3`… — the first one not yet used. */
function uniqueKey(base: string, used: Set<string>): string {
  let key = base;
  for (let n = 2; used.has(key); n += 1) key = `${base}_${n}`;
  used.add(key);
  return key;
}

/** Explicit `paramNames` as specs: non-empty strings name their position, anything else is positional. */
export function specsFromNames(names: unknown): readonly ParamSpec[] | undefined {
  if (!Array.isArray(names)) return undefined;
  return names.map((name) => ({ name: typeof name === 'string' && name !== '' ? name : undefined, rest: false }));
}

/** The own data value of `record[key]`; a getter is recorded as `'[Getter]'`, never called. */
function dataValue(record: object, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(record, key);
  if (descriptor === undefined) return undefined;
  return 'get' in descriptor ? (descriptor.get === undefined ? undefined : GETTER_MARKER) : descriptor.value;
}

function mappedEntries(naming: ArgumentNaming, args: readonly unknown[]): Array<[string, unknown]> | undefined {
  if (typeof naming.mapArgs !== 'function') return undefined;
  try {
    const record = naming.mapArgs(args.slice());
    // what mapArgs built is read like any captured value: no getter or proxy trap runs
    if (record === null || typeof record !== 'object' || Array.isArray(record)) return undefined;
    if (isProxy(record)) return [['mapArgs', PROXY_MARKER]];
    return Object.keys(record).map((key) => [key, dataValue(record, key)]);
  } catch {
    return undefined;
  }
}

/**
 * The arguments as `[key, value]` pairs with unique keys: by `mapArgs` when it gives an object, else by
 * name from the specs, `...rest` collecting the remaining arguments as one array, and `arg<i>` for
 * unnamed or extra positions. Arguments that were not passed give no pair. Reads only; never throws.
 */
export function namedArguments(args: readonly unknown[], naming: ArgumentNaming): Array<[string, unknown]> {
  try {
    const mapped = mappedEntries(naming, args);
    if (mapped !== undefined) return mapped;
    const { keys, restAt } = layoutOf(naming, args.length);
    const pairs: Array<[string, unknown]> = [];
    for (let i = 0; i < keys.length; i += 1) pairs.push([keys[i] as string, i === restAt ? args.slice(i) : args[i]]);
    return pairs;
  } catch {
    return [];
  }
}

/** The layout of `count` arguments by `naming.specs`, kept in `naming.layouts` for the next call. */
function layoutOf(naming: ArgumentNaming, count: number): ArgumentLayout {
  const layouts = naming.layouts;
  const known = layouts?.[count];
  if (known !== undefined) return known;
  const layout = layoutFor(naming.specs ?? [], count);
  if (layouts !== undefined && count <= MAX_CACHED_COUNT) layouts[count] = layout;
  return layout;
}

function layoutFor(specs: readonly ParamSpec[], count: number): ArgumentLayout {
  const used = new Set<string>();
  // named keys first, so that a parameter literally called `arg1` keeps its name
  const keys: string[] = [];
  const positional: number[] = [];
  let restAt = -1;
  for (let i = 0; i < count; i += 1) {
    const spec = specs[i];
    if (spec?.name !== undefined && !used.has(spec.name)) {
      used.add(spec.name);
      keys[i] = spec.name;
    } else {
      positional.push(i);
    }
    if (spec?.rest) {
      restAt = i;
      break;
    }
  }
  for (const i of positional) keys[i] = uniqueKey(`arg${i}`, used);
  return { keys, restAt };
}
