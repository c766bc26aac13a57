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
 * True when `error` says that `request` itself cannot be found (Node's `MODULE_NOT_FOUND`, whose message
 * starts with `Cannot find module '<request>'`), not a module that `request` needs, nor any other load error.
 */
export function isModuleNotFound(error: unknown, request: string): boolean {
  if (error === null || typeof error !== 'object') return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') return false;
  return typeof message === 'string' && message.startsWith(`Cannot find module '${request}'`);
}

/**
 * A {@link GrpcTransportMissingError} when `@grpc/grpc-js` cannot be resolved from this package, else
 * undefined. Only resolves the module: nothing is loaded, so an instrumentation registered later can still
 * patch grpc-js. Any other resolution failure is left to the load, which reports it as it is. Never throws.
 */
export function grpcTransportMissing(): GrpcTransportMissingError | undefined {
  try {
    // a literal, so that bundlers see the (optional) dependency
    require.resolve('@grpc/grpc-js');
    return undefined;
  } catch (error) {
    if (!isModuleNotFound(error, GRPC_TRANSPORT_PACKAGE)) return undefined;
  }
  // A bundle (esbuild, webpack) carries grpc-js inside itself, where `require.resolve` looks for it in node_modules
  // and fails: only loading it tells. Unbundled, this load fails the same way (nothing is loaded); in a bundle no
  // instrumentation can patch the bundled grpc-js anyway, so loading it early costs nothing.
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded here only to learn whether it loads
    require('@grpc/grpc-js');
    return undefined;
  } catch (error) {
    return isModuleNotFound(error, GRPC_TRANSPORT_PACKAGE) ? new GrpcTransportMissingError() : undefined;
  }
}
