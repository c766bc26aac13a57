// Summarises a V8 .cpuprofile (node --cpu-prof): where the time goes, by file:function.
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** One file:function with its self and inclusive share of the sampled time. */
export interface HotSpot {
  where: string;
  selfShare: number;
  inclusiveShare: number;
}

/** `…/node_modules/.pnpm/x/node_modules/@scope/pkg/dist/file.js` → `@scope/pkg/dist/file.js`; workspace paths made relative. */
function shortLocation(url: string): string {
  const plain = url.replace(/^file:\/\//, '');
  const inModules = plain.lastIndexOf('/node_modules/');
  if (inModules >= 0) return plain.slice(inModules + '/node_modules/'.length);
  const inRepo = plain.search(/\/(packages|tooling|bench)\//);
  return inRepo >= 0 ? plain.slice(inRepo + 1) : plain || '(native)';
}

const IGNORED = new Set(['(idle)', '(program)', '(root)']);

/**
 * The `top` hot spots of a profile, by self time and by inclusive time. With `focus`, only samples whose
 * stack has a frame whose `file:function` contains it count (shares are of that time); the GC share is
 * always of the whole profile (GC samples have no JavaScript stack).
 */
export function summarizeProfile(
  file: string,
  top = 20,
  focus?: string,
): { self: HotSpot[]; inclusive: HotSpot[]; totalMs: number; gcShare: number } {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const keyOf = (node: ProfileNode): string => `${shortLocation(node.callFrame.url)}:${node.callFrame.functionName || '(anonymous)'}`;

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  let allTotal = 0;
  let gc = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    const node = byId.get(id);
    if (!node || IGNORED.has(node.callFrame.functionName)) return;
    allTotal += delta;
    if (node.callFrame.functionName === '(garbage collector)') gc += delta;
    if (focus !== undefined) {
      let inFocus = false;
      for (let at: number | undefined = id; at !== undefined && !inFocus; at = parent.get(at)) {
        const frame = byId.get(at);
        inFocus = frame !== undefined && keyOf(frame).includes(focus);
      }
      if (!inFocus) return;
    }
    total += delta;
    const key = keyOf(node);
    self.set(key, (self.get(key) ?? 0) + delta);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (!frame || frame.callFrame.functionName === '(root)') continue;
      const frameKey = keyOf(frame);
      if (seen.has(frameKey)) continue;
      seen.add(frameKey);
      inclusive.set(frameKey, (inclusive.get(frameKey) ?? 0) + delta);
    }
  });
  const ranked = (map: Map<string, number>, field: 'selfShare' | 'inclusiveShare'): HotSpot[] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([where]) => ({
        where,
        selfShare: (self.get(where) ?? 0) / Math.max(1, total),
        inclusiveShare: (inclusive.get(where) ?? 0) / Math.max(1, total),
        [field]: (map.get(where) ?? 0) / Math.max(1, total),
      }));
  return { self: ranked(self, 'selfShare'), inclusive: ranked(inclusive, 'inclusiveShare'), totalMs: total / 1000, gcShare: gc / Math.max(1, allTotal) };
}
