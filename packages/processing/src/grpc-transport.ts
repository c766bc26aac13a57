import { optionalPackageMissing } from './optional-package';

/** The optional package the gRPC transport runs on (a peer dependency of this package, not installed by default). */
export const GRPC_TRANSPORT_PACKAGE = '@grpc/grpc-js';

/**
 * Raised (never thrown into user code: exports fail with it) when `protocol: 'grpc'` is chosen and
 * `@grpc/grpc-js` is not installed. Its message names the package to add.
 */
export class GrpcTransportMissingError extends Error {
  /** The package to install. */
  readonly packageName = GRPC_TRANSPORT_PACKAGE;

  constructor() {
    super(
      `protocol 'grpc' needs the optional package ${GRPC_TRANSPORT_PACKAGE}, which is not installed: ` +
        `run \`npm install ${GRPC_TRANSPORT_PACKAGE}\` (or use http/protobuf); no span is exported until then`,
    );
    this.name = 'GrpcTransportMissingError';
  }
}

/**
 * A {@link GrpcTransportMissingError} when `@grpc/grpc-js` cannot be resolved from this package, else
 * undefined. Only resolves the module: nothing is loaded, so an instrumentation registered later can still
 * patch grpc-js. Any other resolution failure is left to the load, which reports it as it is. Never throws.
 */
export function grpcTransportMissing(): GrpcTransportMissingError | undefined {
  // in a bundle no instrumentation can patch the bundled grpc-js anyway, so loading it early to learn costs nothing
  const missing = optionalPackageMissing(
    GRPC_TRANSPORT_PACKAGE,
    () => require.resolve('@grpc/grpc-js'),
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded here only to learn whether it loads
    () => require('@grpc/grpc-js'),
  );
  return missing ? new GrpcTransportMissingError() : undefined;
}
