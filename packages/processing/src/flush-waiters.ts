/**
 * Callers of `forceFlush()` waiting for a level of progress (spans settled, or a sequence number every
 * earlier span has passed) to be reached.
 */
export class FlushWaiters {
  private readonly waiting: Array<{ target: number; resolve: () => void }> = [];

  /** Resolves once {@link settle} is called with a level of at least `target`. */
  wait(target: number): Promise<void> {
    return new Promise<void>((resolve) => this.waiting.push({ target, resolve }));
  }

  /** Whether anyone waits. */
  get empty(): boolean {
    return this.waiting.length === 0;
  }

  /** Resolves every waiter whose target `level` reaches. */
  settle(level: number): void {
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      const waiter = this.waiting[i]!;
      if (level >= waiter.target) {
        this.waiting.splice(i, 1);
        waiter.resolve();
      }
    }
  }
}
