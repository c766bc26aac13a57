/**
 * Method and class decorators for both TypeScript decorator modes, told apart by their arguments:
 * standard (TC39, `(value, context)`) and legacy `experimentalDecorators` (`(target, key, descriptor)`;
 * a class decorator gets just the constructor).
 */
import { trace } from './trace';
import type { AnyFunction, TraceOptions } from './trace-options';

/** A method decorator that works in both TypeScript decorator modes. */
export interface TraceMethodDecorator {
  /** Standard (TC39) decorators. */
  <This, F extends AnyFunction>(value: F, context: ClassMethodDecoratorContext<This, F>): F;
  /** Legacy `experimentalDecorators`. */
  <T>(target: object, propertyKey: string | symbol, descriptor: TypedPropertyDescriptor<T>): TypedPropertyDescriptor<T>;
}

/** Options of `traceClass`: those of `trace()` except the per-function naming ones. */
export type TraceClassOptions = Omit<TraceOptions, 'eventName' | 'paramNames' | 'mapArgs'>;

/** A class decorator that works in both TypeScript decorator modes. */
export type TraceClassDecorator = <C extends abstract new (...args: any[]) => unknown>(
  value: C,
  context?: ClassDecoratorContext<C>,
) => void;

interface DecoratorContextLike {
  kind: string;
  name: unknown;
}

function isDecoratorContext(value: unknown): value is DecoratorContextLike {
  return value !== null && typeof value === 'object' && typeof (value as { kind?: unknown }).kind === 'string' && 'name' in value;
}

/** `(target, key, descriptor)` of a legacy method decorator. */
export function isLegacyMethodCall(args: readonly unknown[]): boolean {
  const [target, key, descriptor] = args;
  return (
    args.length === 3 &&
    target !== null &&
    (typeof target === 'object' || typeof target === 'function') &&
    (typeof key === 'string' || typeof key === 'symbol') &&
    descriptor !== null &&
    typeof descriptor === 'object'
  );
}

/** `(method, context)` of a standard method decorator. */
export function isStandardMethodCall(args: readonly unknown[]): boolean {
  return typeof args[0] === 'function' && isDecoratorContext(args[1]);
}

function keyName(key: unknown): string | undefined {
  if (typeof key === 'string') return key;
  if (typeof key === 'symbol') return key.description;
  return undefined;
}

function named(options: TraceOptions | undefined, key: unknown): TraceOptions {
  const given = options ?? {};
  if (typeof given.eventName === 'string' && given.eventName !== '') return given;
  const name = keyName(key);
  return name === undefined || name === '' ? given : { ...given, eventName: name };
}

/**
 * Applies a method decorator call in either mode. Standard: returns the traced method (other element
 * kinds are left alone). Legacy: replaces `descriptor.value` and returns the descriptor (accessors are
 * left alone). Never throws: on any problem the method stays as it was.
 */
export function decorateMethod(options: TraceOptions | undefined, args: readonly unknown[]): unknown {
  try {
    if (isLegacyMethodCall(args)) {
      const descriptor = args[2] as PropertyDescriptor;
      if (typeof descriptor.value === 'function') descriptor.value = trace(descriptor.value, named(options, args[1]));
      return descriptor;
    }
    if (isStandardMethodCall(args)) {
      const context = args[1] as DecoratorContextLike;
      return context.kind === 'method' ? trace(args[0] as AnyFunction, named(options, context.name)) : undefined;
    }
  } catch {
    // leave the method untraced
  }
  return isLegacyMethodCall(args) ? args[2] : undefined;
}

/** A decorator that applies `options` (the factory form, `@traced({...})`). */
export function methodDecorator(options: TraceOptions | undefined): TraceMethodDecorator {
  return ((...args: unknown[]) => decorateMethod(options, args)) as TraceMethodDecorator;
}

/** `traced`'s overloads: a bare decorator in either mode, or a factory taking options. */
export interface TracedDecoratorFactory extends TraceMethodDecorator {
  /** A method decorator with these options. */
  (options?: TraceOptions): TraceMethodDecorator;
}

function optionsArgument(value: unknown): TraceOptions | undefined {
  return value !== null && typeof value === 'object' ? (value as TraceOptions) : undefined;
}

/**
 * Traces a method: `@traced()` / `@traced({ eventType: 'tool' })`, or bare `@traced`, with standard or
 * legacy (`experimentalDecorators`) decorators. The event name defaults to the method's name.
 */
export const traced: TracedDecoratorFactory = ((...args: unknown[]) => {
  if (isLegacyMethodCall(args) || isStandardMethodCall(args)) return decorateMethod(undefined, args);
  return methodDecorator(optionsArgument(args[0]));
}) as TracedDecoratorFactory;

/** Same as {@link traced}. */
export const traceMethod: TracedDecoratorFactory = traced;

function isPublicMethodName(name: string): boolean {
  return name !== 'constructor' && !name.startsWith('_') && !name.startsWith('#');
}

/** Traces every public method defined on `cls.prototype` (accessors, `_`-prefixed and inherited ones excluded). */
function traceClassMethods(cls: Function, options: TraceClassOptions | undefined): void {
  const proto = (cls as { prototype?: unknown }).prototype;
  if (proto === null || typeof proto !== 'object') return;
  const shared: TraceOptions = { ...(options ?? {}) };
  delete shared.paramNames;
  delete shared.mapArgs;
  for (const name of Object.getOwnPropertyNames(proto)) {
    try {
      if (!isPublicMethodName(name)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (descriptor === undefined || typeof descriptor.value !== 'function' || descriptor.configurable !== true) continue;
      Object.defineProperty(proto, name, { ...descriptor, value: trace(descriptor.value, { ...shared, eventName: name }) });
    } catch {
      // leave this method untraced
    }
  }
}

function decorateClass(options: TraceClassOptions | undefined, args: readonly unknown[]): void {
  const [cls, context] = args;
  if (typeof cls !== 'function') return;
  if (isDecoratorContext(context) && context.kind !== 'class') return;
  try {
    traceClassMethods(cls, options);
  } catch {
    // leave the class untraced
  }
}

/** `traceClass`'s overloads: a bare class decorator in either mode, or a factory taking options. */
export interface TraceClassDecoratorFactory {
  /** Bare `@traceClass` (either mode) or a direct call `traceClass(MyClass)`. */
  <C extends abstract new (...args: any[]) => unknown>(value: C, context?: ClassDecoratorContext<C>): void;
  /** A class decorator with these options. */
  (options?: TraceClassOptions): TraceClassDecorator;
}

/**
 * Traces all public methods of a class (prototype methods whose names do not start with `_`; not the
 * constructor, accessors, static or inherited methods), each named after the method:
 * `@traceClass()` / `@traceClass({ eventType: 'chain' })` / bare `@traceClass`, either decorator mode.
 * Methods already traced (e.g. by `@traced`) are not traced twice.
 */
export const traceClass: TraceClassDecoratorFactory = ((...args: unknown[]) => {
  if (typeof args[0] === 'function') {
    decorateClass(undefined, args);
    return undefined;
  }
  const options = optionsArgument(args[0]) as TraceClassOptions | undefined;
  return ((...decoratorArgs: unknown[]) => decorateClass(options, decoratorArgs)) as TraceClassDecorator;
}) as TraceClassDecoratorFactory;
