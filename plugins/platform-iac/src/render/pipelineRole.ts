import {
  APPLY_ROLE_NAME,
  PIPELINE_ROLE_NAMES,
  PLAN_ROLE_NAME,
} from '../accountBootstrap';
import { attr, blank, block, HclItem, hclString, raw } from './hcl';
import { RenderContext } from './options';

/**
 * The role each pipeline phase assumes in the target account. Not in terraform.tfvars: the apply
 * job passes `-var pipeline_role_name=terraform-apply`, so any other run stays read-only.
 */
export const PIPELINE_ROLE_VARIABLE = 'pipeline_role_name';

export function pipelineRoleVariable(): HclItem {
  const names = PIPELINE_ROLE_NAMES.map(n => hclString(n)).join(', ');
  return block(
    'variable',
    [PIPELINE_ROLE_VARIABLE],
    [
      attr(
        'description',
        `Role assumed in the target account: ${PLAN_ROLE_NAME} (pull requests, read only) or ${APPLY_ROLE_NAME} (main and GitHub environments).`,
      ),
      attr('type', raw('string')),
      attr('default', PLAN_ROLE_NAME),
      blank,
      block(
        'validation',
        [],
        [
          attr(
            'condition',
            raw(`contains([${names}], var.${PIPELINE_ROLE_VARIABLE})`),
          ),
          attr(
            'error_message',
            `${PIPELINE_ROLE_VARIABLE} must be one of the platform-bootstrap roles: ${PLAN_ROLE_NAME} or ${APPLY_ROLE_NAME}.`,
          ),
        ],
      ),
    ],
  );
}

/**
 * False when the target is the shared account itself: the pipeline already runs there as the
 * phase's role, and a role may not assume itself (the bootstrap's trust policies do not allow it).
 */
export function assumesPipelineRole(ctx: RenderContext): boolean {
  return ctx.request.account.accountId !== ctx.request.state.accountId;
}

/** `"arn:aws:iam::<target>:role/${var.pipeline_role_name}"`: an HCL template expression. */
export function pipelineRoleArn(ctx: RenderContext): string {
  // The account id passed the request's 12-digit rule, so it is safe inside a template.
  const accountId = ctx.request.account.accountId;
  return `"arn:aws:iam::${accountId}:role/\${var.${PIPELINE_ROLE_VARIABLE}}"`;
}
