import { Entity } from '@backstage/catalog-model';
import {
  AWS_ACCOUNT_ID_ANNOTATION,
  isAwsAccountEntity,
} from './accountOverrides';

/** Annotations the account bootstrap puts on an aws-account entity. */
export const BOOTSTRAP_STACK_ID_ANNOTATION =
  'platform-portal.io/bootstrap-stack-id';
export const DEPLOY_ROLE_ARN_ANNOTATION = 'platform-portal.io/deploy-role-arn';
export const PORTAL_READ_ROLE_ARN_ANNOTATION =
  'platform-portal.io/portal-read-role-arn';
export const OIDC_PROVIDER_ARN_ANNOTATION =
  'platform-portal.io/oidc-provider-arn';
export const STATE_BUCKET_ANNOTATION = 'platform-portal.io/state-bucket';
/** Where the record was read from (repository file), for people tracing a value. */
export const BOOTSTRAP_RECORD_ANNOTATION =
  'platform-portal.io/bootstrap-record';

/**
 * `accounts/<entity name>.json` in the infrastructure repository, written by the scaffolder
 * action platform:aws:record-bootstrap.
 */
export interface BootstrapRecord {
  account: string;
  accountId: string;
  region: string;
  stackName: string;
  stackId: string;
  outputs: Record<string, string>;
}

const ARN = /^arn:aws[a-z-]*:/;

/** Parses and checks a record; the error says which file and which field is wrong. */
export function parseBootstrapRecord(
  text: string,
  source: string,
): BootstrapRecord {
  let data: any;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  const fail = (rule: string) => {
    throw new Error(`${source}: ${rule}`);
  };
  if (!data || typeof data !== 'object') fail('must hold a JSON object');
  for (const key of [
    'account',
    'accountId',
    'region',
    'stackName',
    'stackId',
  ]) {
    if (typeof data[key] !== 'string' || !data[key])
      fail(`${key} must be a non-empty string`);
  }
  if (!/^\d{12}$/.test(data.accountId)) fail('accountId must be 12 digits');
  if (!ARN.test(data.stackId)) fail('stackId must be an ARN');
  if (!data.outputs || typeof data.outputs !== 'object')
    fail('outputs must be an object');
  for (const [key, value] of Object.entries(data.outputs)) {
    if (typeof value !== 'string') fail(`outputs.${key} must be a string`);
  }
  return data as BootstrapRecord;
}

/**
 * The entity with the record's ARNs as annotations. A record for another account id (a stale
 * file, or an entity pointed at a new account) is ignored rather than shown on the wrong account.
 */
export function applyBootstrapRecord(
  entity: Entity,
  record: BootstrapRecord,
  source: string,
): Entity {
  if (!isAwsAccountEntity(entity)) return entity;
  if (
    entity.metadata.annotations?.[AWS_ACCOUNT_ID_ANNOTATION] !==
    record.accountId
  ) {
    return entity;
  }
  const values: Record<string, string | undefined> = {
    [BOOTSTRAP_STACK_ID_ANNOTATION]: record.stackId,
    [DEPLOY_ROLE_ARN_ANNOTATION]: record.outputs.DeployRoleArn,
    [PORTAL_READ_ROLE_ARN_ANNOTATION]: record.outputs.PortalReadOnlyRoleArn,
    [OIDC_PROVIDER_ARN_ANNOTATION]: record.outputs.OidcProviderArn,
    [STATE_BUCKET_ANNOTATION]: record.outputs.StateBucketName,
    [BOOTSTRAP_RECORD_ANNOTATION]: source,
  };
  const annotations = { ...entity.metadata.annotations };
  for (const [key, value] of Object.entries(values)) {
    if (value) annotations[key] = value;
  }
  return { ...entity, metadata: { ...entity.metadata, annotations } };
}
