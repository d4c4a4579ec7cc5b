import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  listFiles,
  readFiles,
  resolveInside,
  writeFiles,
} from './workspaceFiles';

describe('workspace files', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'portal-workspace-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('refuses paths that leave the workspace, naming the field', () => {
    expect(resolveInside(root, 'a/b', 'targetPath')).toBe(join(root, 'a/b'));
    expect(() => resolveInside(root, '../x', 'targetPath')).toThrow(
      "targetPath '../x' must stay inside the task workspace",
    );
    expect(() => resolveInside(root, '/etc', 'path')).toThrow(/^path /);
  });

  it('writes a file map and reads it back without .git, with executable bits listed', async () => {
    await writeFiles(root, { 'a/b.txt': 'b', 'run.sh': '#!/bin/sh\n' });
    mkdirSync(join(root, '.git'));
    writeFileSync(join(root, '.git', 'HEAD'), 'ref');
    chmodSync(join(root, 'run.sh'), 0o755);
    expect(await readFiles(root)).toEqual({
      'a/b.txt': 'b',
      'run.sh': '#!/bin/sh\n',
    });
    expect((await listFiles(root)).map(f => [f.path, f.executable])).toEqual([
      ['a/b.txt', false],
      ['run.sh', true],
    ]);
  });

  it('refuses to write outside the root', async () => {
    await expect(writeFiles(root, { '../evil': 'x' })).rejects.toThrow(
      /must stay inside/,
    );
  });
});
