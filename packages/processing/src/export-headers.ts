import { PACKAGE_NAME, PACKAGE_VERSION } from './package-version';

/** What goes into the export headers. */
export interface ExportHeaderInputs {
  apiKey?: string;
  headers?: Record<string, string>;
  source?: string;
  clientPackage?: string;
  clientVersion?: string;
}

/** Header set that merges case-insensitively: a later `set` replaces an earlier one of any case. */
class HeaderSet {
  private readonly entries = new Map<string, [string, string]>();
  set(name: string, value: unknown): void {
    if (typeof name !== 'string' || name.trim() === '' || typeof value !== 'string') return;
    this.entries.set(name.trim().toLowerCase(), [name.trim(), value]);
  }
  toRecord(lowerCase: boolean): Record<string, string> {
    const record: Record<string, string> = {};
    for (const [lower, [name, value]] of this.entries) record[lowerCase ? lower : name] = value;
    return record;
  }
}

/**
 * The headers of every OTLP export, lowest precedence first: the client identification headers
 * (`hh-client-package`, `hh-client-version`, `hh-client-language: typescript`, `X-Source`, default
 * source `dev`), then the options (`source`, client names, `Authorization: Bearer <apiKey>` — only when a
 * key is given — and `headers`). The caller decides whether the key may go to the endpoint at all (see
 * `apiKeyAllowedFor`).
 */
export function resolveExportHeaders(inputs: ExportHeaderInputs, lowerCase = false): Record<string, string> {
  const headers = new HeaderSet();
  headers.set('hh-client-package', PACKAGE_NAME);
  headers.set('hh-client-version', PACKAGE_VERSION);
  headers.set('hh-client-language', 'typescript');
  headers.set('X-Source', 'dev');

  if (nonEmpty(inputs.source)) headers.set('X-Source', inputs.source.trim());
  if (nonEmpty(inputs.clientPackage)) headers.set('hh-client-package', inputs.clientPackage.trim());
  if (nonEmpty(inputs.clientVersion)) headers.set('hh-client-version', inputs.clientVersion.trim());
  if (nonEmpty(inputs.apiKey)) headers.set('Authorization', `Bearer ${inputs.apiKey.trim()}`);
  for (const [name, value] of Object.entries(inputs.headers ?? {})) headers.set(name, value);
  return headers.toRecord(lowerCase);
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
