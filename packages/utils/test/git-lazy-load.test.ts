import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `node:child_process` costs every process that loads it a few hundred KiB of memory; every app that uses the
// tracer loads this package, and few read git metadata. So git.ts loads it when readGitMetadata first runs git.

describe('git metadata: node:child_process', () => {
  it('is loaded when git first runs, not when the module is imported', async () => {
    let loads = 0;
    await jest.isolateModulesAsync(async () => {
      jest.doMock('node:child_process', () => {
        loads += 1;
        return jest.requireActual('node:child_process');
      });
      const git = require('../src/git') as typeof import('../src/git');
      expect(loads).toBe(0);
      const dir = mkdtempSync(join(tmpdir(), 'hh-utils-git-lazy-'));
      try {
        // not a repository: git runs and answers that there is nothing to read
        await expect(git.readGitMetadata({ cwd: dir, refresh: true })).resolves.toBeUndefined();
      } finally {
        rmSync(dir, { recursive: true, force: true });
        git.clearGitMetadataCache();
      }
      expect(loads).toBe(1);
    });
  });
});
