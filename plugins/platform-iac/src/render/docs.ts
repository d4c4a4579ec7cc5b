import {
  AWS_ACCOUNT_ID_ANNOTATION,
  AWS_REGION_ANNOTATION,
  TIER_ANNOTATION,
  VPC_CIDR_ANNOTATION,
} from '@platform-portal/platform-common';
import { stringify } from 'yaml';
import { CostEstimate, NetworkPlan } from '../types';
import {
  APPLY_ROLE_NAME,
  PLAN_ROLE_NAME,
  WORKLOAD_BOUNDARY_POLICY,
  WORKLOAD_IAM_PATH,
} from '../accountBootstrap';
import { RenderContext } from './options';
import { PIPELINE_ROLE_VARIABLE } from './pipelineRole';

/** Escapes text for a Markdown table cell. */
function cell(value: string | number): string {
  return String(value)
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
}

function table(headers: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) =>
    `| ${cells.map(cell).join(' | ')} |`;
  return [
    line(headers),
    line(headers.map(() => '---')),
    ...rows.map(line),
  ].join('\n');
}

function subnetTable(network: NetworkPlan): string {
  const rows = network.azs.map((az, i) => [
    az,
    network.publicSubnets[i] ?? '',
    network.privateSubnets[i] ?? '',
    network.databaseSubnets[i] ?? '',
    network.intraSubnets[i] ?? '',
  ]);
  return table(['AZ', 'public', 'private', 'database', 'intra'], rows);
}

function usd(value: number): string {
  return `$${value.toFixed(2)}`;
}

function costTable(cost: CostEstimate): string {
  const rows = cost.lines.map(l => [
    l.item,
    l.quantity,
    usd(l.unitMonthlyUsd),
    usd(l.monthlyUsd),
  ]);
  rows.push(['**Total**', '', '', `**${usd(cost.monthlyUsd)}**`]);
  return table(['Item', 'Qty', 'Unit / month', 'Month'], rows);
}

/** Which bootstrap role each pipeline phase runs as, and the commands it runs. */
function pipelineSection(ctx: RenderContext): string[] {
  const { request: r } = ctx;
  const apply = `-var ${PIPELINE_ROLE_VARIABLE}=${APPLY_ROLE_NAME}`;
  return [
    '## Plan and apply',
    '',
    `The infrastructure repository's workflows run Terraform in the shared account ${r.state.accountId} (which holds the state) and assume the role of the same name in ${r.account.accountId}, both created by the account bootstrap:`,
    '',
    table(
      ['Phase', 'Role', 'Runs on', 'May'],
      [
        [
          '`terraform plan`',
          `\`${PLAN_ROLE_NAME}\``,
          'pull requests',
          'read only; read the state and take its lock',
        ],
        [
          '`terraform apply`',
          `\`${APPLY_ROLE_NAME}\``,
          '`main` and the GitHub environment of the account',
          `create and change resources; IAM roles only under \`${WORKLOAD_IAM_PATH}\` with the permissions boundary \`${WORKLOAD_BOUNDARY_POLICY}\``,
        ],
      ],
    ),
    '',
    `\`${PIPELINE_ROLE_VARIABLE}\` picks the role and defaults to \`${PLAN_ROLE_NAME}\`, so a run is read-only unless the apply job says otherwise:`,
    '',
    '```sh',
    'terraform init',
    `# pull request, as ${PLAN_ROLE_NAME}`,
    'terraform plan',
    `# main or the account's GitHub environment, as ${APPLY_ROLE_NAME}`,
    `terraform plan ${apply} -out tfplan`,
    'terraform apply tfplan',
    '```',
    '',
    `The cluster has an access entry for each role (${APPLY_ROLE_NAME}: cluster admin; ${PLAN_ROLE_NAME}: read, Secrets included, as Helm keeps its releases there). The Karpenter manifests under \`k8s/\` are applied once the cluster exists, by an identity with an access entry:`,
    '',
    '```sh',
    `aws eks update-kubeconfig --name ${r.name} --region ${r.region}`,
    'kubectl apply -f k8s/',
    '```',
    '',
  ];
}

export function renderReadme(ctx: RenderContext): string {
  const { request: r, network, cost } = ctx;
  const assumptions = cost.assumptions.map(a => `- ${a.replace(/\s+/g, ' ')}`);
  return [
    `# Environment \`${r.name}\``,
    '',
    `Tier **${r.tier}** in account ${cell(r.account.name)} (${
      r.account.accountId
    }), region ${r.region}. Owner: ${cell(r.owner)}.`,
    '',
    '## What it creates',
    '',
    `- VPC ${network.vpcCidr} over three AZs with ${
      r.network.singleNatGateway
        ? 'a single NAT gateway'
        : 'one NAT gateway per AZ'
    }, flow logs and S3 / Secrets Manager endpoints`,
    `- EKS ${r.kubernetes.version} (private endpoint, encrypted secrets, core node group) with Karpenter`,
    `- PostgreSQL (${r.database.engine}, ${r.database.instanceClass}, ${r.database.readReplicas} read replica(s), backups ${r.database.backupRetentionDays} days)`,
    `- WAF (managed rules, ${r.waf.rateLimitPer5Minutes} requests / 5 min / IP) in front of the ALB ingress`,
    '- External Secrets Operator, GuardDuty, Security Hub, AWS Config, CloudWatch alarms, Prometheus/Grafana',
    '',
    '## Network',
    '',
    `VPC CIDR: \`${network.vpcCidr}\``,
    '',
    subnetTable(network),
    '',
    ...pipelineSection(ctx),
    `## Estimated cost (${cost.region}, prices as of ${cost.pricesAsOf})`,
    '',
    costTable(cost),
    '',
    ...(assumptions.length ? ['Assumptions:', '', ...assumptions, ''] : []),
  ].join('\n');
}

export function renderCatalogInfo(ctx: RenderContext): string {
  const { request: r, network } = ctx;
  const entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: r.name,
      description: `${r.tier} environment ${r.name} in ${r.region}`,
      annotations: {
        [AWS_ACCOUNT_ID_ANNOTATION]: r.account.accountId,
        [AWS_REGION_ANNOTATION]: r.region,
        [TIER_ANNOTATION]: r.tier,
        [VPC_CIDR_ANNOTATION]: network.vpcCidr,
      },
      tags: ['environment', r.tier, 'aws', 'eks'],
    },
    spec: {
      type: 'environment',
      owner: r.owner,
      dependsOn: [`resource:default/${r.account.name}`],
    },
  };
  return stringify(entity, { lineWidth: 0 });
}
