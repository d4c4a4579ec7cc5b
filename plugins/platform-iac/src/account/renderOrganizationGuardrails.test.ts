import { parse as parseHcl } from '@cdktf/hcl2json';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { APPLY_ROLE_NAME, PLAN_ROLE_NAME } from '../accountBootstrap';
import { parseHclBody } from '../policy/hclBody';
import { stripComments } from '../policy/terraformText';
import {
  BOOTSTRAP_PROTECTED_ROLE_NAMES,
  OrganizationGuardrailsOptions,
  renderOrganizationGuardrails,
} from './renderOrganizationGuardrails';

const MODULE_DIR = resolvePath(
  __dirname,
  '../../../../templates/aws-account-bootstrap/terraform/modules/organization-guardrails',
);
const BOOTSTRAP_TEMPLATE = resolvePath(
  __dirname,
  '../../../scaffolder-backend-module-platform-aws-account/cloudformation/platform-bootstrap.yaml',
);
const moduleText = readdirSync(MODULE_DIR)
  .filter(f => f.endsWith('.tf'))
  .map(f => stripComments(readFileSync(join(MODULE_DIR, f), 'utf8')))
  .join('\n');

const base: OrganizationGuardrailsOptions = {
  accounts: [
    {
      name: 'prod-account',
      id: '000000000005',
      ownerEmails: ['orders@example.com'],
      monthlyBudgetUsd: 12000,
    },
    {
      name: 'dev-account',
      id: '000000000003',
      ownerEmails: ['orders@example.com', 'finops@example.com'],
      monthlyBudgetUsd: 1500.5,
    },
  ],
  allowedRegions: ['eu-west-1', 'eu-central-1'],
  managementAccountId: '000000000001',
  policyTargetIds: ['r-ab12'],
  state: {
    bucket: 'tfstate-000000000002-eu-west-1',
    region: 'eu-west-1',
    accountId: '000000000002',
  },
};

function render(overrides: Partial<OrganizationGuardrailsOptions> = {}) {
  const files = renderOrganizationGuardrails({ ...base, ...overrides });
  return Object.fromEntries(
    Object.entries(files).map(([p, c]) => {
      expect(p).toMatch(/^organization\/[^/]+$/);
      return [p.slice('organization/'.length), c];
    }),
  );
}

function statement(sid: string): string {
  const doc = parseHclBody(moduleText).blocks.find(
    b =>
      b.type === 'data' &&
      b.labels[1] ===
        (sid.startsWith('DenyOutside')
          ? 'region_allow_list'
          : 'protect_baseline'),
  )!;
  const found = parseHclBody(doc.body).blocks.find(b =>
    b.body.includes(`"${sid}"`),
  );
  if (!found) throw new Error(`no statement ${sid}`);
  return found.body;
}

describe('renderOrganizationGuardrails', () => {
  it('renders organization/ for the management account, one budget entry per account', async () => {
    const files = render();
    expect(Object.keys(files).sort()).toEqual([
      'backend.tf',
      'main.tf',
      'terraform.tfvars',
      'variables.tf',
      'versions.tf',
    ]);
    const versions = await parseHcl('versions.tf', files['versions.tf']);
    expect(versions.provider.aws[0].allowed_account_ids).toEqual([
      '000000000001',
    ]);
    expect(versions.provider.aws[0].assume_role[0].role_arn).toBe(
      'arn:aws:iam::000000000001:role/${var.pipeline_role_name}',
    );
    const tfvars = await parseHcl(
      'terraform.tfvars',
      files['terraform.tfvars'],
    );
    expect(tfvars).toEqual({
      region: 'us-east-1',
      policy_target_ids: ['r-ab12'],
      allowed_regions: ['eu-west-1', 'eu-central-1'],
      accounts: {
        'dev-account': {
          account_id: '000000000003',
          monthly_budget_usd: 1500.5,
          alert_emails: ['orders@example.com', 'finops@example.com'],
        },
        'prod-account': {
          account_id: '000000000005',
          monthly_budget_usd: 12000,
          alert_emails: ['orders@example.com'],
        },
      },
    });
    const backend = await parseHcl('backend.tf', files['backend.tf']);
    expect(backend.terraform[0].backend.s3[0].key).toBe(
      'organization/terraform.tfstate',
    );
  });

  it('protects the roles of the bootstrap stack, by the names the stack gives them', async () => {
    const main = await parseHcl('main.tf', render()['main.tf']);
    const module = main.module.organization_guardrails[0];
    expect(module.source).toBe('../modules/organization-guardrails');
    expect(module.bootstrap_role_names).toEqual([
      ...BOOTSTRAP_PROTECTED_ROLE_NAMES,
    ]);
    expect(module.bootstrap_role_names).toEqual(
      expect.arrayContaining([
        PLAN_ROLE_NAME,
        APPLY_ROLE_NAME,
        'OrganizationAccountAccessRole',
      ]),
    );
    expect(module.bootstrap_policy_paths).toEqual(['/platform-bootstrap/']);
    expect(module.bootstrap_stack_name).toBe('platform-bootstrap');
    expect(module.bootstrap_deployer_role_names).toEqual([
      'OrganizationAccountAccessRole',
    ]);
    const template = readFileSync(BOOTSTRAP_TEMPLATE, 'utf8');
    for (const role of BOOTSTRAP_PROTECTED_ROLE_NAMES) {
      expect(template).toContain(`:role/${role}'`);
    }
    expect(template).toContain('Path: /platform-bootstrap/');
    const declared = new Set(
      parseHclBody(moduleText)
        .blocks.filter(b => b.type === 'variable')
        .map(b => b.labels[0]),
    );
    expect(
      Object.keys(module).filter(k => k !== 'source' && !declared.has(k)),
    ).toEqual([]);
  });

  it('writes the budgets exclusion with its reason', () => {
    const main = render({
      excludeBudgets: 'moto has no DescribeSubscribersForNotification',
    })['main.tf'];
    expect(main).toContain(
      '# Excluded: moto has no DescribeSubscribersForNotification',
    );
    expect(main).toMatch(/enable_budgets\s+= false/);
    expect(render()['main.tf']).not.toContain('enable_budgets');
  });

  it.each([
    [{ allowedRegions: [] }, /allowedRegions: name at least one region/],
    [{ allowedRegions: ['eu-west-1', 'moon-1'] }, /allowedRegions\[1\]/],
    [{ policyTargetIds: [] }, /policyTargetIds/],
    [{ policyTargetIds: ['root'] }, /policyTargetIds\[0\]/],
    [{ managementAccountId: '1' }, /managementAccountId/],
    [
      { bootstrapDeployerRoleNames: ['a b'] },
      /bootstrapDeployerRoleNames\[0\]/,
    ],
    [
      { accounts: [{ ...base.accounts[0], ownerEmails: [] }] },
      /ownerEmails: 1 to 10/,
    ],
    [
      { accounts: [{ ...base.accounts[0], ownerEmails: ['x"@y.z'] }] },
      /ownerEmails\[0\]/,
    ],
    [
      { accounts: [{ ...base.accounts[0], monthlyBudgetUsd: 0 }] },
      /monthlyBudgetUsd/,
    ],
    [
      { accounts: [base.accounts[0], base.accounts[0]] },
      /'prod-account' twice/,
    ],
  ])('refuses %o', (overrides, message) => {
    expect(() =>
      render(overrides as Partial<OrganizationGuardrailsOptions>),
    ).toThrow(message);
  });
});

describe('organization-guardrails module', () => {
  it('denies leaving the organisation to everyone', () => {
    const s = statement('DenyLeavingTheOrganization');
    expect(s).toContain('actions   = ["organizations:LeaveOrganization"]');
    expect(s).not.toContain('condition');
  });

  it('denies disabling GuardDuty, CloudTrail, Config, Security Hub and Access Analyzer but to the deployer', () => {
    const s = statement('DenyDisablingTheBaseline');
    for (const action of [
      'guardduty:DeleteDetector',
      'cloudtrail:StopLogging',
      'cloudtrail:DeleteTrail',
      'config:StopConfigurationRecorder',
      'config:DeleteConfigurationRecorder',
      'config:DeleteDeliveryChannel',
      'securityhub:DisableSecurityHub',
      'securityhub:BatchDisableStandards',
      'access-analyzer:DeleteAnalyzer',
      'ec2:DisableEbsEncryptionByDefault',
    ]) {
      expect(s).toContain(`"${action}"`);
    }
    expect(s).toContain('variable = "aws:PrincipalArn"');
  });

  it('lets only the deployer change the bootstrap roles, and only through CloudFormation', () => {
    expect(statement('DenyBootstrapChangesByOthers')).toMatch(
      /test\s+= "ArnNotLike"\s+variable = "aws:PrincipalArn"\s+values\s+= local.deployers/,
    );
    expect(statement('DenyBootstrapChangesOutsideCloudFormation')).toMatch(
      /test\s+= "StringNotEquals"\s+variable = "aws:CalledViaFirst"\s+values\s+= \["cloudformation.amazonaws.com"\]/,
    );
    expect(moduleText).toContain('"arn:${local.partition}:iam::*:role/${r}"');
    expect(moduleText).toContain('"arn:${local.partition}:iam::*:policy${p}*"');
    expect(statement('DenyBootstrapStackChangesByOthers')).toContain(
      'stack/${var.bootstrap_stack_name}/*',
    );
  });

  it('denies regions outside the allow-list, global services exempt', () => {
    const s = statement('DenyOutsideAllowedRegions');
    expect(s).toContain('not_actions = var.global_service_actions');
    expect(s).toContain('variable = "aws:RequestedRegion"');
    for (const action of [
      'iam:*',
      'organizations:*',
      'sts:*',
      'route53:*',
      'cloudfront:*',
      'budgets:*',
      'support:*',
    ]) {
      expect(moduleText).toContain(`"${action}"`);
    }
  });

  it('gives each member account a monthly budget with 80% forecast and 100% actual alerts', () => {
    const budget = parseHclBody(moduleText).blocks.find(
      b => b.type === 'resource' && b.labels[0] === 'aws_budgets_budget',
    )!;
    expect(budget.body).toMatch(
      /name\s+= "LinkedAccount"\s+values = \[each.value.account_id\]/,
    );
    const notifications = parseHclBody(budget.body).blocks.filter(
      b => b.type === 'notification',
    );
    expect(
      notifications.map(n => {
        const a = parseHclBody(n.body).attributes;
        return [
          a.get('threshold'),
          a.get('notification_type'),
          a.get('subscriber_email_addresses'),
        ];
      }),
    ).toEqual([
      ['80', '"FORECASTED"', 'each.value.alert_emails'],
      ['100', '"ACTUAL"', 'each.value.alert_emails'],
    ]);
  });

  it('attaches both SCPs to every target and uses the minified JSON (SCPs are limited to 5,120 characters)', () => {
    expect(moduleText).toContain(
      'setproduct(keys(local.policies), var.policy_target_ids)',
    );
    expect(moduleText.match(/minified_json/g)).toHaveLength(2);
  });
});
