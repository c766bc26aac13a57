import type { ContenderName } from '../contenders/types';
import type { AppName } from '../fresh/apps';

const CONTENDER_LABELS: Record<ContenderName, string> = {
  ours: 'ours (@honeyhive)',
  'raw-otel': 'raw OTel SDK',
  'honeyhive-1x': 'npm honeyhive 1.0.42',
  langfuse: 'Langfuse 5.x',
  bare: 'bare call',
};

const APP_LABELS: Record<AppName, string> = { ...CONTENDER_LABELS, empty: 'empty script (baseline)' };

/** The report's name of a contender. */
export function label(contender: ContenderName): string {
  return CONTENDER_LABELS[contender];
}

/** The report's name of a tiny app. */
export function appLabel(app: AppName): string {
  return APP_LABELS[app];
}
