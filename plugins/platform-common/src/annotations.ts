/*
 * Every annotation (and AWS tag key) the Platform Portal reads or writes, one constant each: the
 * one home of these names. Entities come from catalog/ files, the templates' catalog-info.yaml,
 * the catalog modules (aws-accounts, aws-insights, infrastructure-repo) and the insights UI reads
 * them back, so a rename here reaches every side at once.
 */

// aws.amazon.com/*: the names Backstage's own AWS plugins use, so their cards work on our entities.

/** The 12-digit AWS account id of an aws-account, environment or AWS resource entity. */
export const AWS_ACCOUNT_ID_ANNOTATION = 'aws.amazon.com/account-id';
/** The default region of an aws-account, or the region of an environment or AWS resource. */
export const AWS_REGION_ANNOTATION = 'aws.amazon.com/region';
/** The ARN of an AWS resource entity (EKS cluster, database, web ACL). */
export const AWS_ARN_ANNOTATION = 'aws.amazon.com/arn';

// platform-portal.io/*: the portal's own vocabulary.

/** Tier of an environment: dev, staging, prod or other. */
export const TIER_ANNOTATION = 'platform-portal.io/tier';
/** VPC block of an environment; the CIDR allocator reads it back to avoid overlaps. */
export const VPC_CIDR_ANNOTATION = 'platform-portal.io/vpc-cidr';
/** Optional public DNS zone of an environment (services get `<service>.<domain>`). */
export const DOMAIN_ANNOTATION = 'platform-portal.io/domain';
/** Optional IngressClass of an environment; templates/aws-environment creates `alb`. */
export const INGRESS_CLASS_ANNOTATION = 'platform-portal.io/ingress-class';
/**
 * Branch of the infrastructure repository an environment entity was read from: the base branch
 * once merged, `env/<name>` while its change waits for review.
 */
export const INFRASTRUCTURE_BRANCH_ANNOTATION =
  'platform-portal.io/infrastructure-branch';
/** Clone URL of the service repository an entity was read from (local service repositories). */
export const SERVICE_REPOSITORY_ANNOTATION =
  'platform-portal.io/service-repository';
/** The `environment` tag of an AWS resource, verbatim. */
export const ENVIRONMENT_ANNOTATION = 'platform-portal.io/environment';
/** The real AWS name of a resource, which its entity name may extend (collisions) or shorten. */
export const AWS_NAME_ANNOTATION = 'platform-portal.io/aws-name';

/** Role an aws-account plays: shared (holds Terraform state), workload or management. */
export const ACCOUNT_ROLE_ANNOTATION = 'platform-portal.io/account-role';
/**
 * `"true"` on the aws-accounts named in `platform.iac.productionAccounts` (set by the aws-accounts
 * catalog module, never taken from a catalog file), so the forms can show which accounts take
 * prod environments; the scaffolder actions check the config themselves.
 */
export const PRODUCTION_ACCOUNT_ANNOTATION =
  'platform-portal.io/production-account';
/** ARN of the account's `platform-bootstrap` stack, from its bootstrap record. */
export const BOOTSTRAP_STACK_ID_ANNOTATION =
  'platform-portal.io/bootstrap-stack-id';
/** ARN of `terraform-plan`, the read-only role pull-request runs assume for terraform plan. */
export const PLAN_ROLE_ARN_ANNOTATION = 'platform-portal.io/plan-role-arn';
/** ARN of `terraform-apply`, the role main and the account's GitHub environment assume. */
export const APPLY_ROLE_ARN_ANNOTATION = 'platform-portal.io/apply-role-arn';
/** ARN of the permissions boundary every role `terraform-apply` creates must carry. */
export const PERMISSIONS_BOUNDARY_ARN_ANNOTATION =
  'platform-portal.io/permissions-boundary-arn';
/**
 * ARN of the single `terraform-deploy` role of records written before the plan/apply split; read
 * from old records only, never written for a new bootstrap.
 */
export const LEGACY_DEPLOY_ROLE_ARN_ANNOTATION =
  'platform-portal.io/deploy-role-arn';
/** ARN of the read-only role the portal assumes in the account. */
export const PORTAL_READ_ROLE_ARN_ANNOTATION =
  'platform-portal.io/portal-read-role-arn';
/** ARN of the account's GitHub OIDC provider. */
export const OIDC_PROVIDER_ARN_ANNOTATION =
  'platform-portal.io/oidc-provider-arn';
/** Terraform state bucket (shared account only). */
export const STATE_BUCKET_ANNOTATION = 'platform-portal.io/state-bucket';
/** Where the bootstrap record was read from (repository file), for people tracing a value. */
export const BOOTSTRAP_RECORD_ANNOTATION =
  'platform-portal.io/bootstrap-record';

// AWS tag keys in the same namespace, on what the portal creates in AWS.

/** Stack tag holding the sha256 of the bundled template the stack was made from. */
export const BOOTSTRAP_TEMPLATE_SHA256_TAG =
  'platform-portal.io/bootstrap-template-sha256';
/** Stack tag holding a digest of template and parameters (NoEcho values included). */
export const BOOTSTRAP_FINGERPRINT_TAG =
  'platform-portal.io/bootstrap-fingerprint';
/** Tag on every stack the portal manages; its value is `platform-portal`. */
export const MANAGED_BY_TAG = 'platform-portal.io/managed-by';
