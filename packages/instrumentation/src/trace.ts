import type { SpanEventType } from '@honeyhive/utils';
import { specsFromNames } from './argument-keys';
import type { ArgumentNaming } from './argument-keys';
import { parseParamNames } from './param-names';
import { callTraced, newPlan } from './traced-call';
import type { TracePlan } from './traced-call';
import { isTraced, markTraced } from './traced-marker';
import type { AnyFunction, TraceOptions } from './trace-options';

const DEFAULT_EVENT_NAME = 'anonymous';

/** `AsyncFunction.prototype` and friends: a wrapper of such a function takes this prototype too. */
const SPECIAL_FUNCTION_PROTOTYPES: ReadonlySet<unknown> = new Set([
  Object.getPrototypeOf(async function () {}),
  Object.getPrototypeOf(function* () {}),
  Object.getPrototypeOf(async function* () {}),
]);

function functionName(fn: Function): string {
  try {
    const name = fn.name;
    return typeof name === 'string' ? name : '';
  } catch {
    return '';
  }
}

function functionLength(fn: Function): number {
  try {
    const length = fn.length;
    return typeof length === 'number' ? length : 0;
  } catch {
    return 0;
  }
}

function copyOptions(options: TraceOptions | undefined): TraceOptions {
  if (options === null || typeof options !== 'object') return {};
  try {
    return { ...options };
  } catch {
    return {};
  }
}

function namingFor(fn: Function, options: TraceOptions): ArgumentNaming {
  const mapArgs = typeof options.mapArgs === 'function' ? options.mapArgs : undefined;
  const specs = specsFromNames(options.paramNames) ?? parseParamNames(fn);
  return { mapArgs, specs, layouts: [] };
}

function planFor(fn: AnyFunction, given: TraceOptions | undefined): TracePlan {
  const options = copyOptions(given);
  const eventName =
    typeof options.eventName === 'string' && options.eventName !== ''
      ? options.eventName
      : functionName(fn) || DEFAULT_EVENT_NAME;
  return newPlan(fn, options, eventName, namingFor(fn, options));
}

/** Gives `wrapper` the name, length, `prototype` property and prototype chain (`AsyncFunction`, …) of `fn`. */
function copyShape(wrapper: AnyFunction, fn: AnyFunction): void {
  try {
    Object.defineProperty(wrapper, 'name', { value: functionName(fn), configurable: true });
    Object.defineProperty(wrapper, 'length', { value: functionLength(fn), configurable: true });
    const proto = Object.getPrototypeOf(fn) as object | null;
    if (SPECIAL_FUNCTION_PROTOTYPES.has(proto)) Object.setPrototypeOf(wrapper, proto);
    // `instance instanceof wrapper` holds for classes and constructor functions
    const own = Object.getOwnPropertyDescriptor(fn, 'prototype');
    if (own !== undefined && 'value' in own && own.value !== null && typeof own.value === 'object') wrapper.prototype = own.value;
  } catch {
    // cosmetic only
  }
}

/**
 * Wraps `fn` so that every call is traced as one span, named `eventName` (default: the function's name),
 * that is the active span while `fn` runs. Works for sync and async functions, functions returning
 * promises or thenables, generators, async generators and async iterables (the span ends when the
 * stream does). The wrapper keeps `this`, `name`, `length` and the type of `fn`, returns the same value
 * and throws the same error object; `fn` runs exactly once per call even when tracing fails.
 * Arguments land under `honeyhive_inputs.<param>`, the result under `honeyhive_outputs.result`.
 * A function already traced is returned as it is.
 */
export function trace<F extends AnyFunction>(fn: F, options?: TraceOptions): F {
  if (typeof fn !== 'function' || isTraced(fn)) return fn;
  let plan: TracePlan;
  try {
    plan = planFor(fn, options);
  } catch {
    plan = newPlan(fn, {}, DEFAULT_EVENT_NAME, {});
  }
  const traced = function (this: unknown, ...args: unknown[]): unknown {
    const newTarget = new.target === undefined ? undefined : new.target === traced ? fn : new.target;
    return callTraced(plan, this, args, newTarget);
  };
  copyShape(traced, fn);
  markTraced(traced, fn);
  return traced as unknown as F;
}

/**
 * Alias of {@link trace} (the name the Python SDK uses for async functions; `trace` handles both).
 * @alias
 */
export const atrace: typeof trace = trace;

/** {@link trace} with a fixed event type (the options' `eventType` is ignored). */
export function traceWithType<F extends AnyFunction>(eventType: SpanEventType, fn: F, options?: TraceOptions): F {
  return trace(fn, { ...copyOptions(options), eventType });
}
