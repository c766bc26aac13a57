import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/** What the exporters use of an OTLP trace serializer. */
export interface TraceSerializer {
  serializeRequest(spans: ReadableSpan[]): Uint8Array | undefined;
}

/**
 * OpenTelemetry's OTLP trace serializer of an encoding, loaded on first use from the package's trace entries
 * only. The package root also loads the metrics and logs serializers and, through them, the whole metrics SDK
 * (about 90 modules and 2–3 MiB of memory) that a tracer never uses; bundlers follow these paths too, so a
 * bundle leaves that code out. The version range of `@opentelemetry/otlp-transformer` is pinned to one minor
 * (0.x), whose file layout is fixed; a test checks these entries against the root's exports.
 */
export function traceSerializer(encoding: 'protobuf' | 'json'): TraceSerializer {
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (encoding === 'json') {
    return (require('@opentelemetry/otlp-transformer/build/src/trace/json') as { JsonTraceSerializer: TraceSerializer })
      .JsonTraceSerializer;
  }
  return (require('@opentelemetry/otlp-transformer/build/src/trace/protobuf') as { ProtobufTraceSerializer: TraceSerializer })
    .ProtobufTraceSerializer;
  /* eslint-enable @typescript-eslint/no-require-imports */
}
