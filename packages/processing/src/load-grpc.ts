import { GRPC_TRANSPORT_PACKAGE, GrpcTransportMissingError } from './grpc-transport';
import { loadOptionalPackage } from './optional-package';

type Grpc = typeof import('@grpc/grpc-js');

/**
 * Loads `@grpc/grpc-js` (on first use, so that a gRPC instrumentation registered later can still patch it).
 * Throws {@link GrpcTransportMissingError} when it is not installed, and any other load error as it is.
 */
export function loadGrpc(): Grpc {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return loadOptionalPackage(GRPC_TRANSPORT_PACKAGE, () => require('@grpc/grpc-js') as Grpc, () => new GrpcTransportMissingError());
}
