import type { EnvSource } from '@honeyhive/utils';
import type { ConfigProblem } from './config-problem';

const COMPRESSION = ['OTEL_EXPORTER_OTLP_TRACES_COMPRESSION', 'OTEL_EXPORTER_OTLP_COMPRESSION'];
const CERTIFICATES = [
  'OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE',
  'OTEL_EXPORTER_OTLP_CERTIFICATE',
  'OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY',
  'OTEL_EXPORTER_OTLP_CLIENT_KEY',
  'OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE',
  'OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE',
];

const set = (env: EnvSource, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

/**
 * The OTLP exporter variables of the OpenTelemetry specification that this tracer's exporters cannot honour:
 * compression (`gzip`; `none` is what they do) and TLS files. Each one set is a problem that says what is done
 * instead, rather than being ignored in silence. The signal-specific compression variable wins, as in the spec.
 */
export function unsupportedOtelVariables(env: EnvSource): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const compression = COMPRESSION.find((name) => set(env, name) !== undefined);
  const value = compression === undefined ? undefined : set(env, compression)?.toLowerCase();
  if (compression !== undefined && value !== 'none') {
    problems.push({
      field: compression,
      source: 'env',
      variable: compression,
      message:
        value === 'gzip'
          ? `${compression}=gzip: this tracer's OTLP exporters do not compress; spans are sent uncompressed`
          : `${compression}='${String(value).slice(0, 40)}' is not an OTLP compression (gzip or none); spans are sent uncompressed`,
      fix: `unset ${compression} or set it to none (a Collector next to the process can compress onward)`,
    });
  }
  for (const name of CERTIFICATES.filter((variable) => set(env, variable) !== undefined)) {
    problems.push({
      field: name,
      source: 'env',
      variable: name,
      message: `${name} is not supported by this tracer's OTLP exporters; it is ignored (the system's trusted certificates are used)`,
      fix: name.includes('CLIENT')
        ? `unset ${name}; for mutual TLS, send to a local OpenTelemetry Collector and let it present the client certificate`
        : `unset ${name} and trust your CA with NODE_EXTRA_CA_CERTS=<file> instead`,
    });
  }
  return problems;
}
