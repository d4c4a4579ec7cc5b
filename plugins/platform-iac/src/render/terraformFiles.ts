import {
  attr,
  block,
  comment,
  HclItem,
  HclValue,
  raw,
  renderBody,
  renderFile,
} from './hcl';
import { RenderContext } from './options';
import { pipelineRoleVariable } from './pipelineRole';

/** Root input variables: type, description and the request value for tfvars. */
interface RootVariable {
  name: string;
  type: string;
  description: string;
  value: (ctx: RenderContext) => HclValue;
}

const VARIABLES: RootVariable[] = [
  v('environment', 'string', 'Environment name.', c => c.request.name),
  v('tier', 'string', 'dev, staging, prod or other.', c => c.request.tier),
  v('owner', 'string', 'Owning group entity ref.', c => c.request.owner),
  v(
    'account_id',
    'string',
    'Target AWS account.',
    c => c.request.account.accountId,
  ),
  v('region', 'string', 'Target AWS region.', c => c.request.region),
  v('vpc_cidr', 'string', 'VPC CIDR block.', c => c.network.vpcCidr),
  v('azs', 'list(string)', 'The three availability zones.', c => c.network.azs),
  v(
    'public_subnets',
    'list(string)',
    'Public subnet CIDRs per AZ.',
    c => c.network.publicSubnets,
  ),
  v(
    'private_subnets',
    'list(string)',
    'Private subnet CIDRs per AZ.',
    c => c.network.privateSubnets,
  ),
  v(
    'database_subnets',
    'list(string)',
    'Database subnet CIDRs per AZ.',
    c => c.network.databaseSubnets,
  ),
  v(
    'intra_subnets',
    'list(string)',
    'Intra subnet CIDRs per AZ.',
    c => c.network.intraSubnets,
  ),
  v(
    'single_nat_gateway',
    'bool',
    'One NAT gateway for all AZs.',
    c => c.request.network.singleNatGateway,
  ),
  v(
    'kubernetes_version',
    'string',
    'EKS Kubernetes version.',
    c => c.request.kubernetes.version,
  ),
  v(
    'database_engine',
    'string',
    'aurora-postgresql, aurora-serverless-v2 or rds-postgresql.',
    c => c.request.database.engine,
  ),
  v(
    'database_instance_class',
    'string',
    'Database instance class.',
    c => c.request.database.instanceClass,
  ),
  v(
    'database_backup_retention_days',
    'number',
    'Automated backup retention.',
    c => c.request.database.backupRetentionDays,
  ),
  v(
    'database_read_replicas',
    'number',
    'Number of read replicas.',
    c => c.request.database.readReplicas,
  ),
  v(
    'database_multi_az',
    'bool',
    'Keep a standby in another AZ.',
    c => c.request.database.multiAz,
  ),
  v(
    'waf_rate_limit_per_5_minutes',
    'number',
    'Requests per 5 minutes per IP before WAF blocks.',
    c => c.request.waf.rateLimitPer5Minutes,
  ),
  v(
    'domain',
    'string',
    'Public DNS name of the environment.',
    c => c.request.ingress.domain,
  ),
  v(
    'certificate_arn',
    'string',
    'ACM certificate ARN, null to request one for domain and *.domain.',
    c => c.request.ingress.certificateArn ?? null,
  ),
  v(
    'gitops_hub_role_arn',
    'string',
    'IAM role of the Argo CD hub that delivers stage 2 (cluster admin access entry).',
    c => c.gitops.hubRoleArn,
  ),
];

function v(
  name: string,
  type: string,
  description: string,
  value: (ctx: RenderContext) => HclValue,
): RootVariable {
  return { name, type, description, value };
}

export function renderBackendTf(ctx: RenderContext): string {
  const { state, name } = ctx.request;
  return renderFile([
    block(
      'terraform',
      [],
      [
        comment(
          `State lives in the shared account ${state.accountId} and is read with the`,
        ),
        comment(
          "pipeline's own credentials there (no assume_role): terraform-plan reads it and",
        ),
        comment(
          'takes the lock, terraform-apply also writes it. use_lockfile enables native',
        ),
        comment('S3 locking (Terraform >= 1.10), no DynamoDB table.'),
        block(
          'backend',
          ['s3'],
          [
            attr('bucket', state.bucket),
            attr('key', `environments/${name}/terraform.tfstate`),
            attr('region', state.region),
            attr('encrypt', true),
            attr('use_lockfile', true),
          ],
        ),
      ],
    ),
  ]);
}

export function renderVariablesTf(): string {
  return renderFile([
    ...VARIABLES.map(variable => {
      const body: HclItem[] = [
        attr('description', variable.description),
        attr('type', raw(variable.type)),
      ];
      if (variable.name === 'certificate_arn') body.push(attr('default', null));
      return block('variable', [variable.name], body);
    }),
    pipelineRoleVariable(),
    block(
      'variable',
      ['wait_for_certificate_validation'],
      [
        attr(
          'description',
          'Wait in the apply until the certificate is issued. Set it to true only once the parent zone delegates the domain to the output route53_name_servers; before that the apply would block until it times out.',
        ),
        attr('type', raw('bool')),
        attr('default', false),
      ],
    ),
  ]);
}

export function renderTfvars(ctx: RenderContext): string {
  return renderBody(
    VARIABLES.map(x => attr(x.name, x.value(ctx))),
    0,
  );
}

const OUTPUTS: Array<[string, string, string]> = [
  ['vpc_id', 'module.vpc.vpc_id', 'ID of the VPC.'],
  ['cluster_name', 'module.eks.cluster_name', 'Name of the EKS cluster.'],
  [
    'cluster_endpoint',
    'module.eks.cluster_endpoint',
    'EKS API endpoint (private).',
  ],
  [
    'cluster_arn',
    'module.eks.cluster_arn',
    'ARN of the EKS cluster (the Argo CD hub registers it by this ARN).',
  ],
  [
    'karpenter_node_role_name',
    'module.karpenter.node_iam_role_name',
    'Role of Karpenter nodes.',
  ],
  [
    'database_endpoint',
    'module.database.endpoint',
    'Writer endpoint of the database.',
  ],
  [
    'database_secret_arn',
    'module.database.master_user_secret_arn',
    'Secret with the master credentials.',
  ],
  ['waf_acl_arn', 'module.waf.web_acl_arn', 'WAF web ACL of the ALBs.'],
  [
    'certificate_validation_records',
    'module.alb_ingress.certificate_validation_records',
    "DNS records validating the certificate, created in the environment's zone.",
  ],
  [
    'route53_name_servers',
    'module.alb_ingress.route53_name_servers',
    'Delegate the domain to these name servers (NS records in the parent zone): the certificate validates once they answer.',
  ],
  [
    'alb_access_logs_bucket',
    'module.alb_ingress.access_logs_bucket',
    'S3 bucket of the ALB access logs (<environment>-alb-logs-<account>-<region>).',
  ],
  [
    'alarm_topic_arn',
    'module.observability.alarm_topic_arn',
    'SNS topic of the alarms.',
  ],
];

export function renderOutputsTf(): string {
  return renderFile(
    OUTPUTS.map(([name, value, description]) =>
      block(
        'output',
        [name],
        [attr('description', description), attr('value', raw(value))],
      ),
    ),
  );
}
