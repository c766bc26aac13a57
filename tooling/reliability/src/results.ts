import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** One figure row: a fault scenario, a load run, … Values are numbers or short strings. */
export type FigureRow = Record<string, number | string | boolean | { readonly [reason: string]: number }>;

/** The figures one test file produced. */
export interface ResultPart {
  /** The test file's short name, e.g. `faults-responses`. */
  file: string;
  /** When it was written (ISO). */
  writtenAt: string;
  /** Named sections (e.g. `faults`, `load`), each a list of rows. */
  sections: Record<string, FigureRow[]>;
}

/** `tooling/reliability/results`. */
export const RESULTS_DIR = path.resolve(__dirname, '..', 'results');

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/**
 * Collects the figures of one test file. `flush()` (call it in `afterAll`) writes them to
 * `results/parts/<file>.json` and regenerates `results/latest.json` and `results/RESULTS.md` from every part,
 * so the combined files are current whichever files ran, in whatever order or worker.
 */
export class ResultRecorder {
  private readonly sections: Record<string, FigureRow[]> = {};

  /** @param file the test file's short name. */
  constructor(private readonly file: string) {}

  /** Adds one row to `section`. */
  add(section: string, row: FigureRow): void {
    (this.sections[section] ??= []).push(row);
  }

  /** Writes this file's part and regenerates the combined results. Never throws (figures are a by-product). */
  flush(dir: string = RESULTS_DIR): void {
    try {
      const partsDir = path.join(dir, 'parts');
      mkdirSync(partsDir, { recursive: true });
      const part: ResultPart = { file: this.file, writtenAt: new Date().toISOString(), sections: this.sections };
      writeAtomically(path.join(partsDir, `${this.file}.json`), `${JSON.stringify(part, null, 2)}\n`);
      combineResults(dir);
    } catch (error) {
      process.stderr.write(`reliability: could not write results: ${(error as Error).message}\n`);
    }
  }
}

/** Reads every part under `dir/parts`, writes `latest.json` (all sections by file) and `RESULTS.md`. */
export function combineResults(dir: string = RESULTS_DIR): void {
  const partsDir = path.join(dir, 'parts');
  const parts: ResultPart[] = readdirSync(partsDir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join(partsDir, name), 'utf8')) as ResultPart);
  const latest = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}/${process.arch}`,
    files: Object.fromEntries(parts.map((part) => [part.file, { writtenAt: part.writtenAt, ...part.sections }])),
  };
  writeAtomically(path.join(dir, 'latest.json'), `${JSON.stringify(latest, null, 2)}\n`);
  writeAtomically(path.join(dir, 'RESULTS.md'), renderMarkdown(parts, latest.generatedAt));
}

function cell(value: FigureRow[string] | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'object') {
    const entries = Object.entries(value).filter(([, n]) => n !== 0);
    return entries.length === 0 ? '0' : entries.map(([k, n]) => `${k}: ${n}`).join(', ');
  }
  return String(value);
}

function table(rows: FigureRow[]): string {
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const lines = [`| ${columns.join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${columns.map((c) => cell(row[c])).join(' | ')} |`);
  return lines.join('\n');
}

/** The human summary: one table per section of every part. */
export function renderMarkdown(parts: readonly ResultPart[], generatedAt: string): string {
  const out = [
    '# Reliability figures',
    '',
    `Generated ${generatedAt} by \`npx -y pnpm@12.21.0 --filter @honeyhive/reliability test\` (Node ${process.version}).`,
    'Each section comes from the test file named in its heading; see `latest.json` for the raw numbers.',
    '',
  ];
  for (const part of parts) {
    for (const [section, rows] of Object.entries(part.sections)) {
      out.push(`## ${section} (${part.file}, ${part.writtenAt})`, '', table(rows), '');
    }
  }
  return `${out.join('\n')}\n`;
}
