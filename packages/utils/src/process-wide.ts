// State that every copy of a package loaded in one process must share (a tracer registry, a hook into it).
// Two copies of a package (a plugin pinned to another version, a bundle that inlines the package while the app
// loads it from node_modules) each evaluate their modules, so a module-level `const` exists once per copy. Like
// `@opentelemetry/api`, this keeps such state on a `globalThis` symbol, checked against the package version.
//
// The contract between copies, which no version may change: `globalThis[Symbol.for('honeyhive.' + name)]` is a
// plain object mapping a compatibility line (see `compatibilityLine`) to `{ versions: string[], state: object }`.
// Within a line the state's shape only gains fields: a copy adds the fields it knows and the state lacks.

const VERSION_PATTERN = /^(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/**
 * The compatibility line of a semver `version`: copies on one line share process-wide state. The major version
 * (`"1"`); for 0.x the minor as well (`"0.3"`: 0.3 and 0.4 may differ in anything); a prerelease or an
 * unparseable version shares only with itself (OpenTelemetry's rule for its globals).
 */
export function compatibilityLine(version: string): string {
  const match = VERSION_PATTERN.exec(version);
  if (match === null || match[4] !== undefined) return version;
  return match[1] === '0' ? `0.${match[2]}` : String(match[1]);
}

/** What {@link processWide} returns. */
export interface ProcessWide<T extends object> {
  /** The state: shared with every compatible copy, else (a `globalThis` that cannot be written) this copy's own. */
  readonly state: T;
  /** True when `state` lives on `globalThis`, where compatible copies find it. */
  readonly shared: boolean;
  /** The versions of the other copies loaded so far that cannot share with this one (each line has its own state). */
  incompatibleVersions(): string[];
}

interface Line {
  versions: string[];
  state: object;
}

type Directory = Record<string, Line | undefined>;

function isObject(value: unknown): value is Record<PropertyKey, unknown> {
  return value !== null && typeof value === 'object';
}

function directoryOf(key: symbol): Directory | undefined {
  const holder = globalThis as unknown as Record<symbol, unknown>;
  const found = holder[key];
  if (found !== undefined) return isObject(found) ? (found as Directory) : undefined;
  const created: Directory = {};
  // not enumerable, so it stays out of the way of code that lists the globals
  Object.defineProperty(holder, key, { value: created, enumerable: false, writable: false, configurable: true });
  return holder[key] === created ? created : undefined;
}

function join<T extends object>(directory: Directory, line: string, version: string, fresh: T): T | undefined {
  const existing = directory[line];
  if (existing === undefined) {
    directory[line] = { versions: [version], state: fresh };
    return fresh;
  }
  if (!isObject(existing) || !isObject(existing.state) || !Array.isArray(existing.versions)) return undefined;
  const state = existing.state as Record<string, unknown>;
  for (const [field, value] of Object.entries(fresh)) {
    if (!Object.prototype.hasOwnProperty.call(state, field)) state[field] = value;
  }
  if (!existing.versions.includes(version)) existing.versions.push(version);
  return state as T;
}

/**
 * The process-wide state `name` (e.g. `"core.registry"`) of a package at `version`: the one every copy on the same
 * compatibility line shares, made with `create()` by the first of them. A copy whose version is not compatible
 * with another's keeps a state of its own, and can tell with `incompatibleVersions()`. Never throws: when
 * `globalThis` cannot hold the state (frozen, or the slot holds something else), the copy keeps its own.
 */
export function processWide<T extends object>(name: string, version: string, create: () => T): ProcessWide<T> {
  const key = Symbol.for(`honeyhive.${name}`);
  const line = compatibilityLine(version);
  const fresh = create();
  let directory: Directory | undefined;
  let shared: T | undefined;
  try {
    directory = directoryOf(key);
    shared = directory === undefined ? undefined : join(directory, line, version, fresh);
  } catch {
    shared = undefined;
  }
  return {
    state: shared ?? fresh,
    shared: shared !== undefined,
    incompatibleVersions(): string[] {
      const versions = new Set<string>();
      try {
        for (const [otherLine, entry] of Object.entries(directory ?? {})) {
          if (otherLine === line || !isObject(entry) || !Array.isArray(entry.versions)) continue;
          for (const other of entry.versions) if (typeof other === 'string') versions.add(other);
        }
      } catch {
        // a damaged directory tells nothing
      }
      return [...versions].sort();
    },
  };
}
