import path from 'node:path';

/** Command-line options of the benchmark. */
export interface BenchOptions {
  /** Few iterations, one contender per section (the smoke test's mode). */
  quick: boolean;
  /** Where the JSON results go. */
  jsonPath: string;
  /** Where the markdown report goes. */
  markdownPath: string;
  /** Sections to run (default: all). */
  sections: SectionName[];
  /** Run every child under `node --cpu-prof`, profiles written to this directory. */
  cpuProfDir?: string;
  /** Rounds of every section that pairs rounds (per-call, set-up, fresh memory, protocol, throughput); cold start gets twice as many. */
  rounds?: number;
  /** Seconds of timed calls per contender per round (sections 1–3). */
  roundSeconds?: number;
  /** The specification protocol: measured seconds and spans per second. */
  protocolSeconds?: number;
  protocolRate?: number;
}

/** The sections, in run order. */
export const SECTION_NAMES = [
  'span',
  'decorated',
  'small',
  'setup',
  'fresh',
  'coldstart',
  'bundle',
  'protocol',
  'throughput',
  'scaling',
  'capture',
] as const;
/** A section's id. */
export type SectionName = (typeof SECTION_NAMES)[number];

const USAGE =
  'usage: node --expose-gc dist/cli.js [--quick] [--json FILE] [--md FILE] [--sections ' +
  SECTION_NAMES.join(',') +
  '] [--rounds N] [--round-seconds S] [--protocol-seconds S] [--protocol-rate N] [--cpu-prof DIR]';

const VALUE_FLAGS = ['--json', '--md', '--sections', '--cpu-prof', '--rounds', '--round-seconds', '--protocol-seconds', '--protocol-rate'];

function positive(flag: string, value: string | undefined, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new Error(`${flag} needs a positive ${integer ? 'integer' : 'number'}, got ${value}\n${USAGE}`);
  }
  return n;
}

/** Parses `argv` (without node and the script). Throws with the usage line on a bad argument. */
export function parseOptions(argv: readonly string[], packageDir: string): BenchOptions {
  const quick = argv.includes('--quick');
  const valueOf = (flag: string): string | undefined => {
    const at = argv.indexOf(flag);
    if (at < 0) return undefined;
    const value = argv[at + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value\n${USAGE}`);
    return value;
  };
  const known = new Set(['--quick', '--help', ...VALUE_FLAGS]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) continue;
    if (!known.has(arg)) throw new Error(`unknown option ${arg}\n${USAGE}`);
    if (arg === '--help') throw new Error(USAGE);
  }
  const sectionList = valueOf('--sections');
  const sections = sectionList ? sectionList.split(',').map((name) => name.trim()) : [...SECTION_NAMES];
  for (const name of sections) {
    if (!(SECTION_NAMES as readonly string[]).includes(name)) throw new Error(`unknown section ${name}\n${USAGE}`);
  }
  const results = path.join(packageDir, 'results');
  const cpuProf = valueOf('--cpu-prof');
  const rounds = positive('--rounds', valueOf('--rounds'), true);
  const roundSeconds = positive('--round-seconds', valueOf('--round-seconds'), false);
  const protocolSeconds = positive('--protocol-seconds', valueOf('--protocol-seconds'), false);
  const protocolRate = positive('--protocol-rate', valueOf('--protocol-rate'), true);
  return {
    quick,
    jsonPath: path.resolve(valueOf('--json') ?? path.join(results, quick ? 'quick.json.tmp' : 'latest.json')),
    markdownPath: path.resolve(valueOf('--md') ?? (quick ? path.join(results, 'QUICK.md.tmp') : path.join(packageDir, 'RESULTS.md'))),
    sections: sections as SectionName[],
    ...(cpuProf ? { cpuProfDir: path.resolve(cpuProf) } : {}),
    ...(rounds !== undefined ? { rounds } : {}),
    ...(roundSeconds !== undefined ? { roundSeconds } : {}),
    ...(protocolSeconds !== undefined ? { protocolSeconds } : {}),
    ...(protocolRate !== undefined ? { protocolRate } : {}),
  };
}
