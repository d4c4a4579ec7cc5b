import { APPLY_ROLE_NAME, PLAN_ROLE_NAME } from '../accountBootstrap';
import {
  attr,
  blank,
  block,
  comment,
  HclItem,
  HclValue,
  raw,
  renderFile,
} from './hcl';
import { RenderContext } from './options';
import { assumesPipelineRole, pipelineRoleArn } from './pipelineRole';

const TERRAFORM_VERSION = '>= 1.10';
const PROVIDERS = {
  aws: { source: 'hashicorp/aws', version: '~> 6.0' },
  helm: { source: 'hashicorp/helm', version: '~> 3.0' },
  kubernetes: { source: 'hashicorp/kubernetes', version: '~> 2.38' },
};

/** The pipeline runs in the shared account and assumes the role of the same name in the target. */
function assumeRole(ctx: RenderContext): HclItem[] {
  const roles = `${PLAN_ROLE_NAME} or ${APPLY_ROLE_NAME}`;
  if (!assumesPipelineRole(ctx)) {
    return [
      comment(
        `The target is the shared account: the pipeline already runs here as ${roles}.`,
      ),
    ];
  }
  return [
    comment(`The pipeline runs in the shared account as ${roles}`),
    comment('and assumes the role of the same name in the target account.'),
    block(
      'assume_role',
      [],
      [
        attr('role_arn', raw(pipelineRoleArn(ctx))),
        attr('session_name', `terraform-${ctx.request.name}`),
      ],
    ),
  ];
}

/** Exec-based auth so no token is ever stored in state. */
function eksExecAuth(ctx: RenderContext): HclValue {
  return {
    api_version: 'client.authentication.k8s.io/v1beta1',
    command: 'aws',
    args: raw(
      `["eks", "get-token", "--cluster-name", module.eks.cluster_name, "--region", var.region${
        assumesPipelineRole(ctx)
          ? `, "--role-arn", ${pipelineRoleArn(ctx)}`
          : ''
      }]`,
    ),
  };
}

export function renderVersionsTf(ctx: RenderContext): string {
  const requiredProviders = Object.entries(PROVIDERS).map(([name, p]) =>
    attr(name, { source: p.source, version: p.version }),
  );
  const cluster = [
    attr('host', raw('module.eks.cluster_endpoint')),
    attr(
      'cluster_ca_certificate',
      raw('base64decode(module.eks.cluster_certificate_authority_data)'),
    ),
  ];
  const exec = eksExecAuth(ctx) as Record<string, HclValue>;
  return renderFile([
    block(
      'terraform',
      [],
      [
        attr('required_version', TERRAFORM_VERSION),
        blank,
        block('required_providers', [], requiredProviders),
      ],
    ),
    block(
      'provider',
      ['aws'],
      [
        attr('region', raw('var.region')),
        attr('allowed_account_ids', [ctx.request.account.accountId]),
        blank,
        ...assumeRole(ctx),
        blank,
        block(
          'default_tags',
          [],
          [
            attr('tags', {
              Environment: raw('var.environment'),
              Tier: raw('var.tier'),
              Owner: raw('var.owner'),
              ManagedBy: 'terraform',
            }),
          ],
        ),
      ],
    ),
    block(
      'provider',
      ['kubernetes'],
      [
        ...cluster,
        blank,
        block(
          'exec',
          [],
          Object.entries(exec).map(([k, x]) => attr(k, x)),
        ),
      ],
    ),
    block(
      'provider',
      ['helm'],
      [
        attr('kubernetes', {
          host: raw('module.eks.cluster_endpoint'),
          cluster_ca_certificate: raw(
            'base64decode(module.eks.cluster_certificate_authority_data)',
          ),
          exec,
        }),
      ],
    ),
  ]);
}
