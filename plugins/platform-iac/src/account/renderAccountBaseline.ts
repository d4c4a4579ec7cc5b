import { RenderedFiles } from '../types';
import {
  attr,
  blank,
  block,
  comment,
  HclItem,
  raw,
  renderBody,
  renderFile,
} from '../render/hcl';
import { pipelineRoleVariable } from '../render/pipelineRole';
import {
  accountBaselineFolder,
  accountModuleSource,
  check,
  checkState,
  inFolder,
  renderAccountBackendTf,
  renderAccountVersionsTf,
  RULES,
  StateLocation,
} from './rootFiles';

/**
 * The parts of the baseline a root can switch off, each a boolean of the account-baseline module
 * (default on). For a service the organisation runs centrally (a delegated administrator) or an
 * endpoint that lacks its API (moto_server in CI): the reason is written next to the switch.
 */
export const BASELINE_PARTS = {
  guardduty: 'enable_guardduty',
  'guardduty-features': 'guardduty_features',
  'security-hub': 'enable_security_hub',
  config: 'enable_config',
  cloudtrail: 'enable_cloudtrail',
  'ebs-encryption-by-default': 'enable_ebs_encryption_by_default',
  'access-analyzer': 'enable_access_analyzer',
  's3-account-public-access-block': 'enable_s3_account_public_access_block',
} as const;
export type BaselinePart = keyof typeof BASELINE_PARTS;

export interface AccountBaselineOptions {
  /** The aws-account entity. */
  account: { name: string; accountId: string };
  region: string;
  /** The account's home region: the CloudTrail trail, global Config types and the service-linked role. */
  homeRegion: string;
  state: StateLocation;
  /**
   * Create AWSServiceRoleForConfig in the home region's root (default true). False when the
   * account has it already (Control Tower, an earlier Config set-up), or import it instead.
   */
  createServiceLinkedRoles?: boolean;
  /** Parts switched off, with the reason written into main.tf. */
  exclude?: Partial<Record<BaselinePart, string>>;
  /** Path from the root to the module library; default ../../../modules. */
  moduleSourcePrefix?: string;
  /** Let destroy delete non-empty log buckets (throw-away accounts and tests only). */
  forceDestroyBuckets?: boolean;
}

function slrComment(slr: boolean, home: boolean, homeRegion: string): string {
  if (slr) {
    return 'IAM is global: the Config service-linked role is created here, in the home region, only.';
  }
  if (home) {
    return 'The Config service-linked role exists already: referenced by its fixed ARN.';
  }
  return `IAM is global: the home region's root (${homeRegion}) creates the service-linked role.`;
}

function mainTf(options: AccountBaselineOptions): string {
  const home = options.region === options.homeRegion;
  const slr = home && options.createServiceLinkedRoles !== false;
  const excluded: HclItem[] = Object.entries(options.exclude ?? {}).flatMap(
    ([part, reason]) => [
      comment(`Excluded: ${String(reason).replace(/\s+/g, ' ')}`),
      attr(
        BASELINE_PARTS[part as BaselinePart],
        part === 'guardduty-features' ? [] : false,
      ),
    ],
  );
  return renderFile([
    comment(
      'GuardDuty (EKS audit logs, runtime monitoring with the EKS add-on, RDS login events, S3),',
    ),
    comment(
      'Security Hub with AWS Foundational Security Best Practices, AWS Config to a KMS-encrypted',
    ),
    comment(
      'bucket, EBS encryption by default, IAM Access Analyzer; in the home region also the',
    ),
    comment(
      'multi-region CloudTrail trail and the account-wide S3 public access block. Once per',
    ),
    comment('account and region: never in an environment.'),
    block(
      'module',
      ['account_baseline'],
      [
        attr(
          'source',
          accountModuleSource(
            'account-baseline',
            3,
            options.moduleSourcePrefix,
          ),
        ),
        blank,
        attr('home_region', raw('var.home_region')),
        comment(slrComment(slr, home, options.homeRegion)),
        attr('create_service_linked_roles', slr),
        ...(options.forceDestroyBuckets
          ? [attr('force_destroy_buckets', true)]
          : []),
        ...(excluded.length > 0 ? [blank, ...excluded] : []),
      ],
    ),
  ]);
}

function variablesTf(): string {
  const variable = (name: string, description: string) =>
    block(
      'variable',
      [name],
      [attr('description', description), attr('type', raw('string'))],
    );
  return renderFile([
    variable('region', 'The region this root manages.'),
    variable('home_region', "The account's home region."),
    pipelineRoleVariable(),
  ]);
}

/**
 * Renders the baseline root of one account and region, `accounts/<account>/<region>/`
 * (versions, backend, main, variables, terraform.tfvars). Pure: no I/O, deterministic.
 */
export function renderAccountBaseline(
  options: AccountBaselineOptions,
): RenderedFiles {
  const { account, region, homeRegion, state } = options;
  check('account.name', account.name, RULES.ENTITY_NAME);
  check('account.accountId', account.accountId, RULES.ACCOUNT_ID);
  check('region', region, RULES.REGION);
  check('homeRegion', homeRegion, RULES.REGION);
  checkState(state);
  for (const part of Object.keys(options.exclude ?? {})) {
    if (!(part in BASELINE_PARTS)) {
      throw new Error(
        `exclude: '${part}' is not a part of the baseline (${Object.keys(
          BASELINE_PARTS,
        ).join(', ')})`,
      );
    }
  }
  const folder = accountBaselineFolder(account.name, region);
  return inFolder(folder, {
    'versions.tf': renderAccountVersionsTf({
      accountId: account.accountId,
      state,
      region: attr('region', raw('var.region')),
      sessionName: `terraform-baseline-${account.name}`.slice(0, 64),
      tags: { ManagedBy: 'terraform', Root: folder },
    }),
    'backend.tf': renderAccountBackendTf(state, `${folder}/terraform.tfstate`),
    'main.tf': mainTf(options),
    'variables.tf': variablesTf(),
    'terraform.tfvars': renderBody(
      [attr('region', region), attr('home_region', homeRegion)],
      0,
    ),
  });
}
