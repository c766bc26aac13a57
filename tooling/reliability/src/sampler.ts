/**
 * Samples numbers on a timer (heap in use, a tracer's queue length, …) and keeps the largest value seen.
 * The timer is unref'd and `stop()` clears it, so a sampler never keeps a process or a jest worker alive.
 */
export class PeakSampler {
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly peaks: Record<string, number> = {};
  private samples = 0;

  /**
   * @param probes named functions to sample; a probe that throws is skipped for that tick.
   * @param intervalMs sampling period (default 10 ms).
   */
  constructor(
    private readonly probes: Record<string, () => number>,
    intervalMs = 10,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  /** Takes one sample now (also call it at the moments that matter, e.g. right after a burst). */
  sample(): void {
    this.samples++;
    for (const [name, probe] of Object.entries(this.probes)) {
      try {
        const value = probe();
        if (!(name in this.peaks) || value > this.peaks[name]!) this.peaks[name] = value;
      } catch {
        // a probe failing must not break the measurement of the others
      }
    }
  }

  /** The largest value of each probe so far. */
  peak(name: string): number {
    return this.peaks[name] ?? Number.NaN;
  }

  /** How many samples were taken. */
  get sampleCount(): number {
    return this.samples;
  }

  /** Takes a last sample and stops the timer; returns the peaks. */
  stop(): Record<string, number> {
    this.sample();
    clearInterval(this.timer);
    return { ...this.peaks };
  }
}
