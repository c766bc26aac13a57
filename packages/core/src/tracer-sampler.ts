import type { Context } from '@opentelemetry/api';
import { CountingSampler, SessionRatioSampler } from '@honeyhive/processing';
import type { ResolvedTracerConfig } from './config/resolved-config';

/**
 * The sampler of a tracer's provider, counting its drops: the user's `sampler`, else the session sampler at
 * `sampleRate` (option or `HH_SAMPLE_RATE`), deciding on the session id `sessionOf` resolves (the one the span will
 * be stamped with). Undefined when neither is set: the SDK then applies `OTEL_TRACES_SAMPLER` (default: all).
 */
export function tracerSampler(
  config: Pick<ResolvedTracerConfig, 'sampler' | 'sampleRate'>,
  sessionOf: (parentContext: Context) => string | undefined,
): CountingSampler | undefined {
  if (config.sampler !== undefined) return new CountingSampler(config.sampler);
  if (config.sampleRate === undefined) return undefined;
  return new CountingSampler(new SessionRatioSampler({ rate: config.sampleRate, sessionOf }));
}
