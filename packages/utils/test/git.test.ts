import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearGitMetadataCache, commitLinkFor, readGitMetadata, sanitizeRemoteUrl } from '../src/git';

const SHA = '0123456789abcdef0123456789abcdef01234567';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  }).trim();
}

describe('readGitMetadata in a real repository', () => {
  let repo: string;

  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'hh-utils-git-'));
    git(repo, 'init', '-q', '-b', 'feature/x');
    writeFileSync(join(repo, 'file.txt'), 'one\n');
    git(repo, 'add', 'file.txt');
    git(repo, 'commit', '-q', '-m', 'first');
    git(repo, 'remote', 'add', 'origin', 'https://user:tok@github.com/o/r.git');
  });

  afterAll(() => {
    clearGitMetadataCache();
    rmSync(repo, { recursive: true, force: true });
  });

  it('reads commit, branch, sanitized remote, commit link and a clean tree', async () => {
    const metadata = await readGitMetadata({ cwd: repo, refresh: true });
    const head = git(repo, 'rev-parse', 'HEAD');
    expect(metadata).toEqual({
      commit: head,
      branch: 'feature/x',
      remoteUrl: 'https://github.com/o/r.git',
      dirty: false,
      commitLink: `https://github.com/o/r/commit/${head}`,
    });
    expect(JSON.stringify(metadata)).not.toContain('tok');
  });

  it('sees a modified file as dirty (after a refresh), and caches per directory', async () => {
    const first = readGitMetadata({ cwd: repo, refresh: true });
    expect(readGitMetadata({ cwd: repo })).toBe(first);
    expect((await first)?.dirty).toBe(false);
    writeFileSync(join(repo, 'file.txt'), 'two\n');
    try {
      expect((await readGitMetadata({ cwd: repo }))?.dirty).toBe(false); // cached answer
      expect((await readGitMetadata({ cwd: repo, refresh: true }))?.dirty).toBe(true);
    } finally {
      git(repo, 'checkout', '--', 'file.txt');
    }
    expect((await readGitMetadata({ cwd: repo, refresh: true }))?.dirty).toBe(false);
  });

  it('omits the branch on a detached HEAD', async () => {
    const head = git(repo, 'rev-parse', 'HEAD');
    git(repo, 'checkout', '-q', '--detach', head);
    try {
      const metadata = await readGitMetadata({ cwd: repo, refresh: true });
      expect(metadata?.commit).toBe(head);
      expect(metadata?.branch).toBeUndefined();
    } finally {
      git(repo, 'checkout', '-q', 'feature/x');
    }
  });
});

describe('readGitMetadata outside a repository', () => {
  let dir: string;
  const ceiling = process.env.GIT_CEILING_DIRECTORIES;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hh-utils-nogit-'));
    // in case the temp directory itself lives inside some work tree
    process.env.GIT_CEILING_DIRECTORIES = tmpdir();
  });

  afterAll(() => {
    if (ceiling === undefined) delete process.env.GIT_CEILING_DIRECTORIES;
    else process.env.GIT_CEILING_DIRECTORIES = ceiling;
    clearGitMetadataCache();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resolves to undefined in a plain directory', async () => {
    await expect(readGitMetadata({ cwd: dir, refresh: true })).resolves.toBeUndefined();
  });

  it('resolves to undefined in a repository without commits', async () => {
    const empty = join(dir, 'empty');
    git(dir, 'init', '-q', empty);
    await expect(readGitMetadata({ cwd: empty, refresh: true })).resolves.toBeUndefined();
  });

  it('resolves to undefined for a directory that does not exist', async () => {
    await expect(readGitMetadata({ cwd: join(dir, 'missing'), refresh: true })).resolves.toBeUndefined();
  });

  it('resolves to undefined when git is not installed', async () => {
    const path = process.env.PATH;
    process.env.PATH = join(dir, 'no-bin-here');
    try {
      await expect(readGitMetadata({ cwd: dir, refresh: true })).resolves.toBeUndefined();
    } finally {
      process.env.PATH = path;
    }
  });
});

describe('sanitizeRemoteUrl', () => {
  it.each([
    ['https://user:tok@github.com/o/r.git', 'https://github.com/o/r.git'],
    ['https://ghp_abc123@github.com/o/r.git', 'https://github.com/o/r.git'],
    ['http://u:p@example.com:8080/a/b', 'http://example.com:8080/a/b'],
    ['https://gitlab.com/o/r.git?private_token=abc#frag', 'https://gitlab.com/o/r.git'],
    ['ssh://git:secret@github.com/o/r.git', 'ssh://git@github.com/o/r.git'],
    ['git@github.com:o/r.git', 'git@github.com:o/r.git'],
    ['  https://github.com/o/r  ', 'https://github.com/o/r'],
    ['/srv/repos/r.git', '/srv/repos/r.git'],
  ])('%s → %s', (url, expected) => {
    expect(sanitizeRemoteUrl(url)).toBe(expected);
  });

  it('cuts userinfo by hand when the URL does not parse', () => {
    expect(sanitizeRemoteUrl('https://user:tok@exa mple.com/o/r')).toBe('https://exa mple.com/o/r');
  });
});

describe('commitLinkFor', () => {
  it.each([
    ['https://github.com/o/r.git', `https://github.com/o/r/commit/${SHA}`],
    ['https://github.com/o/r', `https://github.com/o/r/commit/${SHA}`],
    ['git@github.com:o/r.git', `https://github.com/o/r/commit/${SHA}`],
    ['ssh://git@github.com/o/r.git', `https://github.com/o/r/commit/${SHA}`],
    ['https://gitlab.com/group/sub/r.git', `https://gitlab.com/group/sub/r/-/commit/${SHA}`],
    ['git@gitlab.com:o/r.git', `https://gitlab.com/o/r/-/commit/${SHA}`],
    ['https://bitbucket.org/o/r.git', `https://bitbucket.org/o/r/commits/${SHA}`],
    ['git@bitbucket.org:o/r.git', `https://bitbucket.org/o/r/commits/${SHA}`],
  ])('%s → %s', (remote, expected) => {
    expect(commitLinkFor(remote, SHA)).toBe(expected);
  });

  it('is undefined for unknown hosts, incomplete paths and non-SHA commits', () => {
    expect(commitLinkFor('https://git.example.com/o/r.git', SHA)).toBeUndefined();
    expect(commitLinkFor('https://github.com/o', SHA)).toBeUndefined();
    expect(commitLinkFor('https://github.com/o/r.git', 'main')).toBeUndefined();
    expect(commitLinkFor('not a url', SHA)).toBeUndefined();
    expect(commitLinkFor('/srv/repos/r.git', SHA)).toBeUndefined();
  });
});
