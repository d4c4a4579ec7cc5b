import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGit } from './runGit';

describe('runGit (real git)', () => {
  let dir: string;
  let repo: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portal-run-git-'));
    repo = join(dir, 'r.git');
    await runGit(repo, ['init', '--bare', '--quiet', '--initial-branch=main']);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('feeds stdin and trims the answer unless told not to', async () => {
    const blob = await runGit(repo, ['hash-object', '-w', '--stdin'], {
      input: 'a\n\n',
    });
    expect(blob).toMatch(/^[0-9a-f]{40}$/);
    expect(await runGit(repo, ['cat-file', 'blob', blob])).toBe('a');
    expect(
      await runGit(repo, ['cat-file', 'blob', blob], { trim: false }),
    ).toBe('a\n\n');
  });

  it('passes the environment through (a private index file)', async () => {
    const blob = await runGit(repo, ['hash-object', '-w', '--stdin'], {
      input: 'x',
    });
    const env = { GIT_INDEX_FILE: join(dir, 'index') };
    await runGit(
      repo,
      ['update-index', '--add', '--cacheinfo', `100644,${blob},f.txt`],
      { env },
    );
    expect(await runGit(repo, ['ls-files'], { env })).toBe('f.txt');
  });

  it("rejects with the command and git's message", async () => {
    await expect(runGit(repo, ['show', 'main:nope'])).rejects.toThrow(
      /^git show failed: fatal: /,
    );
  });
});
