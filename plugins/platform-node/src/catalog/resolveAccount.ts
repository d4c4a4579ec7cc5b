import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AWS_ACCOUNT_ID_ANNOTATION,
  AWS_ACCOUNT_ID_PATTERN,
  AWS_REGION_ANNOTATION,
} from '@platform-portal/platform-common';

/** An aws-account Resource of the catalog with its id (and default region). */
export interface ResolvedAccount {
  entity: Entity;
  name: string;
  accountId: string;
  region?: string;
}

/**
 * Reads an aws-account entity, failing with `field` (the form field or config key the ref came
 * from) when it is not one or has no 12-digit account id.
 */
export async function resolveAccount(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  ref: string,
  field: string,
): Promise<ResolvedAccount> {
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
  const accountId = entity.metadata.annotations?.[AWS_ACCOUNT_ID_ANNOTATION];
  if (!accountId || !AWS_ACCOUNT_ID_PATTERN.test(accountId)) {
    throw new InputError(
      `${field}: ${stringifyEntityRef(
        entity,
      )} has no 12-digit ${AWS_ACCOUNT_ID_ANNOTATION} annotation`,
    );
  }
  return {
    entity,
    name: entity.metadata.name,
    accountId,
    region: entity.metadata.annotations?.[AWS_REGION_ANNOTATION],
  };
}
