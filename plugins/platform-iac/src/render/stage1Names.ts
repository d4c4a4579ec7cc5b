/**
 * Names of the AWS resources stage 1 (the module library under templates/aws-environment/modules)
 * creates for an environment, where they are fixed by the environment name: stage 2 and the
 * docs use them instead of stage-1 outputs. `stage1Names.test.ts` reads each template from the
 * modules' text, so this list and the modules cannot drift apart.
 */

/** IAM limits: role names 64 characters, managed policy names 128. */
export const IAM_ROLE_NAME_MAX = 64;
export const IAM_POLICY_NAME_MAX = 128;
/** S3 general purpose bucket names: 63 characters. */
export const BUCKET_NAME_MAX = 63;

/** Role name suffixes after `<environment>-`, by the module that creates the role. */
export const STAGE1_ROLE_SUFFIXES = {
  eks: ['cluster', 'core-node', 'ebs-csi'],
  karpenter: ['karpenter-controller', 'karpenter-node'],
  'alb-ingress': ['aws-lb-controller'],
  secrets: ['external-secrets'],
  vpc: ['vpc-flow-log'],
  // Aurora's enhanced-monitoring role; the database module's name is `<environment>-postgres`.
  database: ['postgres-monitoring'],
} as const;

/** Managed policy name suffixes after `<environment>-`. */
export const STAGE1_POLICY_SUFFIXES = {
  eks: ['cluster-encryption'],
  karpenter: ['karpenter-controller'],
  'alb-ingress': ['aws-lb-controller'],
} as const;

/** Every IAM role name stage 1 creates for the environment (workload roles of `irsa` aside). */
export function stage1RoleNames(environment: string): string[] {
  return Object.values(STAGE1_ROLE_SUFFIXES)
    .flat()
    .map(suffix => `${environment}-${suffix}`);
}

/** Every managed IAM policy name stage 1 creates for the environment. */
export function stage1PolicyNames(environment: string): string[] {
  return Object.values(STAGE1_POLICY_SUFFIXES)
    .flat()
    .map(suffix => `${environment}-${suffix}`);
}

/** Longest role-key of the `irsa` module (its validation: `^[a-z][a-z0-9-]{0,30}$`). */
export const WORKLOAD_ROLE_KEY_MAX = 31;

/** Role of one `irsa` workload entry: `<environment>-<key>`. */
export function workloadRoleName(environment: string, key: string): string {
  return `${environment}-${key}`;
}

/** The ALB access-log bucket of the alb-ingress module. */
export function albAccessLogsBucket(
  environment: string,
  accountId: string,
  region: string,
): string {
  return `${environment}-alb-logs-${accountId}-${region}`;
}

/** Karpenter's interruption queue (chart `settings.interruptionQueue`). */
export function karpenterQueueName(environment: string): string {
  return `${environment}-karpenter`;
}
