import type { ConfigProblem } from './config-problem';
import { mapLegacyOptions, namesOf } from './legacy-options';
import { EVALUATION_FIELD_NAMES, SESSION_FIELD_NAMES, TRACER_OPTION_NAMES, suggestOptionName } from './option-names';

/** The options of one precedence level, flattened (`session`/`evaluation` merged in) and legacy names mapped. */
export interface OptionLayer {
  source: 'argument' | 'config';
  values: Record<string, unknown>;
}

/** The levels found in the options, plus what was wrong with their shape. */
export interface OptionLayers {
  layers: OptionLayer[];
  problems: ConfigProblem[];
  notices: ConfigProblem[];
  /** Every API-key string seen (under any name), so that messages can be scrubbed of them. */
  apiKeyCandidates: string[];
}

const ORIGIN: Record<OptionLayer['source'], string> = { argument: 'constructor argument', config: 'config object' };
const GROUPS: Readonly<Record<string, readonly string[]>> = { session: SESSION_FIELD_NAMES, evaluation: EVALUATION_FIELD_NAMES };
const API_KEY_NAMES = namesOf('apiKey');

// Own enumerable keys, plus API-key names stored non-enumerable (TracerConfig hides them).
function ownEntries(object: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object)) out[key] = (object as Record<string, unknown>)[key];
  for (const key of API_KEY_NAMES) {
    if (!(key in out) && Object.prototype.hasOwnProperty.call(object, key)) out[key] = (object as Record<string, unknown>)[key];
  }
  return out;
}

function unknownOption(name: string, source: OptionLayer['source'], known: readonly string[], prefix = ''): ConfigProblem {
  const suggestion = suggestOptionName(name, known);
  const field = `${prefix}${name}`;
  const hint = suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`;
  return {
    field,
    source,
    message: `unknown option '${field}' in the ${ORIGIN[source]} is ignored${hint}`,
    fix: suggestion === undefined ? `remove '${field}'; see TracerOptions for the supported options` : `rename '${field}' to '${prefix}${suggestion}'`,
  };
}

function legacyNotices(result: ReturnType<typeof mapLegacyOptions>, source: OptionLayer['source'], prefix: string): ConfigProblem[] {
  const deprecated = result.deprecations.map(({ from, to, note }) => ({
    field: `${prefix}${to}`,
    source,
    message: `'${prefix}${from}' in the ${ORIGIN[source]} is a legacy name, read as '${prefix}${to}'${note ? ` (${note})` : ''}`,
    fix: `rename '${from}' to '${to}'`,
  }));
  const conflicting = result.conflicts.map(({ from, to }) => ({
    field: `${prefix}${to}`,
    source,
    message: `both '${prefix}${from}' and '${prefix}${to}' are set in the ${ORIGIN[source]}; '${prefix}${to}' wins and '${prefix}${from}' is ignored`,
    fix: `remove '${from}'`,
  }));
  return [...deprecated, ...conflicting];
}

function readLayer(raw: unknown, source: OptionLayer['source'], out: OptionLayers): OptionLayer | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    const field = source === 'argument' ? 'options' : 'config';
    out.problems.push({ field, source, message: `the ${ORIGIN[source]} is not an object and is ignored`, fix: `pass an object such as { apiKey, project }` });
    return undefined;
  }
  const entries = ownEntries(raw);
  for (const key of API_KEY_NAMES) if (typeof entries[key] === 'string') out.apiKeyCandidates.push(entries[key] as string);
  const mapped = mapLegacyOptions(entries);
  out.notices.push(...legacyNotices(mapped, source, ''));
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(mapped.options)) {
    if (key === 'config' && source === 'argument') continue;
    if (Object.prototype.hasOwnProperty.call(GROUPS, key)) continue;
    if (!TRACER_OPTION_NAMES.includes(key) || key === 'config') {
      const problem = unknownOption(key, source, TRACER_OPTION_NAMES);
      if (key === 'config') {
        problem.message = `'config' inside the config object is not supported and is ignored`;
        problem.fix = `move its fields into the outer config object`;
      }
      out.problems.push(problem);
      continue;
    }
    values[key] = value;
  }
  for (const [group, fields] of Object.entries(GROUPS)) mergeGroup(mapped.options[group], group, fields, source, values, out);
  return { source, values };
}

function mergeGroup(
  raw: unknown,
  group: string,
  fields: readonly string[],
  source: OptionLayer['source'],
  values: Record<string, unknown>,
  out: OptionLayers,
): void {
  if (raw === undefined || raw === null) return;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    out.problems.push({ field: group, source, message: `'${group}' in the ${ORIGIN[source]} is not an object and is ignored`, fix: `pass '${group}' as an object of ${fields.join(', ')}` });
    return;
  }
  const mapped = mapLegacyOptions(raw as Record<string, unknown>);
  out.notices.push(...legacyNotices(mapped, source, `${group}.`));
  for (const [key, value] of Object.entries(mapped.options)) {
    if (!fields.includes(key)) {
      out.problems.push(unknownOption(key, source, fields, `${group}.`));
      continue;
    }
    if (value === undefined) continue;
    if (values[key] !== undefined) {
      out.notices.push({
        field: key,
        source,
        message: `'${key}' and '${group}.${key}' are both set in the ${ORIGIN[source]}; '${key}' wins`,
        fix: `set it in one place`,
      });
      continue;
    }
    values[key] = value;
  }
}

/** Splits constructor options into the argument level and the `config` level (highest precedence first). */
export function readOptionLayers(options: unknown): OptionLayers {
  const out: OptionLayers = { layers: [], problems: [], notices: [], apiKeyCandidates: [] };
  const argument = readLayer(options, 'argument', out);
  if (argument !== undefined) out.layers.push(argument);
  if (options !== null && typeof options === 'object' && !Array.isArray(options)) {
    const config = readLayer((options as { config?: unknown }).config, 'config', out);
    if (config !== undefined) out.layers.push(config);
  }
  return out;
}
