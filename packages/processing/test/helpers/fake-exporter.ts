import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

interface Call {
  spans: ReadableSpan[];
  respond: (result: ExportResult) => void;
}

/** An exporter whose answers the test controls: `auto` answers at once, otherwise calls wait in `calls`. */
export class ControlledExporter implements SpanExporter {
  readonly calls: Call[] = [];
  readonly batches: number[] = [];
  shutdownCalls = 0;
  constructor(public auto: ExportResultCode | 'hold' = ExportResultCode.SUCCESS) {}
  export(spans: ReadableSpan[], respond: (result: ExportResult) => void): void {
    this.batches.push(spans.length);
    if (this.auto === 'hold') this.calls.push({ spans, respond });
    else respond(this.auto === ExportResultCode.SUCCESS ? { code: this.auto } : { code: this.auto, error: new Error('nope') });
  }
  answerAll(code: ExportResultCode = ExportResultCode.SUCCESS): void {
    for (const call of this.calls.splice(0)) call.respond({ code });
  }
  async shutdown(): Promise<void> {
    this.shutdownCalls++;
  }
}

/** A stand-in for an ended span (the batch processor only stores and forwards it). */
export function fakeSpan(name = 'span'): ReadableSpan {
  return { name, resource: { attributes: {} } } as unknown as ReadableSpan;
}

/** Resolves after `ms`. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
