import { processWide } from '@honeyhive/utils';
import { TRACER_VERSION } from './version';

/** At most this many messages are remembered; past it, new ones are always "first". */
const MAX_SAID_ONCE = 100;

// Shared with the compatible copies of @honeyhive/core, so "once" means once in the process.
const { state } = processWide('core.said-once', TRACER_VERSION, () => ({ messages: new Set<string>() }));

/**
 * True the first time `message` is asked about in this process, false afterwards: for warnings that every
 * tracer of a process would otherwise repeat (e.g. one per request). Remembers at most 100 messages.
 */
export function firstTimeInProcess(message: string): boolean {
  if (state.messages.has(message)) return false;
  if (state.messages.size < MAX_SAID_ONCE) state.messages.add(message);
  return true;
}
