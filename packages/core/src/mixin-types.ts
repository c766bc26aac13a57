import type { HoneyHiveTracerBase } from './tracer-base';

/** Any class constructor producing `T` (the shape TypeScript mixins take and return). */
export type Constructor<T = object> = new (...args: any[]) => T;

/**
 * What a tracer mixin must accept: a constructor of `HoneyHiveTracerBase` (or a subclass). A plugin adds a
 * capability the way core does:
 *
 * ```ts
 * export function MyMixin<TBase extends TracerBaseConstructor>(Base: TBase): TBase & Constructor<MyCapability> {
 *   return class extends Base implements MyCapability { ... };   // use the base's protected members only
 * }
 * ```
 */
export type TracerBaseConstructor<T extends HoneyHiveTracerBase = HoneyHiveTracerBase> = Constructor<T>;
