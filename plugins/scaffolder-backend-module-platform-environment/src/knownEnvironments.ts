import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { VPC_CIDR_ANNOTATION } from '@platform-portal/platform-common';
import { ExistingEnvironment } from '@platform-portal/platform-iac';
import { InfrastructureRepository } from '@platform-portal/platform-node';
import { parse as parseYaml } from 'yaml';

/** An environment known by name; its CIDR may be unreadable (still counts for name clashes). */
export type KnownEnvironment = Omit<ExistingEnvironment, 'cidr'> & {
  cidr?: string;
};

/**
 * Every environment the portal knows of: environment entities in the catalog, and the
 * environment folders of the infrastructure repository's base branch (which may not be in the
 * catalog yet). Entries without a readable CIDR still count for name clashes.
 */
export async function knownEnvironments(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  repository: InfrastructureRepository,
): Promise<KnownEnvironment[]> {
  const found = new Map<string, KnownEnvironment>();
  const { items } = await catalog.getEntities(
    { filter: { kind: 'Resource', 'spec.type': 'environment' } },
    { credentials },
  );
  for (const entity of items) {
    found.set(entity.metadata.name, {
      name: entity.metadata.name,
      cidr: entity.metadata.annotations?.[VPC_CIDR_ANNOTATION],
      source: 'catalog',
    });
  }
  for (const name of await repository.listFolders('environments')) {
    if (found.has(name)) continue;
    const text = await repository.readFile(
      `environments/${name}/catalog-info.yaml`,
    );
    let cidr: string | undefined;
    try {
      cidr = text
        ? parseYaml(text)?.metadata?.annotations?.[VPC_CIDR_ANNOTATION]
        : undefined;
    } catch {
      cidr = undefined; // a hand-edited file must not block everyone else
    }
    found.set(name, { name, cidr, source: `repository ${repository.target}` });
  }
  return [...found.values()];
}
