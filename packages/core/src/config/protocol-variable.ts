import type { EnvSource } from '@honeyhive/utils';
import { HH_ENV, OTEL_ENV } from './defaults';

/** The protocol variable that decided `otlpProtocol` (the first one set, in the table's order), for messages. */
export function protocolVariable(env: EnvSource): string | undefined {
  return [HH_ENV.OTLP_PROTOCOL, OTEL_ENV.TRACES_PROTOCOL, OTEL_ENV.PROTOCOL].find((name) => (env[name] ?? '').trim() !== '');
}
