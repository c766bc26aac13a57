/**
 * Own-property overrides on one object (e.g. a per-instance `then`), put back exactly as they were by
 * {@link InstanceHooks.restore}: a property the object did not own is deleted again, one it owned gets its
 * old descriptor back. Never throws.
 */
export class InstanceHooks {
  private readonly saved = new Map<PropertyKey, PropertyDescriptor | undefined>();

  constructor(private readonly target: object) {}

  /** Makes `value` the target's own `key` (same enumerability as before); false when the target refuses. */
  set(key: PropertyKey, value: unknown): boolean {
    try {
      const own = Reflect.getOwnPropertyDescriptor(this.target, key);
      if (own !== undefined && own.configurable !== true) return false;
      const enumerable = own?.enumerable ?? false;
      if (!Reflect.defineProperty(this.target, key, { value, writable: true, configurable: true, enumerable })) return false;
      if (!this.saved.has(key)) this.saved.set(key, own);
      return true;
    } catch {
      return false;
    }
  }

  /** True while at least one override is in place. */
  get active(): boolean {
    return this.saved.size > 0;
  }

  /** Puts every overridden property back. */
  restore(): void {
    for (const [key, own] of this.saved) {
      try {
        if (own === undefined) Reflect.deleteProperty(this.target, key);
        else Reflect.defineProperty(this.target, key, own);
      } catch {
        // leave it; the override only forwards
      }
    }
    this.saved.clear();
  }
}
