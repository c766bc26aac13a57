import type { ConfigSource } from './config/config-problem';

/** Where the API key came from, as a message names it. */
export function apiKeySourceText(source: ConfigSource | undefined): string {
  switch (source) {
    case 'argument':
      return 'the apiKey option';
    case 'config':
      return 'the apiKey of the config object';
    case 'env':
      return 'the HH_API_KEY environment variable';
    default:
      return 'the apiKey option or HH_API_KEY';
  }
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the HoneyHive API';
  }
}

/** The one line logged when the backend rejects the API key: the problem, where the key came from, the fix. Never contains the key. */
export function rejectedKeyMessage(input: {
  status: number;
  serverUrl: string;
  keySource: string;
  project: string | undefined;
  probeAfterMs: number;
}): string {
  const project = typeof input.project === 'string' && input.project !== '' ? `project '${input.project}'` : 'your project';
  const wait = input.probeAfterMs < 1000 ? `${Math.round(input.probeAfterMs)} ms` : `${Math.round(input.probeAfterMs / 1000)} s`;
  return (
    `HoneyHive: ${origin(input.serverUrl)} rejected the API key (${input.status}${input.status === 401 ? ' Unauthorized' : ' Forbidden'}). ` +
    `Fix: set ${input.keySource} to an API key of ${project} (HoneyHive settings, API keys). ` +
    `Sessions and events are paused meanwhile: one retry after ${wait}, then less often (tracer.stats().api).`
  );
}
