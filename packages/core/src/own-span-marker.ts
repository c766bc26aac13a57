/**
 * Tells a tracer's own spans from another provider's (for `enrichSpan`), at no cost per span: every span
 * an SDK provider starts carries the provider's `Resource` object itself (not a copy), and each tracer
 * builds its own resource, so the resource's identity names the provider. (It used to be a span
 * processor keeping a WeakSet of started spans, which cost a WeakSet insertion on every span.)
 */
export class OwnSpanMarker {
  /** @param resource the resource object given to this tracer's provider, and to no other. */
  constructor(private readonly resource: object) {}

  /** True when `span` was started by the provider this marker belongs to. */
  owns(span: unknown): boolean {
    if (span === null || typeof span !== 'object') return false;
    try {
      return (span as { resource?: unknown }).resource === this.resource;
    } catch {
      return false;
    }
  }
}
