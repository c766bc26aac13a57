import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HH_ENV, OTEL_ENV } from '../../src/config/defaults';
import { OPTION_NAMES, OPTION_TABLE } from '../../src/config/option-table';
import { REGENERATE_COMMAND, renderConfigReference } from '../helpers/config-reference';

// docs/configuration.md is generated from the option table, so it cannot drift from the code.
const DOC = join(__dirname, '..', '..', '..', '..', 'docs', 'configuration.md');

describe('docs/configuration.md', () => {
  it('is what the option table generates', () => {
    const expected = renderConfigReference();
    if (process.env.WRITE_CONFIG_DOCS === '1') writeFileSync(DOC, expected);
    let actual = '';
    try {
      actual = readFileSync(DOC, 'utf8');
    } catch {
      // missing: reported below
    }
    if (actual !== expected) {
      const lines = actual.split('\n');
      const at = expected.split('\n').findIndex((line, index) => line !== lines[index]);
      throw new Error(`docs/configuration.md is out of date with packages/core/src/config/option-table.ts (first difference at line ${at + 1}). Regenerate it: ${REGENERATE_COMMAND}`);
    }
  });

  it('documents every option and every environment variable', () => {
    const text = renderConfigReference();
    for (const name of OPTION_NAMES) expect(text).toContain(`### \`${name}\``);
    for (const variable of [...Object.values(HH_ENV), ...Object.values(OTEL_ENV)]) expect(text).toContain(`\`${variable}\``);
  });
});

describe('the option table', () => {
  it('reads exactly the variables of HH_ENV and OTEL_ENV', () => {
    const read = OPTION_NAMES.flatMap((name) => (OPTION_TABLE[name].env ?? []).map((variable) => variable.name));
    expect([...read].sort()).toEqual([...Object.values(HH_ENV), ...Object.values(OTEL_ENV)].sort());
    expect(new Set(read).size).toBe(read.length);
  });

  it('has a doc line for every option', () => {
    for (const name of OPTION_NAMES) expect(OPTION_TABLE[name].doc.trim()).not.toBe('');
  });
});

describe('the Python SDK options table of docs/configuration.md', () => {
  it('lists every Python name of the option table, and the ten that used to be unknown', () => {
    const text = renderConfigReference();
    const table = text.slice(text.indexOf('## Python SDK options'));
    const pythonAliases = OPTION_NAMES.flatMap((name) => (OPTION_TABLE[name].aliases ?? []).map((alias) => (typeof alias === 'string' ? alias : alias.name))).filter(
      (alias) => alias === alias.toLowerCase(),
    );
    for (const alias of pythonAliases) expect(table).toContain(`| \`${alias}\``);
    const formerlyUnknown = ['link_carrier', 'requests_session', 'span_name_filters', 'max_events', 'max_links', 'max_span_size', 'preserve_core_attributes', 'skip_backend_session_creation', 'otlp_enabled', 'cache_enabled'];
    for (const name of formerlyUnknown) expect(table).toContain(`| \`${name}\``);
  });
});
