import { Entity } from '@backstage/catalog-model';
import { INFRASTRUCTURE_BRANCH_ANNOTATION } from '@platform-portal/platform-common';
import { RepositoryFile } from '@platform-portal/platform-node';
import { parse as parseYaml } from 'yaml';

/**
 * Environment entities from the `environments/<name>/catalog-info.yaml` files of the
 * infrastructure repository (InfrastructureRepository.readEnvironmentFiles: base branch first,
 * then `env/<name>` branches). The first file of a name wins, so merged beats proposed; a
 * branch-only environment is marked with the branch it waits on, so the catalog shows it while
 * its change is reviewed. Broken files are skipped: one must not hide every other environment.
 *
 * The provider emits only what it owns: `Resource`s of type `environment` named after their
 * folder, and from a review branch only the environment that branch is for (`env/<name>`), so
 * a branch can neither add other kinds (Users, Groups, Templates) nor shadow another
 * environment.
 */
export function environmentEntities(
  files: RepositoryFile[],
  repositoryUrl: string,
  baseBranch: string,
): Entity[] {
  const byName = new Map<string, Entity>();
  for (const file of files) {
    const name = file.path.split('/')[1];
    if (byName.has(name)) continue;
    if (file.branch !== baseBranch && file.branch !== `env/${name}`) continue;
    let entity: Entity;
    try {
      entity = parseYaml(file.content) as Entity;
    } catch {
      continue;
    }
    if (
      entity?.kind !== 'Resource' ||
      entity.spec?.type !== 'environment' ||
      entity.metadata?.name !== name
    ) {
      continue;
    }
    entity.metadata.annotations = {
      ...entity.metadata.annotations,
      [INFRASTRUCTURE_BRANCH_ANNOTATION]: file.branch,
      'backstage.io/managed-by-location': `url:${file.location}`,
      'backstage.io/managed-by-origin-location': `url:${repositoryUrl}`,
    };
    byName.set(name, entity);
  }
  return [...byName.values()];
}
