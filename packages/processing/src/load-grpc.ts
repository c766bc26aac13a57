import { GRPC_TRANSPORT_PACKAGE, GrpcTransportMissingError, isModuleNotFound } from './grpc-transport';

type Grpc = typeof import('@grpc/grpc-js');

/**
 * Loads `@grpc/grpc-js` (on first use, so that a gRPC instrumentation registered later can still patch it).
 * Throws {@link GrpcTransportMissingError} when it is not installed, and any other load error as it is.
 */
export function loadGrpc(): Grpc {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('@grpc/grpc-js') as Grpc;
  } catch (error) {
    if (isModuleNotFound(error, GRPC_TRANSPORT_PACKAGE)) throw new GrpcTransportMissingError();
    throw error;
  }
}
