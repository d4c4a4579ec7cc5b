import {
  APPLY_ROLE_NAME,
  PLAN_ROLE_NAME,
  WORKLOAD_BOUNDARY_POLICY,
} from '../accountBootstrap';
import {
  attr,
  blank,
  block,
  comment,
  HclItem,
  HclRaw,
  raw,
  renderFile,
} from './hcl';
import { coreNodeCount } from '../request/tierRules';
import { ModuleName, RenderContext } from './options';

const TAGS = raw('local.tags');
const BOUNDARY = raw('local.workload_boundary_arn');

/**
 * Library modules that create IAM roles: each takes the boundary, which terraform-apply may
 * create roles only with (the path /platform/workloads/ is fixed inside the modules).
 */
const MODULES_CREATING_ROLES: ReadonlySet<ModuleName> = new Set<ModuleName>([
  'vpc',
  'eks',
  'karpenter',
  'irsa',
  'database',
  'secrets',
  'alb-ingress',
]);
const KMS = raw('module.security_baseline.kms_key_arn');
const CLUSTER = raw('module.eks.cluster_name');

/** Settings derived from the tier rather than asked for in the form. */
function tierDefaults(ctx: RenderContext) {
  const prod = ctx.request.tier === 'prod';
  return {
    deletionProtection: prod || ctx.request.tier === 'staging',
    logRetentionDays: prod ? 365 : 30,
    coreNodeCount: coreNodeCount(ctx.request.tier),
  };
}

function moduleBlock(
  ctx: RenderContext,
  label: string,
  name: ModuleName,
  body: HclItem[],
): HclItem {
  return block(
    'module',
    [label],
    [
      attr('source', `${ctx.moduleSourcePrefix}/${name}`),
      blank,
      ...body,
      ...(MODULES_CREATING_ROLES.has(name)
        ? [attr('permissions_boundary_arn', BOUNDARY)]
        : []),
      blank,
      attr('tags', TAGS),
    ],
  );
}

function networkModules(ctx: RenderContext): HclItem[] {
  const d = tierDefaults(ctx);
  return [
    moduleBlock(ctx, 'security_baseline', 'security-baseline', [
      attr('name', raw('var.environment')),
    ]),
    moduleBlock(ctx, 'vpc', 'vpc', [
      attr('name', raw('var.environment')),
      attr('cidr', raw('var.vpc_cidr')),
      attr('azs', raw('var.azs')),
      attr('public_subnets', raw('var.public_subnets')),
      attr('private_subnets', raw('var.private_subnets')),
      attr('database_subnets', raw('var.database_subnets')),
      attr('intra_subnets', raw('var.intra_subnets')),
      attr('single_nat_gateway', raw('var.single_nat_gateway')),
      attr('cluster_name', raw('var.environment')),
      attr('kms_key_arn', KMS),
      attr('flow_log_retention_days', d.logRetentionDays),
    ]),
  ];
}

function clusterModules(ctx: RenderContext): HclItem[] {
  const d = tierDefaults(ctx);
  return [
    moduleBlock(ctx, 'eks', 'eks', [
      attr('name', raw('var.environment')),
      attr('kubernetes_version', raw('var.kubernetes_version')),
      attr('vpc_id', raw('module.vpc.vpc_id')),
      attr('private_subnet_ids', raw('module.vpc.private_subnet_ids')),
      attr('control_plane_subnet_ids', raw('module.vpc.intra_subnet_ids')),
      attr('core_node_count', d.coreNodeCount),
      attr('log_retention_days', d.logRetentionDays),
      attr('deletion_protection', d.deletionProtection),
      attr('kms_key_arn', KMS),
      attr('pipeline_role_arns', raw('local.pipeline_role_arns')),
      attr('gitops_hub_role_arn', raw('var.gitops_hub_role_arn')),
    ]),
    moduleBlock(ctx, 'karpenter', 'karpenter', [
      attr('cluster_name', CLUSTER),
      attr('kms_key_arn', KMS),
    ]),
    moduleBlock(ctx, 'workload_identity', 'irsa', [
      comment('Pod Identity roles for application service accounts go here.'),
      attr('cluster_name', CLUSTER),
      attr('roles', {}),
    ]),
  ];
}

function dataModules(ctx: RenderContext): HclItem[] {
  const d = tierDefaults(ctx);
  return [
    moduleBlock(ctx, 'database', 'database', [
      attr('name', raw('"${var.environment}-postgres"')),
      attr('engine', raw('var.database_engine')),
      attr('instance_class', raw('var.database_instance_class')),
      attr('vpc_id', raw('module.vpc.vpc_id')),
      attr(
        'db_subnet_group_name',
        raw('module.vpc.database_subnet_group_name'),
      ),
      attr(
        'allowed_cidr_blocks',
        raw('module.vpc.private_subnets_cidr_blocks'),
      ),
      attr('kms_key_arn', KMS),
      attr('backup_retention_days', raw('var.database_backup_retention_days')),
      attr('read_replicas', raw('var.database_read_replicas')),
      attr('multi_az', raw('var.database_multi_az')),
      attr('azs', raw('var.azs')),
      attr('deletion_protection', d.deletionProtection),
    ]),
    moduleBlock(ctx, 'secrets', 'secrets', [
      comment(
        'Platform secrets only (<env>/platform/*): the controller serves every store that names',
      ),
      comment(
        'no identity of its own, so it must not reach service or database credentials.',
      ),
      attr('cluster_name', CLUSTER),
      attr('region', raw('var.region')),
      attr(
        'secret_arns',
        raw(
          '["arn:aws:secretsmanager:${var.region}:${var.account_id}:secret:${var.environment}/platform/*"]',
        ),
      ),
      attr('kms_key_arns', raw('[module.security_baseline.kms_key_arn]')),
    ]),
  ];
}

function edgeModules(ctx: RenderContext): HclItem[] {
  const d = tierDefaults(ctx);
  return [
    moduleBlock(ctx, 'waf', 'waf', [
      attr('name', raw('var.environment')),
      attr('rate_limit_per_5_minutes', raw('var.waf_rate_limit_per_5_minutes')),
      attr('log_retention_days', d.logRetentionDays),
      attr('kms_key_arn', KMS),
    ]),
    moduleBlock(ctx, 'alb_ingress', 'alb-ingress', [
      attr('cluster_name', CLUSTER),
      attr('domain', raw('var.domain')),
      attr('certificate_arn', raw('var.certificate_arn')),
      attr(
        'wait_for_certificate_validation',
        raw('var.wait_for_certificate_validation'),
      ),
      attr('access_log_retention_days', d.logRetentionDays),
    ]),
    moduleBlock(ctx, 'observability', 'observability', [
      attr('name', raw('var.environment')),
      attr('cluster_name', CLUSTER),
      attr('region', raw('var.region')),
      attr('waf_acl_name', raw('module.waf.web_acl_name')),
      attr('database_identifier', raw('module.database.identifier')),
      attr(
        'database_is_aurora',
        raw('var.database_engine != "rds-postgresql"'),
      ),
      attr('kms_key_arn', KMS),
      attr('log_retention_days', d.logRetentionDays),
    ]),
  ];
}

/** `"arn:aws:iam::${var.account_id}:<resource>"`: an HCL template expression. */
function targetAccountArn(resource: string): HclRaw {
  return raw(`"arn:aws:iam::\${var.account_id}:${resource}"`);
}

export function renderMainTf(ctx: RenderContext): string {
  return renderFile([
    block(
      'locals',
      [],
      [
        attr('tags', {
          Environment: raw('var.environment'),
          Tier: raw('var.tier'),
        }),
        blank,
        comment(
          'From the account bootstrap: terraform-apply creates IAM roles only with this',
        ),
        comment(
          'permissions boundary and under the path /platform/workloads/.',
        ),
        attr(
          'workload_boundary_arn',
          targetAccountArn(WORKLOAD_BOUNDARY_POLICY),
        ),
        blank,
        comment(
          'The pipeline roles: terraform-apply administers the EKS secrets key. Neither gets',
        ),
        comment(
          'Kubernetes access: this root holds AWS resources only, the Argo CD hub delivers the rest.',
        ),
        attr('pipeline_role_arns', {
          plan: targetAccountArn(`role/${PLAN_ROLE_NAME}`),
          apply: targetAccountArn(`role/${APPLY_ROLE_NAME}`),
        }),
      ],
    ),
    ...networkModules(ctx),
    ...clusterModules(ctx),
    ...dataModules(ctx),
    ...edgeModules(ctx),
  ]);
}
