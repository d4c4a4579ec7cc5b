/**
 * What the account bootstrap (the `platform-bootstrap` stack of
 * scaffolder-backend-module-platform-aws-account) promises the generated Terraform. The names are
 * fixed in that bundled template, which is deployed only when its digest matches, so they are
 * constants here rather than options.
 */

/** Read-only role of pull-request runs: `terraform plan`, state read and lock. */
export const PLAN_ROLE_NAME = 'terraform-plan';
/** Role of runs on `main` and in the account's GitHub environment: `terraform apply`. */
export const APPLY_ROLE_NAME = 'terraform-apply';
/** The roles a pipeline phase may assume; the plan role first (the least-privilege default). */
export const PIPELINE_ROLE_NAMES = [PLAN_ROLE_NAME, APPLY_ROLE_NAME] as const;
export type PipelineRoleName = (typeof PIPELINE_ROLE_NAMES)[number];

/** `terraform-apply` creates and passes roles (and policies, instance profiles) only here. */
export const WORKLOAD_IAM_PATH = '/platform/workloads/';
/** The customer-managed boundary every role `terraform-apply` creates must carry. */
export const WORKLOAD_BOUNDARY_POLICY =
  'policy/platform-bootstrap/platform-workload-boundary';

export function workloadBoundaryArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:${WORKLOAD_BOUNDARY_POLICY}`;
}

export function pipelineRoleArn(
  accountId: string,
  roleName: PipelineRoleName,
): string {
  return `arn:aws:iam::${accountId}:role/${roleName}`;
}
