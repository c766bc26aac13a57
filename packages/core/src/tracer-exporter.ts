import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { createOtlpExporter, DeferredExporter, FailingExporter, grpcTransportMissing, type CreatedOtlpExporter, type OtlpExporterOptions } from '@honeyhive/processing';
import { errorMessage, type Logger } from '@honeyhive/utils';
import type { ConfigProblem } from './config/config-problem';
import type { TracerMode } from './config/resolve-tracer-config';
import type { ResolvedTracerConfig } from './config/resolved-config';
import { CLIENT_PACKAGE, TRACER_VERSION } from './version';
import { cleartextCredentialWarnings } from './credential-scope';
import { firstTimeInProcess } from './said-once';

/** What {@link createTracerExporter} chose. */
export interface TracerExporter {
  exporter: SpanExporter;
  /** Set in test mode: where the spans are kept. */
  testExporter?: InMemorySpanExporter;
  /** Where spans go (`memory` in test mode, `none` when degraded or the transport is missing). */
  url: string;
  /** True when the exporter sends nothing for a reason the configuration already logged once: its failures stay quiet. */
  explained?: boolean;
}

function degradedReason(problems: readonly ConfigProblem[]): string {
  if (problems.some((problem) => problem.field === 'apiKey')) return 'no API key (set HH_API_KEY or pass apiKey)';
  const endpoint = problems.find((problem) => problem.field === 'serverUrl' || problem.field === 'otlpEndpoint');
  return endpoint === undefined
    ? 'the tracer is degraded by a configuration problem'
    : `${endpoint.field} is not a usable http(s) URL`;
}

/**
 * The exporter of one tracer: an in-memory exporter in test mode (no network), a {@link FailingExporter}
 * when degraded (it sends nothing, so no request goes out without credentials), else the OTLP exporter for the configured protocol and endpoint. The environment was
 * already read by the configuration; the processing layer reads none.
 */
export function createTracerExporter(
  config: ResolvedTracerConfig,
  mode: TracerMode,
  problems: readonly ConfigProblem[],
  exportTimeoutMs: number,
  logger: Logger,
): TracerExporter {
  if (config.testMode) {
    const testExporter = new InMemorySpanExporter();
    return { exporter: testExporter, testExporter, url: 'memory' };
  }
  if (mode !== 'active') return { exporter: new FailingExporter(new Error(`spans not exported: ${degradedReason(problems)}`)), url: 'none' };
  if (!config.otlpEnabled) {
    logger.debug('HoneyHive: otlpEnabled is false: no span is exported (each is counted as failed); session and event calls still work');
    return { exporter: new FailingExporter(new Error('spans not exported: otlpEnabled is false')), url: 'none', explained: true };
  }
  // grpc without the optional @grpc/grpc-js: the configuration said so once (a problem); every export fails at once
  const missingTransport = config.otlpProtocol === 'grpc' ? grpcTransportMissing() : undefined;
  if (missingTransport !== undefined) return { exporter: new FailingExporter(missingTransport), url: 'none', explained: true };
  const options: OtlpExporterOptions = {
    protocol: config.otlpProtocol,
    serverUrl: config.serverUrl,
    endpoint: config.otlpEndpoint,
    apiKey: config.apiKey,
    headers: config.otlpHeaders === undefined ? undefined : { ...config.otlpHeaders },
    timeoutMs: exportTimeoutMs,
    source: config.source,
    clientPackage: CLIENT_PACKAGE,
    clientVersion: TRACER_VERSION,
    logger,
  };
  if (config.otlpEndpoint === undefined) return deferredHoneyHiveExporter(config, options, logger);
  const created = createOtlpExporter(options);
  logProblems(created, logger);
  if (created.apiKeyWithheld) {
    logger.debug(
      `HoneyHive: the API key is not sent to the OTLP endpoint ${created.url} (it goes only to the origin of serverUrl); ` +
        'pass otlpHeaders if that endpoint needs credentials',
    );
  }
  for (const line of cleartextCredentialWarnings(config, created.url, created.apiKeyWithheld)) {
    if (firstTimeInProcess(line)) logger.warn(line);
  }
  return { exporter: created.exporter, url: created.url };
}

function logProblems(created: CreatedOtlpExporter, logger: Logger): void {
  for (const problem of created.problems) logger.warn(`HoneyHive exporter: ${problem.message}`);
}

/**
 * The exporter to HoneyHive's own endpoint (no `otlpEndpoint`), built on the first export rather than in the
 * tracer's constructor. Nothing about it needs saying before then: the endpoint is on the origin of the
 * (validated) `serverUrl`, so the API key is never withheld, and the only possible warning, a key sent over plain
 * http, depends on that origin alone and is said now.
 */
function deferredHoneyHiveExporter(config: ResolvedTracerConfig, options: OtlpExporterOptions, logger: Logger): TracerExporter {
  let created: CreatedOtlpExporter | undefined;
  const build = (): CreatedOtlpExporter => {
    if (created === undefined) {
      created = createOtlpExporter(options);
      logProblems(created, logger);
    }
    return created;
  };
  for (const line of cleartextCredentialWarnings(config, config.serverUrl, false)) {
    if (firstTimeInProcess(line)) logger.warn(line);
  }
  // createOtlpExporter never throws; should it anyway, the exports fail (counted) rather than the export path
  const buildExporter = (): SpanExporter => {
    try {
      return build().exporter;
    } catch (error) {
      logger.warn(`HoneyHive exporter: could not create the exporter: ${errorMessage(error)}`);
      return new FailingExporter(error instanceof Error ? error : new Error(errorMessage(error)));
    }
  };
  return {
    exporter: new DeferredExporter(buildExporter),
    get url() {
      return build().url;
    },
  };
}
