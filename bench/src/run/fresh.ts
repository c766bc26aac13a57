// Sections 5 and 6: fresh processes. Memory from zero (an empty script as the baseline) through the first
// export, and the cold start: spawn until the backend holds the app's span.
import { appFile, type AppName } from '../fresh/apps';
import { runApp, type AppRun } from '../fresh/run-app';
import type { Plan } from '../plan';
import type { ColdStartRow, FreshRow } from '../results';
import { pairedRatio, summarize } from '../stats';
import { rotate, type JobRunner } from './job-runner';

/** The stages every app reports, in order. */
const STAGES = ['start', 'loaded', 'constructed', 'exported'] as const;

const TIMEOUT_MS = 30_000;
const GRACE_MS = 3_000;

/** Runs `app`, books its outbound attempts, and checks it did its job (a span received, when it sends one). */
export async function runChecked(
  jobs: JobRunner,
  app: AppName,
  file: string,
  label: string,
  stages: boolean,
  env?: Record<string, string>,
): Promise<AppRun | undefined> {
  const started = Date.now();
  const sendsSpan = app !== 'empty';
  const run = await runApp(file, jobs.backend, { stages, timeFirstSpan: !stages && sendsSpan, sendsSpan, timeoutMs: TIMEOUT_MS, graceMs: GRACE_MS, ...(env ? { env } : {}) });
  jobs.noteOutbound(app, run.outbound);
  const problem =
    stages && run.readings.length < STAGES.length
      ? `stages read: ${run.readings.map((r) => r.stage).join(', ') || 'none'}`
      : sendsSpan && run.received < 1
        ? 'the backend received no span'
        : !stages && sendsSpan && run.firstSpanMs === undefined
          ? 'no span arrived in time'
          : undefined;
  if (problem) {
    jobs.fail(label, `${problem} (exit ${run.exitCode}) ${run.stderr.trim()}`);
    return undefined;
  }
  jobs.progress(`  ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return run;
}

/** Section 5: memory of each app at each stage, and of the empty baseline, `rounds` times. */
export async function runFreshSection(jobs: JobRunner, plan: Plan): Promise<FreshRow[]> {
  const rounds = plan.rounds.fresh;
  const apps: AppName[] = ['empty', ...plan.freshApps.filter((a) => a !== 'empty')];
  jobs.progress(`5. memory from zero: fresh process per app per round (${rounds} rounds), the empty script as baseline`);
  const runs = new Map<AppName, Array<AppRun | undefined>>(apps.map((a) => [a, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const app of rotate(apps, round)) {
      runs.get(app)![round - 1] = await runChecked(jobs, app, appFile(app), `round ${round} ${app}`, true);
    }
  }
  return apps.map((app) => {
    const results = runs.get(app)!;
    const at = (i: number, stage: string) => results[i]?.readings.find((r) => r.stage === stage);
    return {
      app,
      stages: STAGES.map((stage) => ({
        stage,
        rss: Array.from({ length: rounds }, (_, i) => at(i, stage)?.rss ?? Number.NaN),
        heapUsed: Array.from({ length: rounds }, (_, i) => at(i, stage)?.heapUsed ?? Number.NaN),
      })),
      received: Array.from({ length: rounds }, (_, i) => results[i]?.received ?? Number.NaN),
    };
  });
}

/** Section 6: spawn → span received, `rounds` times per app. */
export async function runColdStartSection(jobs: JobRunner, plan: Plan): Promise<ColdStartRow[]> {
  const rounds = plan.rounds.coldstart;
  const apps = plan.coldstartApps.filter((a) => a !== 'empty');
  jobs.progress(`6. cold start: spawn until the backend holds the first span (${rounds} rounds)`);
  const runs = new Map<AppName, Array<AppRun | undefined>>(apps.map((a) => [a, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const app of rotate(apps, round)) {
      runs.get(app)![round - 1] = await runChecked(jobs, app, appFile(app), `round ${round} ${app}`, false);
    }
  }
  const rows: ColdStartRow[] = apps.map((app) => {
    const results = runs.get(app)!;
    const roundFirstSpanMs = Array.from({ length: rounds }, (_, i) => results[i]?.firstSpanMs ?? Number.NaN);
    return {
      app,
      roundFirstSpanMs,
      firstSpanMs: summarize(roundFirstSpanMs),
      exitMs: summarize(results.map((r) => r?.exitMs ?? Number.NaN)),
    };
  });
  const raw = rows.find((r) => r.app === 'raw-otel');
  if (raw) for (const row of rows) if (row !== raw) row.vsRaw = pairedRatio(row.roundFirstSpanMs, raw.roundFirstSpanMs);
  return rows;
}

