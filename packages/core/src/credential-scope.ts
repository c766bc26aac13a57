import { sendsInClear } from '@honeyhive/processing';
import { isSecretLikeKey } from '@honeyhive/utils';
import type { ResolvedTracerConfig } from './config/resolved-config';

function present(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** The OTLP headers of `config` whose names look secret (`Authorization`, `x-api-key`, …). */
function secretHeaderValues(config: ResolvedTracerConfig): string[] {
  return Object.entries(config.otlpHeaders ?? {})
    .filter(([name, value]) => isSecretLikeKey(name) && present(value))
    .map(([, value]) => value.trim());
}

/**
 * The secret strings of a configuration, to remove from every log line and every error handed to `onError`:
 * the API key, and the values of secret-looking OTLP headers (with their token alone, `Bearer <token>` → `<token>`).
 */
export function configuredSecrets(config: ResolvedTracerConfig): string[] {
  const secrets = new Set<string>();
  if (present(config.apiKey)) secrets.add(config.apiKey);
  for (const value of secretHeaderValues(config)) {
    secrets.add(value);
    const token = /^\S+\s+(\S.*)$/.exec(value)?.[1];
    if (token !== undefined) secrets.add(token);
  }
  return [...secrets];
}

/**
 * The warnings for credentials this configuration would send unencrypted: plain `http://` (or an insecure gRPC
 * channel) to a host that is not this machine. The API key goes to `serverUrl` (sessions, events) and to the
 * export endpoint when it is on the same origin; secret-looking `otlpHeaders` go to the export endpoint.
 * Loopback (localhost, 127.0.0.0/8, ::1) is never warned about. Nothing is connected to.
 * @param exportUrl where spans go; @param apiKeyWithheld true when the key is not sent there.
 */
export function cleartextCredentialWarnings(config: ResolvedTracerConfig, exportUrl: string, apiKeyWithheld: boolean): string[] {
  const lines: string[] = [];
  const hasKey = present(config.apiKey);
  const fix = 'use https (plain http is meant for localhost only)';
  if (hasKey && sendsInClear(config.serverUrl)) {
    lines.push(`HoneyHive: serverUrl ${originOf(config.serverUrl)} is plain http to a host that is not this machine: the API key travels unencrypted; ${fix}`);
  }
  const exportGetsKey = hasKey && !apiKeyWithheld;
  const alreadySaid = lines.length > 0 && originOf(exportUrl) === originOf(config.serverUrl);
  if (!alreadySaid && sendsInClear(exportUrl) && (exportGetsKey || secretHeaderValues(config).length > 0)) {
    const what = exportGetsKey ? 'the API key travels' : 'the credentials in otlpHeaders travel';
    lines.push(`HoneyHive: the OTLP endpoint ${originOf(exportUrl)} is plain http to a host that is not this machine: ${what} unencrypted; ${fix}`);
  }
  return lines;
}
