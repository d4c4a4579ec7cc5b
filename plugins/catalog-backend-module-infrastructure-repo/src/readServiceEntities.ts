import { Entity } from '@backstage/catalog-model';
import { SERVICE_REPOSITORY_ANNOTATION } from '@platform-portal/platform-common';
import { runGit } from '@platform-portal/platform-node';
import { existsSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * Replaces `$text: ./relative/path` with the file's content from the same commit: the catalog's
 * placeholder processor cannot read file:// locations, so the provider inlines them (API
 * definitions). Paths may not leave the repository.
 */
async function inlineTextPlaceholders(
  value: unknown,
  read: (path: string) => Promise<string | undefined>,
): Promise<unknown> {
  if (Array.isArray(value)) {
    return Promise.all(value.map(v => inlineTextPlaceholders(v, read)));
  }
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1 && entries[0][0] === '$text') {
    const target = entries[0][1];
    if (typeof target === 'string' && !/^[a-z]+:/i.test(target)) {
      const path = posix.normalize(target.replace(/^\.\//, ''));
      if (!path.startsWith('..') && !posix.isAbsolute(path)) {
        const text = await read(path);
        if (text !== undefined) return text;
      }
    }
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) out[k] = await inlineTextPlaceholders(v, read);
  return out;
}

/** The kinds a service repository may declare: it cannot add Users, Groups or Templates. */
export const SERVICE_REPOSITORY_KINDS = ['Component', 'API'];

/**
 * Entities of the services the portal created in local bare repositories (`<dir>/<name>.git`):
 * the `Component` and `API` documents of `catalog-info.yaml` on main (other kinds are dropped).
 * Broken repositories are skipped, so one bad file cannot hide the others.
 */
export async function readServiceEntities(
  servicesDir: string,
  branch = 'main',
): Promise<Entity[]> {
  if (!existsSync(servicesDir)) return [];
  const repos = readdirSync(servicesDir, { withFileTypes: true })
    .filter(d => d.isDirectory() && /^[a-z][a-z0-9-]*\.git$/.test(d.name))
    .map(d => join(servicesDir, d.name))
    .filter(dir => existsSync(join(dir, 'HEAD')))
    .sort();
  const entities: Entity[] = [];
  for (const repoDir of repos) {
    const read = (path: string) =>
      runGit(repoDir, ['show', `${branch}:${path}`], { trim: false }).catch(
        () => undefined,
      );
    const text = await read('catalog-info.yaml');
    if (!text) continue;
    let docs: Entity[];
    try {
      docs = parseAllDocuments(text).map(d => {
        if (d.errors.length) throw d.errors[0];
        return d.toJS() as Entity;
      });
    } catch {
      continue;
    }
    for (const doc of docs) {
      if (!doc?.metadata?.name || !SERVICE_REPOSITORY_KINDS.includes(doc.kind))
        continue;
      const entity = (await inlineTextPlaceholders(doc, read)) as Entity;
      entity.metadata.annotations = {
        ...entity.metadata.annotations,
        [SERVICE_REPOSITORY_ANNOTATION]: `file://${repoDir}`,
        'backstage.io/managed-by-location': `url:file://${repoDir}#${branch}:catalog-info.yaml`,
        'backstage.io/managed-by-origin-location': `url:file://${repoDir}`,
      };
      entities.push(entity);
    }
  }
  return entities;
}
