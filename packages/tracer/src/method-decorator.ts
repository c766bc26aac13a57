import type { Context } from '@opentelemetry/api';
import { isTraced, parseParamNames, trace, type AnyFunction, type TraceOptions, type TracerLike } from '@honeyhive/instrumentation';
import { scopedFunction } from './scoped-function';

// `tracer.trace` is both npm honeyhive 1.x's `trace(fn, ...args)` and a method decorator (`@tracer.trace`,
// `@tracer.trace({ ... })`). The call shapes are told apart by their arguments, read without running user code.

/** The own data property `name` of `value` (no getter or proxy trap runs), else undefined. */
function dataOf(value: unknown, name: string): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return undefined;
  try {
    const descriptor = Object.getOwnPropertyDescriptor(value, name);
    return descriptor !== undefined && 'value' in descriptor ? descriptor.value : undefined;
  } catch {
    return undefined;
  }
}

/** `(method, context)` of a standard (TC39) decorator: the context has a `kind`, a `name` and `addInitializer`. */
export function isStandardDecoratorCall(args: readonly unknown[]): boolean {
  if (args.length !== 2 || typeof args[0] !== 'function') return false;
  const context = args[1];
  return typeof dataOf(context, 'kind') === 'string' && typeof dataOf(context, 'addInitializer') === 'function' && dataOf(context, 'name') !== undefined;
}

/** `(target, key, descriptor)` of a legacy `experimentalDecorators` method decorator. */
export function isLegacyDecoratorCall(args: readonly unknown[]): boolean {
  const [target, key, descriptor] = args;
  if (args.length !== 3 || target === null || (typeof target !== 'object' && typeof target !== 'function')) return false;
  if (typeof key !== 'string' && typeof key !== 'symbol') return false;
  if (typeof dataOf(descriptor, 'configurable') !== 'boolean' || typeof dataOf(descriptor, 'enumerable') !== 'boolean') return false;
  try {
    return Reflect.has(target, key);
  } catch {
    return false;
  }
}

function keyName(key: unknown): string | undefined {
  if (typeof key === 'string') return key;
  if (typeof key === 'symbol') return key.description;
  return undefined;
}

/** How the arguments of `method` are named, taken from its own source (the wrapper around it has none). */
function namingOf(method: AnyFunction): Pick<TraceOptions, 'paramNames' | 'mapArgs'> {
  const specs = parseParamNames(method);
  if (specs === undefined) return {};
  if (!specs.some((spec) => spec.rest)) return { paramNames: specs.map((spec) => spec.name ?? '') };
  return {
    mapArgs: (args) => {
      const out: Record<string, unknown> = {};
      specs.forEach((spec, i) => {
        if (i < args.length) out[spec.name ?? `arg${i}`] = spec.rest ? args.slice(i) : args[i];
      });
      return out;
    },
  };
}

/**
 * `method` traced as a span of `tracer` (named `options.eventName`, else the method's name), whose body runs in the
 * tracer's scope (`enter`), so that traced functions called inside use this tracer too.
 */
function tracedMethod(method: AnyFunction, key: unknown, tracer: TracerLike, enter: (active: Context) => Context, options: TraceOptions): AnyFunction {
  if (isTraced(method)) return method; // already traced (by another decorator): left as it is
  const naming = options.paramNames !== undefined || options.mapArgs !== undefined ? {} : namingOf(method);
  const eventName = typeof options.eventName === 'string' && options.eventName !== '' ? options.eventName : keyName(key);
  return trace(scopedFunction(method, enter), { ...naming, ...options, tracer, ...(eventName ? { eventName } : {}) });
}

/**
 * Applies a method decorator call of either mode with `tracer`. Standard: returns the traced method (other element
 * kinds are left alone). Legacy: replaces `descriptor.value` and returns the descriptor (accessors are left alone).
 * Never throws: on any problem the method stays as it was.
 */
export function decorateWithTracer(
  tracer: TracerLike,
  enter: (active: Context) => Context,
  options: TraceOptions,
  args: readonly unknown[],
): unknown {
  try {
    if (isLegacyDecoratorCall(args)) {
      const descriptor = args[2] as PropertyDescriptor;
      if (typeof descriptor.value === 'function') descriptor.value = tracedMethod(descriptor.value, args[1], tracer, enter, options);
      return descriptor;
    }
    if (isStandardDecoratorCall(args)) {
      const context = args[1] as { kind: string; name: unknown };
      return context.kind === 'method' ? tracedMethod(args[0] as AnyFunction, context.name, tracer, enter, options) : undefined;
    }
  } catch {
    // leave the method untraced
  }
  return isLegacyDecoratorCall(args) ? args[2] : undefined;
}
