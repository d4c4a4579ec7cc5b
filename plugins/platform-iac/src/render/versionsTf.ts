import { APPLY_ROLE_NAME, PLAN_ROLE_NAME } from '../accountBootstrap';
import { attr, blank, block, comment, HclItem, raw, renderFile } from './hcl';
import { RenderContext } from './options';
import { assumesPipelineRole, pipelineRoleArn } from './pipelineRole';

const TERRAFORM_VERSION = '>= 1.10';
/**
 * Stage 1 holds AWS resources only: no Kubernetes, Helm or kubectl provider (the Argo CD hub
 * delivers what runs in the cluster). terraform-aws-modules/eks 21.19.0 requires aws >= 6.28.
 */
const PROVIDERS = {
  aws: { source: 'hashicorp/aws', version: '>= 6.28, < 7.0' },
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

export function renderVersionsTf(ctx: RenderContext): string {
  const requiredProviders = Object.entries(PROVIDERS).map(([name, p]) =>
    attr(name, { source: p.source, version: p.version }),
  );
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
  ]);
}
