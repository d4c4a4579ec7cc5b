import {
  AWS_ACCOUNT_ID_ANNOTATION,
  AWS_REGION_ANNOTATION,
  DOMAIN_ANNOTATION,
  INGRESS_CLASS_ANNOTATION,
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
import { CHARTS } from './cluster/addons';
import { INGRESS_CLASS_NAME } from './cluster/ingress';
import { WAVE, clusterArn } from './cluster/manifests';
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
    'Terraform here creates AWS resources only; nothing in this root talks to the Kubernetes API, so a plan works on an empty account and no runner needs to reach the private cluster endpoint.',
    '',
  ];
}

/** The order in which the environment comes up, from pull request to DNS, and why this way. */
function bringUpSection(ctx: RenderContext): string[] {
  const { request: r, gitops } = ctx;
  const charts = (Object.keys(CHARTS) as Array<keyof typeof CHARTS>).map(
    name => `${name} ${CHARTS[name].version}`,
  );
  return [
    '## How this environment comes up, in order',
    '',
    'Nobody runs `kubectl` or `helm`: Terraform builds the AWS side, Argo CD the inside of the cluster.',
    '',
    `1. **Pull request**: the workflow runs \`terraform plan\` as ${PLAN_ROLE_NAME} (read only) and posts the plan for review.`,
    `2. **Merge**: \`terraform apply\` as ${APPLY_ROLE_NAME} creates stage 1, AWS resources only: the VPC; EKS ${r.kubernetes.version} with its core managed node group (label \`workload-class: core\`, taint \`CriticalAddonsOnly\`) and the EKS add-ons vpc-cni (NetworkPolicy enforced), aws-ebs-csi-driver, eks-pod-identity-agent, coredns and kube-proxy; the IAM roles and Pod Identity associations of Karpenter, the load balancer controller, External Secrets and the EBS CSI driver; Karpenter's interruption queue \`${r.name}-karpenter\`; the database; the web ACL \`${r.name}\`; the certificate for \`${r.ingress.domain}\` and \`*.${r.ingress.domain}\`; and an EKS access entry for the Argo CD hub's role \`${gitops.hubRoleArn}\`.`,
    `3. **Registration**: the hub's root Application syncs \`environments/*/gitops/\` from \`${
      gitops.repoUrl
    }\` (${gitops.revision}) into namespace \`${
      gitops.namespace
    }\`. For this environment that is \`gitops/cluster.yaml\` (the cluster, by its ARN \`${clusterArn(
      r,
    )}\`, no credentials), \`gitops/project.yaml\` (project \`${
      r.name
    }\`: this cluster only, this repository and the pinned charts only) and the Applications in \`gitops/\`. Until step 2 has finished the cluster does not exist and the Applications retry.`,
    `4. **Inside the cluster**, by sync wave: (${
      WAVE.base
    }) namespaces and the default encrypted gp3 StorageClass; (${
      WAVE.karpenter
    }) Karpenter on the core nodes; (${
      WAVE.nodes
    }) NodePools and EC2NodeClass; (${
      WAVE.controllers
    }) the AWS load balancer controller and External Secrets on the core nodes; (${
      WAVE.classes
    }) the default IngressClass \`${INGRESS_CLASS_NAME}\` and the \`platform\` ClusterSecretStore; (${
      WAVE.monitoring
    }) kube-prometheus-stack on Karpenter nodes, its volumes on gp3. Charts: ${charts.join(
      ', ',
    )}. A layer whose CRDs or nodes are not there yet fails its sync and retries with backoff (no retry limit) until they are; the order does not depend on Argo CD waiting for a child Application's health.`,
    `5. **DNS**: delegate \`${r.ingress.domain}\` to the name servers in the Terraform output \`route53_name_servers\` (an NS record in the parent zone). The certificate's DNS validation records are already in that zone, so ACM issues the certificate once the delegation resolves; until then HTTPS listeners for the domain cannot be created. Once delegated, applies may pass \`-var wait_for_certificate_validation=true\` to wait until the certificate is issued (without delegation that apply would block until it times out).`,
    '',
    '### Why a hub, and what it costs',
    '',
    `The cluster's API endpoint is private. GitHub-hosted runners cannot reach it, so anything in Terraform that talks to Kubernetes (providers, \`kubernetes_manifest\`, \`helm_release\`) would time out, and a first plan would fail because CRDs do not exist yet. Instead the EKS Argo CD capability on a management cluster in the shared account (the hub) deploys stage 2 over the EKS API with its IAM role, for which stage 1 creates an access entry (cluster admin: the charts install CRDs, webhooks and cluster roles).`,
    '',
    '- The hub is shared by every environment: an outage pauses delivery everywhere (running clusters keep running), and its role can change every registered cluster, so it belongs to the platform team alone.',
    '- The capability signs people in through IAM Identity Center, which the organisation must have enabled.',
    `- The hub is set up once: the capability with role \`${gitops.hubRoleArn}\`, read access to \`${gitops.repoUrl}\`, and a root Application in project \`${gitops.project}\` syncing \`environments/*/gitops/\` (directory source, recurse) into \`${gitops.namespace}\`; that project may create Secrets, AppProjects and Applications in \`${gitops.namespace}\` only. The Karpenter chart is an OCI source (\`oci://\`, path \`.\`), which needs Argo CD 3.1 or later on the hub.`,
    '- Alternatives considered: an Argo CD capability per cluster removes the shared hub but needs a token or bootstrap step per cluster to register its repository and root Application; a public endpoint restricted by CIDR does not work for GitHub-hosted runners, whose addresses are not a small stable set.',
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
    `- EKS ${r.kubernetes.version} (private endpoint, encrypted secrets, core node group) with Karpenter (NodePools and EC2NodeClass in \`cluster/karpenter/\`)`,
    `- PostgreSQL (${r.database.engine}, ${r.database.instanceClass}, ${r.database.readReplicas} read replica(s), backups ${r.database.backupRetentionDays} days)`,
    `- WAF (managed rules, ${r.waf.rateLimitPer5Minutes} requests / 5 min / IP) in front of the ALB ingress`,
    '- In the cluster, delivered by Argo CD from `cluster/` and `gitops/`: the AWS load balancer controller, External Secrets Operator, an encrypted gp3 default StorageClass and Prometheus/Grafana',
    '- CloudWatch alarms; the account baseline (GuardDuty, Security Hub, AWS Config, CloudTrail) belongs to the account, not to this environment',
    '',
    '## Network',
    '',
    `VPC CIDR: \`${network.vpcCidr}\``,
    '',
    subnetTable(network),
    '',
    ...pipelineSection(ctx),
    ...bringUpSection(ctx),
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
        [DOMAIN_ANNOTATION]: r.ingress.domain,
        [INGRESS_CLASS_ANNOTATION]: INGRESS_CLASS_NAME,
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
