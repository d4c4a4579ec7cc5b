import { Entity } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  AWS_ACCOUNT_ID_ANNOTATION,
  AWS_ACCOUNT_ID_PATTERN,
  AWS_REGION_ANNOTATION,
  AWS_REGION_PATTERN,
} from '@platform-portal/platform-common';

export type AwsAccountOverride = { accountId?: string; region?: string };

/**
 * Reads and validates `platform.awsAccounts`. Invalid values fail start-up with the config path
 * and the rule, rather than silently putting a wrong id on an account entity.
 */
export function readAwsAccountOverrides(
  config: Config,
): Map<string, AwsAccountOverride> {
  const overrides = new Map<string, AwsAccountOverride>();
  const section = config.getOptionalConfig('platform.awsAccounts');
  if (!section) return overrides;
  for (const name of section.keys()) {
    const entry = section.getConfig(name);
    const path = `platform.awsAccounts.${name}`;
    const accountId = entry.getOptionalString('accountId');
    const region = entry.getOptionalString('region');
    if (accountId !== undefined && !AWS_ACCOUNT_ID_PATTERN.test(accountId)) {
      throw new InputError(
        `${path}.accountId must be exactly 12 digits (quote it in YAML to keep leading zeros), got '${accountId}'`,
      );
    }
    if (region !== undefined && !AWS_REGION_PATTERN.test(region)) {
      throw new InputError(
        `${path}.region must be an AWS region code such as eu-west-1, got '${region}'`,
      );
    }
    overrides.set(name, { accountId, region });
  }
  return overrides;
}

export function isAwsAccountEntity(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    entity.spec?.type === 'aws-account'
  );
}

/** Returns the entity with the configured id and region applied; other entities are untouched. */
export function applyAwsAccountOverride(
  entity: Entity,
  overrides: Map<string, AwsAccountOverride>,
): Entity {
  if (!isAwsAccountEntity(entity)) return entity;
  const override = overrides.get(entity.metadata.name);
  if (!override) return entity;
  const annotations = { ...entity.metadata.annotations };
  if (override.accountId)
    annotations[AWS_ACCOUNT_ID_ANNOTATION] = override.accountId;
  if (override.region) annotations[AWS_REGION_ANNOTATION] = override.region;
  return { ...entity, metadata: { ...entity.metadata, annotations } };
}
