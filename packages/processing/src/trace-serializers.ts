import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { protobufTraceSerializer } from './protobuf-trace-serializer';

/** What the exporters use of an OTLP trace serializer. */
export interface TraceSerializer {
  serializeRequest(spans: ReadableSpan[]): Uint8Array | undefined;
}

/**
 * The OTLP trace serializer of an encoding: OpenTelemetry's JSON serializer, or for protobuf ours, which writes
 * the bytes of OpenTelemetry's `ProtobufTraceSerializer` with its building blocks (protobuf-trace-serializer.ts).
 * Both are loaded on first use from the package's trace and common files only. The package root also loads the
 * metrics and logs serializers and, through them, the whole metrics SDK (about 90 modules and 2–3 MiB of memory)
 * that a tracer never uses; bundlers follow these paths too, so a bundle leaves that code out. The version range
 * of `@opentelemetry/otlp-transformer` is pinned to one minor (0.x), whose file layout is fixed; tests check these
 * entries against the root's exports and the protobuf bytes against the root's serializer.
 */
export function traceSerializer(encoding: 'protobuf' | 'json'): TraceSerializer {
  if (encoding === 'json') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('@opentelemetry/otlp-transformer/build/src/trace/json') as { JsonTraceSerializer: TraceSerializer })
      .JsonTraceSerializer;
  }
  // the same bytes as OpenTelemetry's ProtobufTraceSerializer, built from the same files (see protobuf-trace-serializer.ts)
  return protobufTraceSerializer;
}
