import { Entity } from '@backstage/catalog-model';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

export const BRANCH_ANNOTATION = 'platform-portal.io/infrastructure-branch';

function git(repoDir: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      'git',
      ['--git-dir', repoDir, ...args],
      { maxBuffer: 64 * 1024 * 1024 },
      (e, out, err) =>
        e
          ? reject(new Error(`git ${args[0]}: ${err.trim() || e.message}`))
          : resolve(out),
    ),
  );
}

/** The base branch sorts first. */
const rank = (branch: string, baseBranch: string) =>
  branch === baseBranch ? 0 : 1;

/**
 * Reads `environments/<name>/catalog-info.yaml` from every branch of a bare repository. The base
 * branch wins over `env/<name>` branches (merged beats proposed); a branch-only environment is
 * marked with the branch it waits on, so the catalog shows it while its change is reviewed.
 */
export async function readEnvironmentEntities(
  repoDir: string,
  baseBranch = 'main',
): Promise<Entity[]> {
  if (!existsSync(join(repoDir, 'HEAD'))) return [];
  const branches = (
    await git(repoDir, [
      'for-each-ref',
      '--format=%(refname:short)',
      'refs/heads',
    ])
  )
    .split('\n')
    .filter(Boolean)
    .sort(
      (a, b) => rank(a, baseBranch) - rank(b, baseBranch) || a.localeCompare(b),
    );
  const byName = new Map<string, Entity>();
  for (const branch of branches) {
    const listing = await git(repoDir, [
      'ls-tree',
      '-r',
      '--name-only',
      branch,
      'environments/',
    ]);
    const files = listing
      .split('\n')
      .filter(p => /^environments\/[^/]+\/catalog-info\.yaml$/.test(p));
    for (const file of files) {
      const name = file.split('/')[1];
      if (byName.has(name)) continue;
      let entity: Entity;
      try {
        entity = parseYaml(
          await git(repoDir, ['show', `${branch}:${file}`]),
        ) as Entity;
      } catch {
        continue; // a broken file must not hide every other environment
      }
      if (!entity?.metadata?.name || entity.kind !== 'Resource') continue;
      entity.metadata.annotations = {
        ...entity.metadata.annotations,
        [BRANCH_ANNOTATION]: branch,
        'backstage.io/managed-by-location': `url:file://${repoDir}#${branch}:${file}`,
        'backstage.io/managed-by-origin-location': `url:file://${repoDir}`,
      };
      byName.set(name, entity);
    }
  }
  return [...byName.values()];
}
