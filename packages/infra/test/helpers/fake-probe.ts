import type { FileProbe } from '../../src';

/** A file system made of the given files (path → text) and directories; records every path touched. */
export function fakeProbe(files: Record<string, string> = {}, dirs: string[] = []): FileProbe & { touched: string[] } {
  const touched: string[] = [];
  return {
    touched,
    exists(path) {
      touched.push(path);
      return path in files || dirs.includes(path);
    },
    readText(path) {
      touched.push(path);
      return files[path];
    },
  };
}

/** A probe whose every call throws. */
export const throwingProbe: FileProbe = {
  exists() {
    throw new Error('exists exploded');
  },
  readText() {
    throw new Error('readText exploded');
  },
};
