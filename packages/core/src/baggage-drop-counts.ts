import type { BaggageDrops } from '@honeyhive/processing';

/** Baggage list members a tracer left out, by direction and reason (`tracer.stats().baggageDropped`). */
export interface BaggageDropStats {
  /** Incoming members `extract()` / `withDistributedContext()` did not read. */
  extract: BaggageDrops;
  /** Outgoing members `inject()` and HTTP propagation did not write. */
  inject: BaggageDrops;
}

const zero = (): BaggageDrops => ({ invalid: 0, overLimit: 0, duplicate: 0 });

/** Adds up baggage drops (W3C Baggage limits and grammar): counted, never thrown. */
export class BaggageDropCounts {
  private readonly counts: BaggageDropStats = { extract: zero(), inject: zero() };

  add(direction: keyof BaggageDropStats, drops: BaggageDrops | undefined): void {
    if (drops === undefined) return;
    const total = this.counts[direction];
    total.invalid += drops.invalid;
    total.overLimit += drops.overLimit;
    total.duplicate += drops.duplicate;
  }

  snapshot(): BaggageDropStats {
    return { extract: { ...this.counts.extract }, inject: { ...this.counts.inject } };
  }
}
