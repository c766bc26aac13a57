import type { execFile as ExecFile } from 'node:child_process';
import { resolve } from 'node:path';

/** What a session records about the code it ran from. */
export interface GitMetadata {
  /** Full SHA of HEAD. */
  commit: string;
  /** Current branch; absent on a detached HEAD. */
  branch?: string;
  /** `remote.origin.url` without credentials (see {@link sanitizeRemoteUrl}). */
  remoteUrl?: string;
  /** True when `git status --porcelain` lists anything (modified, staged or untracked files). */
  dirty: boolean;
  /** A web link to the commit, for GitHub, GitLab and Bitbucket remotes. */
  commitLink?: string;
}

/** Options of {@link readGitMetadata}. */
export interface ReadGitMetadataOptions {
  /** Directory to look in. Default `process.cwd()`. */
  cwd?: string;
  /** Each git command is killed after this many milliseconds. Default 1500. */
  timeoutMs?: number;
  /** Ignore and replace the cached answer for this directory (the dirty flag may have changed). */
  refresh?: boolean;
}

/** Default per-command timeout of {@link readGitMetadata}. */
export const DEFAULT_GIT_TIMEOUT_MS = 1500;

const STATUS_MAX_BUFFER = 1024 * 1024;

const cache = new Map<string, Promise<GitMetadata | undefined>>();

interface GitOutput {
  ok: boolean;
  stdout: string;
}

function runGit(cwd: string, args: string[], timeoutMs: number): Promise<GitOutput> {
  return new Promise((done) => {
    try {
      // loaded on first use: every app loads this package, few read git metadata, and child_process costs
      // a millisecond or two and some memory to load
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { execFile } = require('node:child_process') as { execFile: typeof ExecFile };
      execFile(
        'git',
        args,
        {
          cwd,
          timeout: timeoutMs,
          maxBuffer: STATUS_MAX_BUFFER,
          windowsHide: true,
          encoding: 'utf8',
          // no prompts, and `git status` must not take the index lock away from the user's own git
          env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
        },
        (error, stdout) => {
          const text = typeof stdout === 'string' ? stdout : '';
          if (error && (error as { code?: unknown }).code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
            done({ ok: true, stdout: text }); // a status too long to read is certainly not clean
          } else {
            done({ ok: !error, stdout: text });
          }
        },
      );
    } catch {
      done({ ok: false, stdout: '' });
    }
  });
}

async function readUncached(cwd: string, timeoutMs: number): Promise<GitMetadata | undefined> {
  const head = await runGit(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD'], timeoutMs);
  const commit = head.stdout.trim();
  if (!head.ok || !/^[0-9a-f]{7,64}$/i.test(commit)) return undefined;
  const [branch, remote, status] = await Promise.all([
    runGit(cwd, ['rev-parse', '--abbrev-ref', 'HEAD'], timeoutMs),
    runGit(cwd, ['config', '--get', 'remote.origin.url'], timeoutMs),
    runGit(cwd, ['status', '--porcelain'], timeoutMs),
  ]);
  const metadata: GitMetadata = { commit: commit.toLowerCase(), dirty: status.ok && status.stdout.trim() !== '' };
  const branchName = branch.stdout.trim();
  if (branch.ok && branchName !== '' && branchName !== 'HEAD') metadata.branch = branchName;
  const remoteUrl = remote.ok ? sanitizeRemoteUrl(remote.stdout.trim()) : '';
  if (remoteUrl !== '') {
    metadata.remoteUrl = remoteUrl;
    const link = commitLinkFor(remoteUrl, metadata.commit);
    if (link !== undefined) metadata.commitLink = link;
  }
  return metadata;
}

/**
 * Reads the commit, branch, origin remote and dirty flag of the git work tree at `cwd`, with async
 * `git` child processes (never blocking the event loop) that are killed after `timeoutMs`.
 * Resolves to undefined outside a repository, in one without commits, or when git is missing; never rejects.
 * The answer is cached per directory (one promise); pass `refresh: true` to read again.
 */
export function readGitMetadata(options: ReadGitMetadataOptions = {}): Promise<GitMetadata | undefined> {
  try {
    const cwd = resolve(options.cwd ?? process.cwd());
    const timeout = options.timeoutMs;
    const timeoutMs = typeof timeout === 'number' && timeout > 0 ? timeout : DEFAULT_GIT_TIMEOUT_MS;
    const cached = cache.get(cwd);
    if (cached !== undefined && !options.refresh) return cached;
    const pending = readUncached(cwd, timeoutMs).catch(() => undefined);
    cache.set(cwd, pending);
    return pending;
  } catch {
    return Promise.resolve(undefined);
  }
}

/** Forgets every cached {@link readGitMetadata} answer. */
export function clearGitMetadataCache(): void {
  cache.clear();
}

const SCP_LIKE = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(.+)$/;

/**
 * A remote URL without credentials: `https://user:token@host/o/r.git` → `https://host/o/r.git` (query and
 * fragment dropped too); `ssh://` URLs lose any password but keep the user; scp-like `git@host:o/r.git`
 * and local paths are kept as they are.
 */
export function sanitizeRemoteUrl(url: string): string {
  if (typeof url !== 'string') return '';
  const text = url.trim();
  if (!text.includes('://')) return text;
  try {
    const parsed = new URL(text);
    if (parsed.protocol === 'ssh:' || parsed.protocol === 'git+ssh:') {
      parsed.password = '';
    } else {
      parsed.username = '';
      parsed.password = '';
    }
    parsed.search = '';
    parsed.hash = '';
    return parsed.toString();
  } catch {
    // not a URL the WHATWG parser accepts: cut any userinfo by hand
    const scheme = text.indexOf('://') + 3;
    const slash = text.indexOf('/', scheme);
    const authority = slash === -1 ? text.slice(scheme) : text.slice(scheme, slash);
    const at = authority.lastIndexOf('@');
    if (at === -1) return text;
    return text.slice(0, scheme) + authority.slice(at + 1) + (slash === -1 ? '' : text.slice(slash));
  }
}

const COMMIT_PATHS: Readonly<Record<string, (repo: string, sha: string) => string>> = {
  'github.com': (repo, sha) => `https://github.com/${repo}/commit/${sha}`,
  'gitlab.com': (repo, sha) => `https://gitlab.com/${repo}/-/commit/${sha}`,
  'bitbucket.org': (repo, sha) => `https://bitbucket.org/${repo}/commits/${sha}`,
};

const HOST_ALIASES: Readonly<Record<string, string>> = {
  'www.github.com': 'github.com',
  'ssh.github.com': 'github.com',
  'www.gitlab.com': 'gitlab.com',
  'altssh.gitlab.com': 'gitlab.com',
  'www.bitbucket.org': 'bitbucket.org',
  'altssh.bitbucket.org': 'bitbucket.org',
};

function hostAndPath(remoteUrl: string): { host: string; path: string } | undefined {
  const text = remoteUrl.trim();
  if (text.includes('://')) {
    const parsed = new URL(text);
    return { host: parsed.hostname, path: parsed.pathname };
  }
  const match = SCP_LIKE.exec(text);
  return match ? { host: match[1] as string, path: match[2] as string } : undefined;
}

/**
 * The web link of `commit` for a GitHub, GitLab or Bitbucket remote, from an https, ssh:// or scp-like
 * (`git@github.com:o/r.git`) URL, e.g. `https://github.com/o/r/commit/<sha>`. Undefined for other
 * hosts, for a path without owner and repository, or for a commit that is not a hex SHA.
 */
export function commitLinkFor(remoteUrl: string, commit: string): string | undefined {
  try {
    if (typeof commit !== 'string' || !/^[0-9a-f]{7,64}$/i.test(commit.trim())) return undefined;
    const location = hostAndPath(String(remoteUrl));
    if (location === undefined) return undefined;
    let host = location.host.toLowerCase();
    host = HOST_ALIASES[host] ?? host;
    const build = Object.prototype.hasOwnProperty.call(COMMIT_PATHS, host) ? COMMIT_PATHS[host] : undefined;
    if (build === undefined) return undefined;
    let path = location.path.replace(/^\/+|\/+$/g, '');
    if (path.endsWith('.git')) path = path.slice(0, -4);
    const segments = path.split('/').filter((segment) => segment !== '');
    if (segments.length < 2) return undefined;
    return build(segments.join('/'), commit.trim().toLowerCase());
  } catch {
    return undefined;
  }
}
