import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realFolderInside } from './realFolderInside';

describe('realFolderInside', () => {
  let dir: string;
  let workspace: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'portal-real-folder-'));
    workspace = join(dir, 'workspace');
    mkdirSync(join(workspace, 'inside'), { recursive: true });
    mkdirSync(join(dir, 'outside'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('returns folders inside the workspace, existing or not', async () => {
    await expect(realFolderInside(workspace, 'inside', 'f')).resolves.toBe(
      join(workspace, 'inside'),
    );
    await expect(realFolderInside(workspace, 'later', 'f')).resolves.toBe(
      join(workspace, 'later'),
    );
  });

  it('accepts a link that stays inside', async () => {
    symlinkSync(join(workspace, 'inside'), join(workspace, 'alias'));
    await expect(realFolderInside(workspace, 'alias', 'f')).resolves.toBe(
      join(workspace, 'alias'),
    );
  });

  it('refuses a symbolic link out of the workspace, naming the field', async () => {
    symlinkSync(join(dir, 'outside'), join(workspace, 'out'));
    await expect(
      realFolderInside(workspace, 'out', 'sourcePath'),
    ).rejects.toThrow(
      "sourcePath 'out' must stay inside the task workspace; it is a symbolic link out of it",
    );
  });

  it('refuses a path that escapes lexically', async () => {
    await expect(
      realFolderInside(workspace, '../outside', 'f'),
    ).rejects.toThrow("f '../outside' must stay inside the task workspace");
  });
});
