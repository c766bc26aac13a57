import type { FileProbe } from '../environment';

const MARKER_FILES = ['/.dockerenv', '/run/.containerenv'];
const CGROUP_FILE = '/proc/self/cgroup';
const MOUNTINFO_FILE = '/proc/self/mountinfo';
const RUNTIME_IN_CGROUP = /docker|containerd|kubepods|libpod|crio/;
const HEX_ID = /(?:^|[^0-9a-f])([0-9a-f]{64})(?![0-9a-f])/;
const MOUNTED_ID = /\/containers\/([0-9a-f]{64})\//;

/** What the container probe found. */
export interface ContainerMatch {
  /** The 64-hex container id, when visible. */
  containerId?: string;
}

function idFromCgroup(cgroup: string): string | undefined {
  for (const line of cgroup.split('\n')) {
    if (!RUNTIME_IN_CGROUP.test(line)) continue;
    const match = HEX_ID.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

/**
 * A container: `/.dockerenv`, `/run/.containerenv` (Podman) or a container runtime in `/proc/self/cgroup`
 * (cgroup v1). The id comes from the cgroup lines, else (cgroup v2, where the cgroup is just `0::/`) from
 * the `/containers/<id>/` mounts of `/proc/self/mountinfo`, read only once a container is known.
 */
export function detectContainer(probe: FileProbe): ContainerMatch | undefined {
  const cgroup = probe.readText(CGROUP_FILE) ?? '';
  const inCgroup = cgroup.split('\n').some((line) => RUNTIME_IN_CGROUP.test(line));
  if (!inCgroup && !MARKER_FILES.some((file) => probe.exists(file))) return undefined;
  const containerId = idFromCgroup(cgroup) ?? MOUNTED_ID.exec(probe.readText(MOUNTINFO_FILE) ?? '')?.[1];
  return containerId === undefined ? {} : { containerId };
}
