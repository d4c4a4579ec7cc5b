import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ACCOUNT_ID_ANNOTATION,
  ExistingEnvironment,
  REGION_ANNOTATION,
  VPC_CIDR_ANNOTATION,
} from '@platform-portal/platform-iac';
import { parse as parseYaml } from 'yaml';
import { IacPublisher } from './publish/types';

/** Reads an aws-account entity, failing with the form field's name when it is not one. */
export async function resolveAccount(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  ref: string,
  field: string,
): Promise<{
  entity: Entity;
  name: string;
  accountId: string;
  region?: string;
}> {
  const entity = await catalog.getEntityByRef(ref, { credentials });
  if (
    !entity ||
    entity.kind !== 'Resource' ||
    entity.spec?.type !== 'aws-account'
  ) {
    throw new InputError(
      `${field}: '${ref}' is not an aws-account resource in the catalog`,
    );
  }
  const accountId = entity.metadata.annotations?.[ACCOUNT_ID_ANNOTATION];
  if (!accountId || !/^\d{12}$/.test(accountId)) {
    throw new InputError(
      `${field}: ${stringifyEntityRef(
        entity,
      )} has no 12-digit ${ACCOUNT_ID_ANNOTATION} annotation`,
    );
  }
  return {
    entity,
    name: entity.metadata.name,
    accountId,
    region: entity.metadata.annotations?.[REGION_ANNOTATION],
  };
}

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
  publisher: IacPublisher,
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
  for (const name of await publisher.listFolders('environments')) {
    if (found.has(name)) continue;
    const text = await publisher.readFile(
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
    found.set(name, { name, cidr, source: `repository ${publisher.target}` });
  }
  return [...found.values()];
}
