import { booleanVariable, integerVariable, secondsVariable, textVariable } from './env-variables';
import type { EnvVariable } from './env-variables';
import { option } from './option-spec';
import type { DefaultedOptionSpec, LegacyAlias, OptionSpec } from './option-spec';
import { checkBoolean, checkString, describeBounds, numberCheck } from './value-checks';
import type { NumberBounds } from './value-checks';

type Extra<T> = Partial<Pick<OptionSpec<T>, 'aliases' | 'group' | 'example'>> & {
  /** Variables read after the option's own one, in this order (e.g. the OpenTelemetry SDK's). */
  moreEnv?: readonly EnvVariable<T>[];
};

/** The option's own variable (when it has one) followed by `moreEnv`; nothing when there are none. */
function envList<T>(own: EnvVariable<T> | undefined, moreEnv: readonly EnvVariable<T>[] = []): Pick<OptionSpec<T>, 'env'> {
  const variables = [...(own === undefined ? [] : [own]), ...moreEnv];
  return variables.length === 0 ? {} : { env: variables };
}

/** A boolean option (`true or false`) with its default and, optionally, its variable. */
export function booleanOption(doc: string, defaultValue: boolean, variable?: string, { moreEnv, ...extra }: Extra<boolean> = {}): DefaultedOptionSpec<boolean> {
  return option({
    doc,
    check: checkBoolean,
    expected: 'true or false',
    example: String(!defaultValue),
    fallback: `the default ${defaultValue}`,
    defaultValue: () => defaultValue,
    ...envList(variable === undefined ? undefined : booleanVariable(variable), moreEnv),
    ...extra,
  });
}

/** An optional string option (trimmed; blank is "not given"), with no default. */
export function textOption(doc: string, expected: string, variable?: string, { moreEnv, ...extra }: Extra<string> = {}): OptionSpec<string> {
  return option({
    doc,
    check: checkString,
    expected,
    fallback: 'no value',
    ...envList(variable === undefined ? undefined : textVariable(variable), moreEnv),
    ...extra,
  });
}

interface CountInit extends Extra<number> {
  doc: string;
  bounds: NumberBounds & { min: number; max: number };
  example: string;
  fallback: string;
  /** Read as an integer within the same bounds. */
  variable?: string;
  defaultValue?: number;
}

/** An integer option (a count or a size) whose variable has the same bounds. */
export function countOption(init: CountInit & { defaultValue: number }): DefaultedOptionSpec<number>;
export function countOption(init: CountInit): OptionSpec<number>;
export function countOption({ doc, bounds, example, fallback, variable, defaultValue, moreEnv, ...extra }: CountInit): OptionSpec<number> {
  const counted = { ...bounds, integer: true };
  return option({
    doc,
    check: numberCheck(counted),
    expected: describeBounds(counted),
    example,
    fallback,
    ...envList(variable === undefined ? undefined : integerVariable(variable, bounds.min, bounds.max), moreEnv),
    ...(defaultValue === undefined ? {} : { defaultValue: () => defaultValue }),
    ...extra,
  });
}

interface DurationInit extends Omit<Extra<number>, 'example'> {
  doc: string;
  /** In milliseconds. `greaterThan: 0` excludes zero; `min: 0` allows it. */
  bounds: { greaterThan: 0; max: number } | { min: 0; max: number };
  /** An example in milliseconds; the variable's example is the same in seconds. */
  example: number;
  fallback: string;
  /** Read in seconds (the Python SDK's unit). */
  variable: string;
  defaultValue?: number;
}

/** A duration option: milliseconds in code, seconds in its environment variable. */
export function durationOption(init: DurationInit & { defaultValue: number }): DefaultedOptionSpec<number>;
export function durationOption(init: DurationInit): OptionSpec<number>;
export function durationOption({ doc, bounds, example, fallback, variable, defaultValue, moreEnv, ...extra }: DurationInit): OptionSpec<number> {
  const seconds = 'greaterThan' in bounds ? { greaterThan: 0, max: bounds.max / 1000 } : { min: 0, max: bounds.max / 1000 };
  const minSeconds = 'greaterThan' in bounds ? 0.001 : 0;
  return option({
    doc,
    check: numberCheck(bounds),
    expected: describeBounds(bounds, 'milliseconds'),
    example: String(example),
    fallback,
    ...envList(secondsVariable(variable, minSeconds, seconds.max, describeBounds(seconds, 'seconds'), String(example / 1000)), moreEnv),
    ...(defaultValue === undefined ? {} : { defaultValue: () => defaultValue }),
    ...extra,
  });
}

const SECONDS_TO_MS_NOTE = 'seconds converted to milliseconds';

/** A Python SDK alias in seconds for a millisecond option. A value that is not a number is passed on unchanged, so that validation reports it under the new name. */
export function secondsAlias(name: string): LegacyAlias {
  return {
    name,
    note: SECONDS_TO_MS_NOTE,
    convert: (value) => {
      const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return typeof seconds === 'number' && Number.isFinite(seconds) ? seconds * 1000 : value;
    },
  };
}
