import { aliasParts } from './option-spec';
import type { LegacyAlias } from './option-spec';
import { OPTION_NAMES, OPTION_TABLE } from './option-table';
import type { OptionName } from './option-table';

/** One legacy option name that was translated. */
export interface LegacyOptionRename {
  /** The name the caller used, e.g. `api_key`. */
  from: string;
  /** The current name, e.g. `apiKey`. */
  to: string;
  /** Set when the value was converted too, e.g. seconds to milliseconds. */
  note?: string;
}

/** The result of {@link mapLegacyOptions}. */
export interface LegacyOptionsResult {
  /** A new object: current names only; the input is not changed. */
  options: Record<string, unknown>;
  /** Legacy names that were translated (worth a deprecation note in verbose mode). */
  deprecations: LegacyOptionRename[];
  /** Legacy names ignored because the current name (or an earlier legacy name) was also given; the current name wins. */
  conflicts: LegacyOptionRename[];
}

interface LegacyTarget extends Omit<LegacyAlias, 'name'> {
  to: string;
}

/** The groupings under their Python names (`session_config=SessionConfig(...)`, `evaluation_config=...`). */
const GROUP_ALIASES: Readonly<Record<string, string>> = { session_config: 'session', evaluation_config: 'evaluation' };

/**
 * Names of the Python SDK (snake_case) and of the npm `honeyhive` 1.x client (`bearerAuth`, `serverURL`), from
 * the option table's aliases. npm 1.x tracer options (`apiKey`, `serverUrl`, `sessionName`, …) already use our
 * names and pass through unchanged.
 */
const LEGACY_NAMES: ReadonlyMap<string, LegacyTarget> = new Map<string, LegacyTarget>([
  ...OPTION_NAMES.flatMap((to) =>
    (OPTION_TABLE[to].aliases ?? []).map((alias): [string, LegacyTarget] => {
      const { name, convert, note } = aliasParts(alias);
      return [name, { to, ...(convert === undefined ? {} : { convert }), ...(note === undefined ? {} : { note }) }];
    }),
  ),
  ...Object.entries(GROUP_ALIASES).map(([from, to]): [string, LegacyTarget] => [from, { to }]),
]);

/** The legacy names {@link mapLegacyOptions} understands, with their current names. */
export const LEGACY_OPTION_NAMES: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries([...LEGACY_NAMES].map(([from, { to }]) => [from, to])),
);

/** An option's name and its legacy aliases, e.g. `apiKey`, `api_key`, `bearerAuth`. */
export function namesOf(name: OptionName): string[] {
  return [name, ...(OPTION_TABLE[name].aliases ?? []).map((alias) => aliasParts(alias).name)];
}

/**
 * Translates legacy option names (Python snake_case such as `api_key`, `server_url`, `flush_interval` in
 * seconds; npm 1.x client names such as `serverURL`) to the current camelCase names. When both a legacy and
 * the current name are given, the current name wins and the legacy one is listed in `conflicts`. A legacy
 * key whose value is `undefined` is dropped. Pure: the input is not changed.
 */
export function mapLegacyOptions(options: Record<string, unknown>): LegacyOptionsResult {
  const out: Record<string, unknown> = {};
  const deprecations: LegacyOptionRename[] = [];
  const conflicts: LegacyOptionRename[] = [];
  if (options === null || typeof options !== 'object') return { options: out, deprecations, conflicts };
  const keys = Object.keys(options);
  for (const key of keys) {
    if (!LEGACY_NAMES.has(key)) out[key] = options[key];
  }
  for (const key of keys) {
    const target = LEGACY_NAMES.get(key);
    if (target === undefined) continue;
    const { to, convert, note } = target;
    const rename: LegacyOptionRename = note === undefined ? { from: key, to } : { from: key, to, note };
    const value = options[key];
    if (value === undefined) continue;
    if (out[to] !== undefined) {
      conflicts.push(rename);
      continue;
    }
    out[to] = convert === undefined ? value : convert(value);
    deprecations.push(rename);
  }
  return { options: out, deprecations, conflicts };
}
