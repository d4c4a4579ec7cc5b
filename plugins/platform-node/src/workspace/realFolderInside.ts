import { InputError } from '@backstage/errors';
import { resolveInside } from './workspaceFiles';
import { promises as fs } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';

/**
 * resolveInside, plus the same rule for the real path: an earlier step could have made the folder
 * a symbolic link out of the workspace (to the portal's own files, say), and reading through it
 * would publish them. A folder that does not exist yet is accepted (nothing to read there).
 */
export async function realFolderInside(
  workspacePath: string,
  path: string,
  field: string,
): Promise<string> {
  const folder = resolveInside(workspacePath, path, field);
  const root = await fs.realpath(workspacePath);
  const real = await fs.realpath(folder).catch(() => undefined);
  if (real === undefined) return folder;
  const rel = relative(root, real);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new InputError(
      `${field} '${path}' must stay inside the task workspace; it is a symbolic link out of it`,
    );
  }
  return folder;
}
