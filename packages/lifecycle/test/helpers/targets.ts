import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { FlushTarget } from '../../src';

/** A FlushTarget that counts calls and whose flush/shutdown settle when the test says so. */
export class ControlledTarget implements FlushTarget {
  flushCalls = 0;
  shutdownCalls = 0;
  readonly calls: string[] = [];
  private pendingFlushes: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];

  constructor(private readonly mode: 'manual' | 'resolve' | 'reject' | 'throw' | 'hang' = 'manual') {}

  forceFlush(): Promise<void> {
    this.flushCalls += 1;
    this.calls.push('forceFlush');
    if (this.mode === 'throw') throw new Error('flush threw');
    if (this.mode === 'reject') return Promise.reject(new Error('flush rejected'));
    if (this.mode === 'resolve') return Promise.resolve();
    return new Promise((resolve, reject) => {
      if (this.mode === 'manual') this.pendingFlushes.push({ resolve, reject });
    });
  }

  shutdown(): Promise<void> {
    this.shutdownCalls += 1;
    this.calls.push('shutdown');
    if (this.mode === 'reject' || this.mode === 'throw') return Promise.reject(new Error('shutdown failed'));
    if (this.mode === 'hang') return new Promise(() => undefined);
    return Promise.resolve();
  }

  /** Resolves every pending manual flush. */
  completeFlushes(): void {
    for (const pending of this.pendingFlushes.splice(0)) pending.resolve();
  }

  /** Resolves the oldest pending manual flush only. */
  completeOldestFlush(): void {
    this.pendingFlushes.shift()?.resolve();
  }

  /** Manual flushes not completed yet. */
  get pendingFlushCount(): number {
    return this.pendingFlushes.length;
  }
}

/** Records exported span names; unlike InMemorySpanExporter its record survives shutdown. */
export class RecordingExporter implements SpanExporter {
  readonly names: string[] = [];
  exportCalls = 0;

  export(spans: ReadableSpan[], resultCallback: Parameters<SpanExporter['export']>[1]): void {
    this.exportCalls += 1;
    this.names.push(...spans.map((span) => span.name));
    resultCallback({ code: 0 /* ExportResultCode.SUCCESS */ });
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
