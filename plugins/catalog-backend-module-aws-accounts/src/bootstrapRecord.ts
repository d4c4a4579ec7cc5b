import { Entity } from '@backstage/catalog-model';
import {
  APPLY_ROLE_ARN_ANNOTATION,
  AWS_ACCOUNT_ID_ANNOTATION,
  BOOTSTRAP_RECORD_ANNOTATION,
  BOOTSTRAP_STACK_ID_ANNOTATION,
  BootstrapRecord,
  LEGACY_DEPLOY_ROLE_ARN_ANNOTATION,
  OIDC_PROVIDER_ARN_ANNOTATION,
  PERMISSIONS_BOUNDARY_ARN_ANNOTATION,
  PLAN_ROLE_ARN_ANNOTATION,
  PORTAL_READ_ROLE_ARN_ANNOTATION,
  STATE_BUCKET_ANNOTATION,
} from '@platform-portal/platform-common';
import { isAwsAccountEntity } from './accountOverrides';

/**
 * The entity with the record's ARNs as annotations (plan and apply roles, boundary, portal role,
 * OIDC provider, state bucket). A record for another account id (a stale
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
    [PLAN_ROLE_ARN_ANNOTATION]: record.outputs.PlanRoleArn,
    [APPLY_ROLE_ARN_ANNOTATION]: record.outputs.ApplyRoleArn,
    [PERMISSIONS_BOUNDARY_ARN_ANNOTATION]:
      record.outputs.PermissionsBoundaryArn,
    // Records written before the plan/apply split name one deploy role.
    [LEGACY_DEPLOY_ROLE_ARN_ANNOTATION]: record.outputs.DeployRoleArn,
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
