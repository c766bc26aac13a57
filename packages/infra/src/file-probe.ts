import { existsSync, readFileSync } from 'node:fs';
import type { FileProbe } from './environment';

/** Files read during detection are tiny; anything larger is cut here. */
const MAX_READ_BYTES = 64 * 1024;

/** The real file system: `existsSync` and a bounded `readFileSync`. */
export const nodeFileProbe: FileProbe = {
  exists: (path) => existsSync(path),
  readText: (path) => {
    const text = readFileSync(path, 'utf8');
    return text.length > MAX_READ_BYTES ? text.slice(0, MAX_READ_BYTES) : text;
  },
};

/** Wraps a probe so that whatever it throws or returns oddly counts as "absent". */
export function guardedProbe(probe: FileProbe): FileProbe {
  return {
    exists: (path) => {
      try {
        return probe.exists(path) === true;
      } catch {
        return false;
      }
    },
    readText: (path) => {
      try {
        const text = probe.readText(path);
        return typeof text === 'string' ? text : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
