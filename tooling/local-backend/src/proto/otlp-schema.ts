import { Root, parse, type Type } from 'protobufjs';
import { COMMON_PROTO, RESOURCE_PROTO, TRACE_PROTO, TRACE_SERVICE_PROTO } from './otlp-proto-sources';

/** The gRPC method path of OTLP trace export. */
export const TRACE_EXPORT_GRPC_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';

let cached: { request: Type; response: Type } | undefined;

/** The protobufjs types of the OTLP trace export request and response, parsed once on first use. */
export function otlpTraceTypes(): { request: Type; response: Type } {
  if (cached) return cached;
  const root = new Root();
  for (const source of [COMMON_PROTO, RESOURCE_PROTO, TRACE_PROTO, TRACE_SERVICE_PROTO]) {
    parse(source, root, { keepCase: false });
  }
  root.resolveAll();
  cached = {
    request: root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest'),
    response: root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse'),
  };
  return cached;
}
