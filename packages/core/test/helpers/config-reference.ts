import { HH_ENV, OTEL_ENV } from '../../src/config/defaults';
import { aliasParts } from '../../src/config/option-spec';
import type { OptionSpec } from '../../src/config/option-spec';
import { OPTION_NAMES, OPTION_TABLE } from '../../src/config/option-table';

/** The command that rewrites docs/configuration.md from the option table. */
export const REGENERATE_COMMAND = 'cd packages/core && npm run docs:config';

const code = (text: string) => `\`${text}\``;

function defaultText(spec: OptionSpec<unknown>): string {
  // `the default 1024` → `1024`; `the default logger` stays words
  const value = /^the default ('.*'|\d.*|https?:\/\/\S+|http\/\S+|true|false)$/.exec(spec.fallback)?.[1];
  return value === undefined ? spec.fallback : code(value);
}

function environmentText(spec: OptionSpec<unknown>): string | undefined {
  if (spec.env === undefined || spec.env.length === 0) return undefined;
  const variables = spec.env.map((variable) => `${code(variable.name)}${variable.expected === undefined ? '' : ` (${variable.expected})`}`);
  return spec.env.length === 1 ? (variables[0] as string) : `${variables.join(', else ')} (the first one set is used)`;
}

function aliasText(spec: OptionSpec<unknown>): string | undefined {
  if (spec.aliases === undefined || spec.aliases.length === 0) return undefined;
  return spec.aliases
    .map(aliasParts)
    .map(({ name, note }) => `${code(name)}${note === undefined ? '' : ` (${note})`}`)
    .join(', ');
}

function section(name: string, spec: OptionSpec<unknown>): string {
  const lines = [`### ${code(name)}`, '', spec.doc, '', `- Accepts: ${spec.expected}${spec.example === undefined ? '' : `, e.g. ${code(spec.example)}`}`];
  lines.push(`- Default: ${defaultText(spec)}`);
  const environment = environmentText(spec);
  if (environment !== undefined) lines.push(`- Environment: ${environment}`);
  if (spec.group !== undefined) lines.push(`- Also accepted inside ${code(spec.group)} (the flat field wins)`);
  const aliases = aliasText(spec);
  if (aliases !== undefined) lines.push(`- Legacy names (accepted, with a deprecation notice in verbose mode): ${aliases}`);
  if (spec.degradeOnInvalid) lines.push('- An invalid value makes the tracer a no-op (degraded) instead of falling back.');
  if (spec.secret) lines.push('- Never shown in logs or messages.');
  return lines.join('\n');
}

/** Python SDK options spelled as in TypeScript (so they have no alias). */
const PYTHON_SAME_NAME = new Set(['project', 'source', 'verbose', 'inputs', 'metadata']);

/** A Python SDK name: an all-lower-case alias (the camelCase ones, `serverURL`, `bearerAuth`, are npm honeyhive 1.x's). */
function pythonNamesOf(name: string, spec: OptionSpec<unknown>): string[] {
  const aliases = (spec.aliases ?? []).map(aliasParts).filter((alias) => alias.name === alias.name.toLowerCase());
  const names = aliases.map((alias) => `${code(alias.name)}${alias.note === undefined ? '' : ` (${alias.note})`}`);
  return PYTHON_SAME_NAME.has(name) ? [code(name), ...names] : names;
}

function pythonOptionsSection(specs: ReadonlyArray<[string, OptionSpec<unknown>]>): string[] {
  const rows = specs.flatMap(([name, spec]) =>
    pythonNamesOf(name, spec).map((python) => `| ${python} | [${code(name)}](#${name.toLowerCase()}) | ${spec.doc.replace(/\|/g, '\\|')} |`),
  );
  return [
    '## Python SDK options',
    '',
    'Every option of the Python SDK (`HoneyHiveTracer(...)`, `TracerConfig`) is accepted under its Python name and',
    'mapped to the TypeScript option below (a notice in verbose mode); the options that have no meaning here are',
    'accepted without effect, and the line says why. `HH_*` variables are the same in both SDKs.',
    '',
    '| Python | TypeScript | Meaning here |',
    '|---|---|---|',
    ...rows,
    '| `session_config` | `session` | The session fields grouped (a flat field wins). |',
    '| `evaluation_config` | `evaluation` | The evaluation fields grouped (a flat field wins). |',
    '| `config` | `config` | A `TracerConfig` or plain object of the same fields (a field given directly wins). |',
  ];
}

/** docs/configuration.md, generated from the option table. */
export function renderConfigReference(): string {
  const specs = OPTION_NAMES.map((name): [string, OptionSpec<unknown>] => [name, OPTION_TABLE[name]]);
  const summary = specs.map(([name, spec]) => {
    const variables = spec.env?.map((variable) => code(variable.name)).join(', ') ?? '';
    return `| [${code(name)}](#${name.toLowerCase()}) | ${variables} | ${defaultText(spec)} |`;
  });
  const variables = [...Object.values(HH_ENV), ...Object.values(OTEL_ENV)].map(code).join(', ');
  return [
    '# Configuration reference',
    '',
    `<!-- Generated from packages/core/src/config/option-table.ts; do not edit. Regenerate: ${REGENERATE_COMMAND} -->`,
    '',
    'Every option of `new HoneyHiveTracer(options)` (and of `TracerConfig`). For each one:',
    '',
    '- **Precedence:** the option passed directly > the same option in `config` (a `TracerConfig` or plain object) >',
    '  its `HH_*` environment variable > its OpenTelemetry (`OTEL_*`) variable > the default. Blank strings and `null`',
    '  count as not given. The first variable set decides: an invalid `HH_*` value is reported and the default is used',
    '  (the `OTEL_*` one is not read).',
    '- **Units:** durations are milliseconds in code (`…Ms`), seconds in `HH_*` variables (as in the Python SDK) and',
    '  milliseconds in `OTEL_*` variables (as in the OpenTelemetry specification).',
    '- **OpenTelemetry variables** follow the specification: the signal-specific variable (`OTEL_EXPORTER_OTLP_TRACES_*`)',
    '  wins over the generic one; `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is used as is and `v1/traces` is appended to',
    '  `OTEL_EXPORTER_OTLP_ENDPOINT`. An `OTEL_*` endpoint is your own endpoint, like `otlpEndpoint`: the API key is not',
    "  sent there unless it is on HoneyHive's origin. `OTEL_EXPORTER_OTLP_(TRACES_)COMPRESSION=gzip` and the certificate",
    '  variables (`…_CERTIFICATE`, `…_CLIENT_KEY`, `…_CLIENT_CERTIFICATE`) are not supported: each set is reported',
    '  (`none` compression is accepted). See docs/collector.md for a Collector deployment.',
    '- **Invalid values** give one line, `HoneyHive config: <what is wrong>. Fix: <how>.`, and the default is used',
    '  (an invalid endpoint makes the tracer a no-op instead); with `strict: true` the constructor throws',
    '  `HoneyHiveConfigError`. Unknown options are reported with a "did you mean" suggestion.',
    '- **Legacy names** of the Python SDK (`api_key`, `flush_interval` in seconds, …) and of npm `honeyhive` 1.x are',
    '  accepted and mapped; the current name wins when both are given.',
    '- **Groupings:** `session: { sessionName, sessionId, inputs, metadata, userProperties }` and',
    '  `evaluation: { isEvaluation, runId, datasetId, datapointId }` may hold those fields; a flat field wins.',
    '',
    `Environment variables read: ${variables}.`,
    '',
    '| Option | Environment | Default |',
    '|---|---|---|',
    ...summary,
    '',
    '## Options',
    '',
    specs.map(([name, spec]) => section(name, spec)).join('\n\n'),
    '',
    ...pythonOptionsSection(specs),
    '',
  ].join('\n');
}
