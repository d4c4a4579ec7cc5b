import { MODULE_LIBRARY_FOLDER } from '../guardrails/renderedTree';
import {
  attr,
  blank,
  block,
  comment,
  HclItem,
  raw,
  renderFile,
} from '../render/hcl';
import { PIPELINE_ROLE_VARIABLE } from '../render/pipelineRole';

/**
 * What the account roots (`accounts/<account>/<region>/`, `organization/`) share: the provider
 * constraint, the pipeline role, the state backend and input checks. Pure: no I/O.
 */

/** Plain aws_* resources only: hashicorp/aws 5.100 (this machine's mirror) and 6.x both apply them. */
export const ACCOUNT_AWS_PROVIDER = {
  source: 'hashicorp/aws',
  version: '>= 5.100, < 7.0',
} as const;

/** The account-level module library, published beside the environment modules. */
export const ACCOUNT_MODULE_NAMES = [
  'account-baseline',
  'organization-guardrails',
] as const;
export type AccountModuleName = (typeof ACCOUNT_MODULE_NAMES)[number];

/** Where the roots are: their folder in the infrastructure repository. */
export function accountBaselineFolder(account: string, region: string): string {
  return `accounts/${account}/${region}`;
}
export const ORGANIZATION_FOLDER = 'organization';

/** Where the Terraform state lives (the shared account's bucket). */
export interface StateLocation {
  bucket: string;
  region: string;
  accountId: string;
}

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;
const ENTITY_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Throws naming the field when a value would not make a valid root. */
export function check(field: string, value: string, rule: RegExp): void {
  if (!rule.test(value) || value.includes('..')) {
    throw new Error(`${field}: '${value}' does not match ${rule}`);
  }
}
export const RULES = { ACCOUNT_ID, REGION, ENTITY_NAME, BUCKET };

export function checkState(state: StateLocation): void {
  check('state.bucket', state.bucket, BUCKET);
  check('state.region', state.region, REGION);
  check('state.accountId', state.accountId, ACCOUNT_ID);
}

/** `"arn:aws:iam::<account>:role/${var.pipeline_role_name}"`; the id passed ACCOUNT_ID. */
function pipelineRoleArn(accountId: string): string {
  return `"arn:aws:iam::${accountId}:role/\${var.${PIPELINE_ROLE_VARIABLE}}"`;
}

/**
 * versions.tf: the aws provider in the target account. The pipeline runs in the state account
 * as terraform-plan or terraform-apply and assumes the role of the same name elsewhere.
 */
export function renderAccountVersionsTf(options: {
  accountId: string;
  state: StateLocation;
  region: HclItem;
  sessionName: string;
  tags: Record<string, string>;
}): string {
  const assume: HclItem[] =
    options.accountId === options.state.accountId
      ? [
          comment(
            'The target is the state account: the pipeline runs here already.',
          ),
        ]
      : [
          comment(
            'The pipeline runs in the state account and assumes the role of',
          ),
          comment('the same name here.'),
          block(
            'assume_role',
            [],
            [
              attr('role_arn', raw(pipelineRoleArn(options.accountId))),
              attr('session_name', options.sessionName),
            ],
          ),
        ];
  return renderFile([
    block(
      'terraform',
      [],
      [
        attr('required_version', '>= 1.10'),
        blank,
        block(
          'required_providers',
          [],
          [attr('aws', { ...ACCOUNT_AWS_PROVIDER })],
        ),
      ],
    ),
    block(
      'provider',
      ['aws'],
      [
        options.region,
        attr('allowed_account_ids', [options.accountId]),
        blank,
        ...assume,
        blank,
        block('default_tags', [], [attr('tags', { ...options.tags })]),
      ],
    ),
  ]);
}

/** backend.tf: S3 in the state account with native locking (Terraform >= 1.10). */
export function renderAccountBackendTf(
  state: StateLocation,
  key: string,
): string {
  return renderFile([
    block(
      'terraform',
      [],
      [
        comment(
          `State in the shared account ${state.accountId}, read with the pipeline's own credentials.`,
        ),
        block(
          'backend',
          ['s3'],
          [
            attr('bucket', state.bucket),
            attr('key', key),
            attr('region', state.region),
            attr('encrypt', true),
            attr('use_lockfile', true),
          ],
        ),
      ],
    ),
  ]);
}

/** `source` of a module of the account library, from a root `depth` folders below the repository. */
export function accountModuleSource(
  name: AccountModuleName,
  depth: number,
  prefix?: string,
): string {
  return `${prefix ?? '../'.repeat(depth) + MODULE_LIBRARY_FOLDER}/${name}`;
}

/** Prefixes every rendered file with the root's folder. */
export function inFolder(
  folder: string,
  files: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(files).map(([name, text]) => [`${folder}/${name}`, text]),
  );
}
