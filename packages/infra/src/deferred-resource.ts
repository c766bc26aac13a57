import type { Attributes } from '@opentelemetry/api';
import type { RawResourceAttribute, Resource } from '@opentelemetry/resources';

/**
 * A `Resource` whose attributes are computed the first time anything reads it (in practice: the first span
 * that ends, or the first export), not when the tracer is built. Detection (environment variables, a few tiny
 * files), host lookups and the merge are then off the constructor's path. The object keeps its identity, so
 * spans of one provider still share one resource. `build` must not throw.
 */
export class DeferredResource implements Resource {
  private built: Resource | undefined;

  constructor(private readonly build: () => Resource) {}

  private get resource(): Resource {
    this.built ??= this.build();
    return this.built;
  }

  get attributes(): Attributes {
    return this.resource.attributes;
  }

  get asyncAttributesPending(): boolean | undefined {
    return this.resource.asyncAttributesPending;
  }

  get schemaUrl(): string | undefined {
    return this.resource.schemaUrl;
  }

  waitForAsyncAttributes(): Promise<void> {
    return this.resource.waitForAsyncAttributes?.() ?? Promise.resolve();
  }

  merge(other: Resource | null): Resource {
    return this.resource.merge(other);
  }

  getRawAttributes(): RawResourceAttribute[] {
    return this.resource.getRawAttributes();
  }

  /** True once the attributes were computed (for tests of the deferral). */
  get isBuilt(): boolean {
    return this.built !== undefined;
  }
}
