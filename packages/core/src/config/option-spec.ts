import type { EnvVariable } from './env-variables';
import type { ValueCheck } from './value-checks';

/** A legacy spelling of an option (Python SDK snake_case, npm honeyhive 1.x), with a unit conversion when needed. */
export interface LegacyAlias {
  readonly name: string;
  /** Converts the value, e.g. seconds to milliseconds. A value it cannot convert is passed on unchanged. */
  readonly convert?: (value: unknown) => unknown;
  /** Said in the deprecation notice, e.g. `seconds converted to milliseconds`. */
  readonly note?: string;
}

/** Everything about one tracer option: one row of `OPTION_TABLE`. `T` is the type of its resolved value. */
export interface OptionSpec<T> {
  /** One line for the configuration reference (docs/configuration.md). */
  readonly doc: string;
  /** Validates and normalizes a value given in code (or, for most variables, read from the environment). */
  readonly check: ValueCheck<T>;
  /** What a valid value looks like, for the fix, e.g. `an integer from 1 to 100000`. */
  readonly expected: string;
  readonly example?: string;
  /** Other names accepted for it in options (each use is a deprecation notice); the option's own name wins a clash. */
  readonly aliases?: readonly (string | LegacyAlias)[];
  /** Environment variables in precedence order: the first one set decides. Read only when no option gives a value. */
  readonly env?: readonly EnvVariable<T>[];
  /** The value when nothing valid is given. Without one the resolved value is `undefined` ("not set"). */
  readonly defaultValue?: () => T;
  /** What is used when the value is missing or invalid, for messages and docs, e.g. `the default 1024`. */
  readonly fallback: string;
  /** Never show the value. */
  readonly secret?: boolean;
  /** An invalid value switches the tracer to degraded mode instead of falling back. */
  readonly degradeOnInvalid?: boolean;
  /** Also accepted inside this grouping option (`session: { sessionName }`); a flat field wins. */
  readonly group?: 'session' | 'evaluation';
}

/** An option with a default: its resolved value is never undefined. */
export type DefaultedOptionSpec<T> = OptionSpec<T> & { readonly defaultValue: () => T };

/** The resolved value type of an option: `T`, or `T | undefined` when it has no default. */
export type ResolvedValueOf<S> = S extends DefaultedOptionSpec<infer T> ? T : S extends OptionSpec<infer T> ? T | undefined : never;

/** The value type an option's check produces. */
export type CheckedValueOf<S> = S extends OptionSpec<infer T> ? T : never;

/** Declares one option. Typed so that its check, variables and default agree on one value type. */
export function option<T>(spec: DefaultedOptionSpec<T>): DefaultedOptionSpec<T>;
export function option<T>(spec: OptionSpec<T>): OptionSpec<T>;
export function option<T>(spec: OptionSpec<T>): OptionSpec<T> {
  return Object.freeze(spec);
}

/** The alias's name and, when the value is converted, how. */
export function aliasParts(alias: string | LegacyAlias): LegacyAlias {
  return typeof alias === 'string' ? { name: alias } : alias;
}
