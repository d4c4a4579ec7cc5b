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

/** Resolves `path` inside `root`, refusing anything that would escape it. */
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

/** Reads every file under `root` into a map of POSIX-style relative paths. */
export async function readFiles(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  async function walk(dir: string) {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git') await walk(full);
      } else if (entry.isFile()) {
        files[relative(root, full).split(sep).join('/')] = await fs.readFile(
          full,
          'utf8',
        );
      }
    }
  }
  await walk(root);
  return files;
}
