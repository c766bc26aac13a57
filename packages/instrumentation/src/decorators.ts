/**
 * Method and class decorators for both TypeScript decorator modes, told apart by their arguments:
 * standard (TC39, `(value, context)`) and legacy `experimentalDecorators` (`(target, key, descriptor)`;
 * a class decorator gets just the constructor).
 */
import { className, traceClassMethods } from './class-methods';
import { trace } from './trace';
import type { AnyFunction, TraceOptions } from './trace-options';

/** A method decorator that works in both TypeScript decorator modes. */
export interface TraceMethodDecorator {
  /** Standard (TC39) decorators. */
  <This, F extends AnyFunction>(value: F, context: ClassMethodDecoratorContext<This, F>): F;
  /** Legacy `experimentalDecorators`. */
  <T>(target: object, propertyKey: string | symbol, descriptor: TypedPropertyDescriptor<T>): TypedPropertyDescriptor<T>;
}

/** Options of `traceClass`: those of `trace()` except the per-function ones, plus which methods to cover. */
export interface TraceClassOptions extends Omit<TraceOptions, 'eventName' | 'paramNames' | 'mapArgs' | 'inputs' | 'outputs'> {
  /** Trace static methods too (own and inherited). Default true, as the Python SDK's `trace_class`. */
  statics?: boolean;
  /**
   * Trace methods inherited from parent classes too (wrapped on this class; the parent is left unchanged), up to a
   * built-in class. Default true, as the Python SDK's `trace_class`. Set it to false for a class that extends a
   * library class (an `EventEmitter`, …) whose methods you do not want as spans.
   */
  inherited?: boolean;
}

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

/**
 * Same as {@link traced}.
 * @alias
 */
export const traceMethod: TracedDecoratorFactory = traced;

function classOptions(options: TraceClassOptions | undefined): { shared: TraceOptions; statics: boolean; inherited: boolean } {
  const { statics, inherited, ...rest } = options ?? {};
  const shared: TraceOptions & { inputs?: unknown; outputs?: unknown } = { ...rest };
  // per-function options make no sense for every method of a class
  delete shared.eventName;
  delete shared.paramNames;
  delete shared.mapArgs;
  delete shared.inputs;
  delete shared.outputs;
  return { shared, statics: statics !== false, inherited: inherited !== false };
}

function decorateClass(options: TraceClassOptions | undefined, args: readonly unknown[]): void {
  const [cls, context] = args;
  if (typeof cls !== 'function') return;
  if (isDecoratorContext(context) && context.kind !== 'class') return;
  try {
    const { shared, statics, inherited } = classOptions(options);
    const label = isDecoratorContext(context) && typeof context.name === 'string' ? context.name : className(cls);
    traceClassMethods(cls, shared, { statics, inherited }, label);
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
 * Traces all public methods of a class, as the Python SDK's `trace_class` does: its prototype methods, the ones it
 * inherits and its static methods (names starting with `_`, the constructor, accessors and `#private` members are
 * left alone), each span named `Class.method`: `@traceClass()` / `@traceClass({ eventType: 'chain' })` / bare
 * `@traceClass`, either decorator mode. `statics: false` / `inherited: false` narrow it. Methods already traced
 * (e.g. by `@traced`) are not traced twice and keep their own name.
 */
export const traceClass: TraceClassDecoratorFactory = ((...args: unknown[]) => {
  if (typeof args[0] === 'function') {
    decorateClass(undefined, args);
    return undefined;
  }
  const options = optionsArgument(args[0]) as TraceClassOptions | undefined;
  return ((...decoratorArgs: unknown[]) => decorateClass(options, decoratorArgs)) as TraceClassDecorator;
}) as TraceClassDecoratorFactory;
