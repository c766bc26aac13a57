/**
 * Which methods of a class `traceClass` traces, and how it names them: as the Python SDK's `trace_class` does,
 * every public method the class has (its own, inherited, static), each span named `Class.method`.
 */
import { trace } from './trace';
import type { TraceOptions } from './trace-options';

/** Which methods {@link traceClassMethods} covers besides the class's own prototype methods. */
export interface ClassMethodSelection {
  /** Static methods (own and inherited). */
  statics: boolean;
  /** Prototype methods inherited from parent classes (up to a built-in such as `Object` or `Error`). */
  inherited: boolean;
}

/** Names a function always has, never methods of the class. */
const FUNCTION_OWN_NAMES: ReadonlySet<string> = new Set(['length', 'name', 'prototype', 'caller', 'arguments']);

function isPublicMethodName(name: string): boolean {
  return name !== 'constructor' && !name.startsWith('_') && !name.startsWith('#');
}

function sourceText(fn: Function): string {
  try {
    return Function.prototype.toString.call(fn);
  } catch {
    return '';
  }
}

/** A built-in (`Object`, `Array`, `Error`, `EventTarget`, …): its methods are not the user's to trace. */
function isNative(fn: unknown): boolean {
  return typeof fn !== 'function' || /\{\s*\[native code\]\s*\}\s*$/.test(sourceText(fn));
}

/** A class stored as a static member (`static Inner = class {}`): left alone, it is not a method. */
function isClass(fn: Function): boolean {
  return /^class\b/.test(sourceText(fn));
}

/** The class's own `name` (a data property), or '' (anonymous class, or a static member shadowing it). */
export function className(cls: Function): string {
  try {
    const name = Object.getOwnPropertyDescriptor(cls, 'name')?.value;
    return typeof name === 'string' ? name : '';
  } catch {
    return '';
  }
}

function constructorOf(proto: object): unknown {
  try {
    return Object.getOwnPropertyDescriptor(proto, 'constructor')?.value;
  } catch {
    return undefined;
  }
}

/** `start` and the user-defined objects above it in its prototype chain, nearest first, stopping at `end` or a built-in. */
function userChain(start: object, end: object, ownerOf: (link: object) => unknown): object[] {
  const chain: object[] = [];
  for (let link: object | null = start; link !== null && link !== end && chain.length < 100; link = Object.getPrototypeOf(link) as object | null) {
    if (chain.length > 0 && isNative(ownerOf(link))) break;
    chain.push(link);
  }
  return chain;
}

/**
 * Wraps, on `holder`, every public method found on `chain` (`chain[0]` is `holder` itself; a name is taken from
 * the nearest link that has it), each named `<label>.<name>`. Accessors, non-configurable members, classes and
 * methods already traced are left as they are. Never throws.
 */
function traceMembers(holder: object, chain: readonly object[], label: string, skip: ReadonlySet<string>, shared: TraceOptions): void {
  const seen = new Set<string>();
  for (const link of chain) {
    for (const name of Object.getOwnPropertyNames(link)) {
      if (seen.has(name)) continue;
      seen.add(name);
      if (skip.has(name) || !isPublicMethodName(name)) continue;
      try {
        const descriptor = Object.getOwnPropertyDescriptor(link, name);
        const fn: unknown = descriptor?.value;
        if (descriptor === undefined || typeof fn !== 'function' || descriptor.configurable !== true || isClass(fn)) continue;
        const traced = trace(fn as (...args: unknown[]) => unknown, { ...shared, eventName: label === '' ? name : `${label}.${name}` });
        if (traced === fn) continue; // already traced: keep it (and its name)
        if (link === holder) Object.defineProperty(holder, name, { ...descriptor, value: traced });
        else Object.defineProperty(holder, name, { value: traced, writable: true, enumerable: false, configurable: true });
      } catch {
        // leave this method untraced
      }
    }
  }
}

/**
 * Traces the public methods (names not starting with `_`) of `cls`: its prototype methods, and as `selection`
 * says its inherited and static ones, each span named `<Class>.<method>` (the method alone for an anonymous
 * class). An inherited method is wrapped on `cls` only; the parent class is left unchanged. Never throws.
 */
export function traceClassMethods(cls: Function, shared: TraceOptions, selection: ClassMethodSelection, label = className(cls)): void {
  const proto = (cls as { prototype?: unknown }).prototype;
  if (proto !== null && typeof proto === 'object') {
    const chain = selection.inherited ? userChain(proto, Object.prototype, constructorOf) : [proto];
    traceMembers(proto, chain, label, new Set(['constructor']), shared);
  }
  if (selection.statics) {
    traceMembers(cls, userChain(cls, Function.prototype, (link) => link), label, FUNCTION_OWN_NAMES, shared);
  }
}
