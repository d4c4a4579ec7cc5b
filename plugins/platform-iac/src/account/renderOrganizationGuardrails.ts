import {
  APPLY_ROLE_NAME,
  PLAN_ROLE_NAME,
  WORKLOAD_BOUNDARY_POLICY,
} from '../accountBootstrap';
import { RenderedFiles } from '../types';
import {
  attr,
  blank,
  block,
  comment,
  HclValue,
  raw,
  renderBody,
  renderFile,
} from '../render/hcl';
import { pipelineRoleVariable } from '../render/pipelineRole';
import {
  accountModuleSource,
  check,
  checkState,
  inFolder,
  ORGANIZATION_FOLDER,
  renderAccountBackendTf,
  renderAccountVersionsTf,
  RULES,
  StateLocation,
} from './rootFiles';

/** Name of the bootstrap stack (scaffolder-backend-module-platform-aws-account). */
export const BOOTSTRAP_STACK_NAME = 'platform-bootstrap';
/** The portal's read-only role, created by the same stack. */
export const PORTAL_READ_ROLE_NAME = 'platform-portal-read';
/** The Organizations role of every member account: break-glass and the default deployer. */
export const ORGANIZATION_ACCESS_ROLE_NAME = 'OrganizationAccountAccessRole';

/** The roles the bootstrap stack creates or relies on; only its deployer may change them. */
export const BOOTSTRAP_PROTECTED_ROLE_NAMES = [
  PLAN_ROLE_NAME,
  APPLY_ROLE_NAME,
  PORTAL_READ_ROLE_NAME,
  ORGANIZATION_ACCESS_ROLE_NAME,
] as const;

/** `/platform-bootstrap/` from `policy/platform-bootstrap/platform-workload-boundary`. */
export function bootstrapPolicyPath(): string {
  const parts = WORKLOAD_BOUNDARY_POLICY.split('/');
  return `/${parts.slice(1, -1).join('/')}/`;
}

export interface GuardrailAccount {
  /** aws-account entity name: the budget is `<name>-monthly`. */
  name: string;
  id: string;
  /** The owning team's address(es): 80% forecast and 100% actual alerts. */
  ownerEmails: string[];
  monthlyBudgetUsd: number;
}

export interface OrganizationGuardrailsOptions {
  accounts: GuardrailAccount[];
  allowedRegions: string[];
  /** The management (org-root) account: SCPs and budgets are made there. */
  managementAccountId: string;
  /** Organisation root (r-...) and/or workload OUs (ou-...) the SCPs are attached to. */
  policyTargetIds: string[];
  state: StateLocation;
  /**
   * Roles that deploy the bootstrap stack (the portal's `platform.bootstrap.roleName`): the only
   * principals that may change the bootstrap's roles, and only through CloudFormation.
   */
  bootstrapDeployerRoleNames?: string[];
  /** Budgets off where the endpoint lacks the notification API (moto_server); the reason is written. */
  excludeBudgets?: string;
  /** Path from organization/ to the module library; default ../modules. */
  moduleSourcePrefix?: string;
}

const EMAIL = /^[^\s@"\\]+@[^\s@"\\]+\.[^\s@"\\]+$/;
const TARGET = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

function validate(options: OrganizationGuardrailsOptions): void {
  check('managementAccountId', options.managementAccountId, RULES.ACCOUNT_ID);
  checkState(options.state);
  if (options.allowedRegions.length === 0) {
    throw new Error('allowedRegions: name at least one region');
  }
  options.allowedRegions.forEach((r, i) =>
    check(`allowedRegions[${i}]`, r, RULES.REGION),
  );
  if (options.policyTargetIds.length === 0) {
    throw new Error(
      'policyTargetIds: name the organisation root or at least one OU',
    );
  }
  options.policyTargetIds.forEach((t, i) =>
    check(`policyTargetIds[${i}]`, t, TARGET),
  );
  (options.bootstrapDeployerRoleNames ?? []).forEach((r, i) =>
    check(`bootstrapDeployerRoleNames[${i}]`, r, ROLE_NAME),
  );
  const seen = new Set<string>();
  options.accounts.forEach((a, i) => {
    check(`accounts[${i}].name`, a.name, RULES.ENTITY_NAME);
    check(`accounts[${i}].id`, a.id, RULES.ACCOUNT_ID);
    if (seen.has(a.name))
      throw new Error(`accounts[${i}].name: '${a.name}' twice`);
    seen.add(a.name);
    if (!(a.monthlyBudgetUsd > 0) || !Number.isFinite(a.monthlyBudgetUsd)) {
      throw new Error(
        `accounts[${i}].monthlyBudgetUsd: must be a positive amount, got ${a.monthlyBudgetUsd}`,
      );
    }
    if (a.ownerEmails.length === 0 || a.ownerEmails.length > 10) {
      throw new Error(
        `accounts[${i}].ownerEmails: 1 to 10 addresses (a budget notification's limit), got ${a.ownerEmails.length}`,
      );
    }
    a.ownerEmails.forEach((e, j) =>
      check(`accounts[${i}].ownerEmails[${j}]`, e, EMAIL),
    );
  });
}

function mainTf(options: OrganizationGuardrailsOptions): string {
  return renderFile([
    comment(
      'Service control policies that protect every account baseline and bootstrap, a region',
    ),
    comment(
      'allow-list, and a monthly budget per member account with alerts to its owning team.',
    ),
    block(
      'module',
      ['organization_guardrails'],
      [
        attr(
          'source',
          accountModuleSource(
            'organization-guardrails',
            1,
            options.moduleSourcePrefix,
          ),
        ),
        blank,
        attr('policy_target_ids', raw('var.policy_target_ids')),
        attr('allowed_regions', raw('var.allowed_regions')),
        attr('accounts', raw('var.accounts')),
        blank,
        comment('From the account bootstrap (stack platform-bootstrap).'),
        attr('bootstrap_role_names', [...BOOTSTRAP_PROTECTED_ROLE_NAMES]),
        attr('bootstrap_policy_paths', [bootstrapPolicyPath()]),
        attr('bootstrap_stack_name', BOOTSTRAP_STACK_NAME),
        attr('bootstrap_deployer_role_names', [
          ...(options.bootstrapDeployerRoleNames ?? [
            ORGANIZATION_ACCESS_ROLE_NAME,
          ]),
        ]),
        ...(options.excludeBudgets
          ? [
              blank,
              comment(
                `Excluded: ${options.excludeBudgets.replace(/\s+/g, ' ')}`,
              ),
              attr('enable_budgets', false),
            ]
          : []),
      ],
    ),
  ]);
}

function variablesTf(): string {
  return renderFile([
    block(
      'variable',
      ['region'],
      [
        attr('description', 'Region of the Organizations and Budgets calls.'),
        attr('type', raw('string')),
      ],
    ),
    block(
      'variable',
      ['policy_target_ids'],
      [
        attr(
          'description',
          'Organisation root and/or OUs the SCPs are attached to.',
        ),
        attr('type', raw('list(string)')),
      ],
    ),
    block(
      'variable',
      ['allowed_regions'],
      [
        attr(
          'description',
          'Regions outside which everything but global services is denied.',
        ),
        attr('type', raw('list(string)')),
      ],
    ),
    block(
      'variable',
      ['accounts'],
      [
        attr(
          'description',
          'Member accounts: id, monthly budget in USD, alert emails of the owning team.',
        ),
        attr(
          'type',
          raw(
            'map(object({\n    account_id         = string\n    monthly_budget_usd = number\n    alert_emails       = list(string)\n  }))',
          ),
        ),
      ],
    ),
    pipelineRoleVariable(),
  ]);
}

/**
 * Renders the organisation root, `organization/` (versions, backend, main, variables,
 * terraform.tfvars), applied in the management account. Pure: no I/O, deterministic.
 */
export function renderOrganizationGuardrails(
  options: OrganizationGuardrailsOptions,
): RenderedFiles {
  validate(options);
  const accounts: Record<string, HclValue> = Object.fromEntries(
    [...options.accounts]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(a => [
        a.name,
        {
          account_id: a.id,
          monthly_budget_usd: a.monthlyBudgetUsd,
          alert_emails: [...a.ownerEmails],
        },
      ]),
  );
  return inFolder(ORGANIZATION_FOLDER, {
    'versions.tf': renderAccountVersionsTf({
      accountId: options.managementAccountId,
      state: options.state,
      region: attr('region', raw('var.region')),
      sessionName: 'terraform-organization',
      tags: { ManagedBy: 'terraform', Root: ORGANIZATION_FOLDER },
    }),
    'backend.tf': renderAccountBackendTf(
      options.state,
      `${ORGANIZATION_FOLDER}/terraform.tfstate`,
    ),
    'main.tf': mainTf(options),
    'variables.tf': variablesTf(),
    'terraform.tfvars': renderBody(
      [
        comment(
          'Organizations and Budgets are global services with their endpoint in us-east-1.',
        ),
        attr('region', 'us-east-1'),
        attr('policy_target_ids', [...options.policyTargetIds]),
        attr('allowed_regions', [...options.allowedRegions]),
        attr('accounts', accounts),
      ],
      0,
    ),
  });
}
