// Public API of @honeyhive/local-backend: a HoneyHive-compatible backend on loopback for tests, benchmarks and demos.
export { startLocalBackend } from './backend';
export type { LocalBackend, LocalBackendOptions } from './backend-types';
export type { Faults } from './faults/fault-controller';
export type {
  DelayFault,
  FaultKind,
  FaultProtocol,
  FaultRoute,
  FaultRule,
  FaultScope,
  GarbageFault,
  GrpcRetryHint,
  RefuseFault,
  ResetFault,
  StatusFault,
} from './faults/fault-rule';
export type {
  AttributeValue,
  Attributes,
  OtlpProtocol,
  ReceivedResource,
  ReceivedScope,
  ReceivedSpan,
  ReceivedSpanEvent,
  ReceivedSpanLink,
} from './otlp/received-span';
export type {
  ClientIdentification,
  EventRecord,
  EventUpdate,
  ReceivedRequest,
  RequestProtocol,
  RouteGroup,
  SessionRecord,
} from './records';
export type { SessionTree, SessionTreeNode } from './sessions/tree-types';
export { renderSessionTree } from './sessions/render-session-tree';
export { maskKey } from './auth';
export { TRACE_EXPORT_GRPC_PATH } from './proto/otlp-schema';
