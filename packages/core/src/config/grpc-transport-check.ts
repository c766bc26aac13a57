import { GRPC_TRANSPORT_PACKAGE, grpcTransportMissing } from '@honeyhive/processing';
import type { EnvSource } from '@honeyhive/utils';
import type { ConfigProblem, ConfigSource } from './config-problem';
import { protocolVariable } from './protocol-variable';

/**
 * The gRPC encoding runs on `@grpc/grpc-js`, an optional peer dependency that a default install does not bring.
 * When `grpc` is chosen and it is not installed, one problem says which package to add (with `strict: true` that
 * throws); the tracer keeps running and every span is counted as failed. Only resolves the module: nothing is loaded.
 */
export function checkGrpcTransport(
  values: Record<string, unknown>,
  sources: Record<string, ConfigSource>,
  env: EnvSource,
): ConfigProblem | undefined {
  if (values.otlpProtocol !== 'grpc' || values.testMode === true || values.disableTracing === true) return undefined;
  if (grpcTransportMissing() === undefined) return undefined;
  const fromEnv = sources.otlpProtocol === 'env';
  const variable = fromEnv ? protocolVariable(env) : undefined;
  return {
    field: 'otlpProtocol',
    source: sources.otlpProtocol ?? 'default',
    ...(variable === undefined ? {} : { variable }),
    message:
      `otlpProtocol${variable ? ` (${variable})` : ''} 'grpc' needs the optional package ${GRPC_TRANSPORT_PACKAGE}, which is not installed; ` +
      'no span is exported (each is counted as failed in stats())',
    fix: `run \`npm install ${GRPC_TRANSPORT_PACKAGE}\`, or use otlpProtocol http/protobuf`,
  };
}
