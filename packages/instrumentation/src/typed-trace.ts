import type { SpanEventType } from '@honeyhive/utils';
import { decorateMethod, isLegacyMethodCall, isStandardMethodCall, methodDecorator } from './decorators';
import type { TraceMethodDecorator } from './decorators';
import { traceWithType } from './trace';
import type { AnyFunction, TraceOptions } from './trace-options';

/** `traceModel`/`traceTool`/`traceChain`: a function wrapper, a bare method decorator or a decorator factory. */
export interface TypedTrace {
  /** Bare standard (TC39) method decorator. */
  <This, F extends AnyFunction>(value: F, context: ClassMethodDecoratorContext<This, F>): F;
  /** Bare legacy (`experimentalDecorators`) method decorator. */
  <T>(target: object, propertyKey: string | symbol, descriptor: TypedPropertyDescriptor<T>): TypedPropertyDescriptor<T>;
  /** Wraps a function, like `trace(fn, options)`. */
  <F extends AnyFunction>(fn: F, options?: TraceOptions): F;
  /** A method decorator with these options. */
  (options?: TraceOptions): TraceMethodDecorator;
}

function typedTrace(eventType: SpanEventType): TypedTrace {
  return ((...args: unknown[]) => {
    if (isLegacyMethodCall(args) || isStandardMethodCall(args)) return decorateMethod({ eventType }, args);
    if (typeof args[0] === 'function') return traceWithType(eventType, args[0] as AnyFunction, args[1] as TraceOptions);
    const given = args[0] !== null && typeof args[0] === 'object' ? (args[0] as TraceOptions) : {};
    return methodDecorator({ ...given, eventType });
  }) as TypedTrace;
}

/** `trace()` with `eventType: 'model'`; also a method decorator (`@traceModel()`). */
export const traceModel: TypedTrace = typedTrace('model');
/** `trace()` with `eventType: 'tool'`; also a method decorator (`@traceTool()`). */
export const traceTool: TypedTrace = typedTrace('tool');
/** `trace()` with `eventType: 'chain'`; also a method decorator (`@traceChain()`). */
export const traceChain: TypedTrace = typedTrace('chain');
