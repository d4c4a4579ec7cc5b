import { promises as fs } from 'node:fs';
import {
  dirname,
  isAbsolute,
  join,
  relative,
  resolve as resolvePath,
  sep,
} from 'node:path';
import { InputError } from '@backstage/errors';

/**
 * Resolves `path` inside `root`, refusing anything that would escape it; the error names `field`
 * (the action input the path came from).
 */
export function resolveInside(
  root: string,
  path: string,
  field: string,
): string {
  const resolved = resolvePath(root, path);
  const rel = relative(root, resolved);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new InputError(
      `${field} '${path}' must stay inside the task workspace`,
    );
  }
  return resolved;
}

/** Writes a file map under `root` (paths are repository-relative). */
export async function writeFiles(
  root: string,
  files: Record<string, string>,
): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const target = resolveInside(root, path, 'file path');
    await fs.mkdir(dirname(target), { recursive: true });
    await fs.writeFile(target, content, 'utf8');
  }
}

/** A regular file under a folder, as git would record it. */
export interface WorkspaceFile {
  /** POSIX-style path relative to the folder. */
  path: string;
  absolute: string;
  executable: boolean;
}

/** Regular files under `root` (no .git), sorted by path, with the executable bit. */
export async function listFiles(root: string): Promise<WorkspaceFile[]> {
  const out: WorkspaceFile[] = [];
  async function walk(dir: string) {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git') await walk(full);
      } else if (entry.isFile()) {
        const { mode } = await fs.stat(full);
        out.push({
          path: relative(root, full).split(sep).join('/'),
          absolute: full,
          executable: (mode & 0o111) !== 0,
        });
      }
    }
  }
  await walk(root);
  return out;
}

/** Reads every file under `root` (no .git) into a map of POSIX-style relative paths. */
export async function readFiles(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const file of await listFiles(root)) {
    files[file.path] = await fs.readFile(file.absolute, 'utf8');
  }
  return files;
}
