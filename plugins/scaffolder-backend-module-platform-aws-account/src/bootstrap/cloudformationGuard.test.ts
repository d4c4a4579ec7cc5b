import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  RULES_FILE,
  TEMPLATE_FILE,
  templateText,
} from './__testUtils__/repositoryTemplate';

/*
 * CI lint of the bootstrap CloudFormation template with cfn-guard and the repository's rules
 * (templates/aws-account-bootstrap/guard/platform-bootstrap.guard); each rule is also shown to
 * fail on a template that breaks it.
 */

function cfnGuardBinary(): string {
  const os = process.platform === 'darwin' ? 'macos' : 'ubuntu';
  const arch = process.arch === 'arm64' ? 'aarch64' : 'x86_64';
  const binary = join(
    dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json')),
    'bin',
    os,
    arch,
    'cfn-guard',
  );
  if (!existsSync(binary)) {
    throw new Error(
      `cfn-guard is missing at ${binary}; install @cdklabs/cdk-validator-cfnguard`,
    );
  }
  return binary;
}

/** Rule name -> PASS | FAIL | SKIP for one data file. */
function guard(dataFile: string): Record<string, string> {
  const run = spawnSync(
    cfnGuardBinary(),
    [
      'validate',
      '--rules',
      RULES_FILE,
      '--data',
      dataFile,
      '--show-summary',
      'all',
    ],
    { encoding: 'utf8' },
  );
  if (run.status !== 0 && run.status !== 19) {
    throw new Error(
      `cfn-guard failed to run (${run.status}): ${run.stderr}${run.stdout}`,
    );
  }
  const results: Record<string, string> = {};
  for (const m of run.stdout.matchAll(
    /platform-bootstrap\.guard\/(\w+)\s+(PASS|FAIL|SKIP)/g,
  )) {
    results[m[1]] = m[2];
  }
  return results;
}

const RULES = [
  'state_bucket_kms_encryption',
  'state_bucket_versioning',
  'state_bucket_public_access_block',
  'state_bucket_lifecycle',
  'state_bucket_tls_only',
  'no_wildcard_allow_actions',
  'portal_role_read_only',
  'portal_role_external_id',
  'plan_role_trusts_pull_requests_only',
  'plan_role_read_only',
  'apply_role_trusts_main_and_environments_only',
  'created_principals_carry_boundary',
  'created_roles_on_workload_path',
  'bootstrap_resources_protected',
  'state_account_assumes_listed_roles_only',
];

/** Two spaces per YAML level: `indent(9)` is the indentation of a line nine levels deep. */
const indent = (level: number) => ' '.repeat(2 * level);

/** [what the broken copy does, text in the template, its replacement, the rule that must fail] */
const BREAKAGES: Array<[string, string, string, string]> = [
  // Existing properties.
  [
    'an IAM wildcard action',
    `${indent(9)}- iam:GetInstanceProfile\n`,
    `${indent(9)}- "iam:Get*"\n`,
    'no_wildcard_allow_actions',
  ],
  [
    'a wildcard write on the state',
    'Action: [s3:DeleteObject, s3:GetObject, s3:PutObject]',
    "Action: ['s3:*']",
    'no_wildcard_allow_actions',
  ],
  [
    'an Allow with NotAction outside the boundary',
    `${indent(5)}- Sid: ReadState\n${indent(6)}Effect: Allow\n${indent(
      6,
    )}Action: [s3:GetObject, s3:ListBucket]`,
    `${indent(5)}- Sid: ReadState\n${indent(6)}Effect: Allow\n${indent(
      6,
    )}NotAction: [s3:DeleteBucket]`,
    'no_wildcard_allow_actions',
  ],
  [
    'state versions that never expire',
    'Status: Enabled\n            NoncurrentVersionExpiration',
    'Status: Disabled\n            NoncurrentVersionExpiration',
    'state_bucket_lifecycle',
  ],
  [
    'suspended versioning',
    'Status: Enabled\n      PublicAccessBlockConfiguration',
    'Status: Suspended\n      PublicAccessBlockConfiguration',
    'state_bucket_versioning',
  ],
  [
    'a public bucket',
    'BlockPublicPolicy: true',
    'BlockPublicPolicy: false',
    'state_bucket_public_access_block',
  ],
  [
    'plain-text transport',
    "aws:SecureTransport: 'false'",
    "aws:SecureTransport: 'true'",
    'state_bucket_tls_only',
  ],
  [
    'AES256 instead of KMS',
    'SSEAlgorithm: aws:kms',
    'SSEAlgorithm: AES256',
    'state_bucket_kms_encryption',
  ],
  [
    'a portal trust without external id',
    'sts:ExternalId',
    'aws:SourceIp',
    'portal_role_external_id',
  ],
  [
    'a write in the portal role',
    '                  - ec2:DescribeInstances\n',
    '                  - ec2:RunInstances\n',
    'portal_role_read_only',
  ],
  // terraform-plan: pull requests only, read only.
  [
    'terraform-plan trusted by runs on main',
    ":sub: !Sub 'repo:${GitHubOrg}/${GitHubRepo}:pull_request'",
    ":sub: !Sub 'repo:${GitHubOrg}/${GitHubRepo}:ref:refs/heads/main'",
    'plan_role_trusts_pull_requests_only',
  ],
  [
    'terraform-plan trusted by every run of the repository (the old trust)',
    `${indent(7)}StringEquals:\n${indent(
      8,
    )}token.actions.githubusercontent.com:aud: sts.amazonaws.com\n${indent(
      8,
    )}token.actions.githubusercontent.com:sub: !Sub 'repo:\${GitHubOrg}/\${GitHubRepo}:pull_request'`,
    `${indent(7)}StringEquals:\n${indent(
      8,
    )}token.actions.githubusercontent.com:aud: sts.amazonaws.com\n${indent(
      7,
    )}StringLike:\n${indent(
      8,
    )}token.actions.githubusercontent.com:sub: !Sub 'repo:\${GitHubOrg}/\${GitHubRepo}:*'`,
    'plan_role_trusts_pull_requests_only',
  ],
  [
    'terraform-plan with AdministratorAccess',
    'iam::aws:policy/ReadOnlyAccess',
    'iam::aws:policy/AdministratorAccess',
    'plan_role_read_only',
  ],
  [
    'terraform-plan writing state',
    'Action: [s3:GetObject, s3:ListBucket]',
    'Action: [s3:GetObject, s3:ListBucket, s3:PutObject]',
    'plan_role_read_only',
  ],
  [
    'terraform-plan writing any object, not only lock files',
    "Resource: !Sub '${StateBucket.Arn}/*.tflock'",
    "Resource: !Sub '${StateBucket.Arn}/*'",
    'plan_role_read_only',
  ],
  // terraform-apply: main and listed environments only.
  [
    'terraform-apply trusted by pull requests',
    ":sub: !Sub 'repo:${GitHubOrg}/${GitHubRepo}:ref:refs/heads/main'",
    ":sub: !Sub 'repo:${GitHubOrg}/${GitHubRepo}:pull_request'",
    'apply_role_trusts_main_and_environments_only',
  ],
  [
    'terraform-apply trusted by any environment of the repository',
    "!Split [',', !Ref ApplyEnvironmentSubjects]",
    "!Sub 'repo:${GitHubOrg}/${GitHubRepo}:environment:*'",
    'apply_role_trusts_main_and_environments_only',
  ],
  [
    'terraform-apply environments not pinned to the repository',
    ":sub: !Sub 'repo:${GitHubOrg}/${GitHubRepo}:environment:*'",
    ":sub: 'repo:*'",
    'apply_role_trusts_main_and_environments_only',
  ],
  [
    'apply subjects that may name a pull request',
    ':environment:[A-Za-z0-9._-]{1,100}(,',
    ':[A-Za-z0-9._:-]{1,100}(,',
    'apply_role_trusts_main_and_environments_only',
  ],
  // The permissions boundary.
  [
    'roles created without the boundary condition',
    `${indent(
      8,
    )}Resource: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/platform/workloads/*'\n${indent(
      8,
    )}Condition:\n${indent(9)}StringEquals:\n${indent(
      10,
    )}iam:PermissionsBoundary: !Ref WorkloadPermissionsBoundary\n`,
    `${indent(
      8,
    )}Resource: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/platform/workloads/*'\n`,
    'created_principals_carry_boundary',
  ],
  [
    'users creatable without the boundary',
    `${indent(9)}- iam:CreateUser\n`,
    '',
    'created_principals_carry_boundary',
  ],
  [
    'a boundary that can be removed',
    `${indent(9)}- iam:DeleteRolePermissionsBoundary\n`,
    `${indent(9)}- iam:GetRole\n`,
    'created_principals_carry_boundary',
  ],
  [
    'the deny conditioned on another policy',
    'StringNotEquals:\n                    iam:PermissionsBoundary: !Ref WorkloadPermissionsBoundary',
    'StringNotEquals:\n                    iam:PermissionsBoundary: !Ref ApplyRoleManagedPolicyArn',
    'created_principals_carry_boundary',
  ],
  // The role path.
  [
    'iam:PassRole on every role',
    `${indent(9)}- iam:UpdateRoleDescription\n${indent(
      8,
    )}Resource: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/platform/workloads/*'`,
    `${indent(9)}- iam:UpdateRoleDescription\n${indent(
      8,
    )}Resource: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/*'`,
    'created_roles_on_workload_path',
  ],
  [
    'roles outside the path not denied',
    "NotResource: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/platform/workloads/*'",
    "NotResource: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*'",
    'created_roles_on_workload_path',
  ],
  [
    'passing any role not denied',
    `${indent(
      9,
    )}- !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/platform/workloads/*'\n${indent(
      9,
    )}- !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/aws-service-role/*'`,
    `${indent(
      9,
    )}- !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/*'`,
    'created_roles_on_workload_path',
  ],
  [
    'iam:PassRole on every role beside the service-linked roles',
    "Action: [iam:CreateServiceLinkedRole, iam:PassRole]\n                Resource: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/*'",
    "Action: [iam:CreateServiceLinkedRole, iam:PassRole]\n                Resource: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*'",
    'created_roles_on_workload_path',
  ],
  // What the bootstrap protects.
  [
    'the organisation access role left unprotected',
    `${indent(
      9,
    )}- !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/OrganizationAccountAccessRole'\n`,
    '',
    'bootstrap_resources_protected',
  ],
  [
    'terraform-plan left unprotected from the roles Terraform creates',
    `\n${indent(
      7,
    )}- !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/terraform-plan'\n`,
    '\n',
    'bootstrap_resources_protected',
  ],
  [
    'the boundary outside the protected path',
    'Path: /platform-bootstrap/',
    'Path: /platform/workloads/',
    'bootstrap_resources_protected',
  ],
  [
    'a protection that still allows every IAM write',
    `${indent(8)}NotAction:\n${indent(9)}- 'iam:Get*'\n`,
    `${indent(8)}NotAction:\n${indent(9)}- 'iam:*'\n`,
    'bootstrap_resources_protected',
  ],
  // Cross-account.
  [
    'the shared account assuming terraform-apply in every account (the old policy)',
    [
      `Resource: !Split`,
      `${indent(8)}- ','`,
      `${indent(8)}- !Sub`,
      `${indent(9)}- 'arn:aws:iam::\${Ids}:role/terraform-apply'`,
      `${indent(9)}- Ids: !Join`,
      `${indent(11)}- ':role/terraform-apply,arn:aws:iam::'`,
      `${indent(11)}- !Split [',', !Ref WorkloadAccountIds]`,
    ].join('\n'),
    "Resource: !Sub 'arn:${AWS::Partition}:iam::*:role/terraform-apply'",
    'state_account_assumes_listed_roles_only',
  ],
  [
    'workload accounts allowed to assume any role',
    `${indent(9)}Action: sts:AssumeRole\n${indent(9)}Resource: '*'`,
    `${indent(9)}Action: sts:AssumeRole\n${indent(
      9,
    )}Resource: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/terraform-plan'`,
    'state_account_assumes_listed_roles_only',
  ],
  [
    'sts:AssumeRole granted beside the IAM reads',
    `${indent(9)}- iam:ListRolePolicies\n`,
    `${indent(9)}- iam:ListRolePolicies\n${indent(9)}- sts:AssumeRole\n`,
    'state_account_assumes_listed_roles_only',
  ],
  [
    'workload account ids that may be wildcards',
    "AllowedPattern: '^([0-9]{12}(,[0-9]{12})*)?$'",
    "AllowedPattern: '^.*$'",
    'state_account_assumes_listed_roles_only',
  ],
];

describe('cfn-guard rules', () => {
  it('pass on the template, every rule evaluated (none skipped)', () => {
    expect(guard(TEMPLATE_FILE)).toEqual(
      Object.fromEntries(RULES.map(r => [r, 'PASS'])),
    );
  });

  it('each property has at least one broken copy', () => {
    const broken = new Set(BREAKAGES.map(([, , , rule]) => rule));
    expect(RULES.filter(r => !broken.has(r))).toEqual([]);
  });

  const scratch = mkdtempSync(join(tmpdir(), 'cfn-guard-'));
  it.each(BREAKAGES)('fail on %s', (what, from, to, rule) => {
    // Exactly one occurrence, so the copy breaks what the case says and nothing else.
    expect(templateText.split(from)).toHaveLength(2);
    const file = join(scratch, `${what.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(
      file,
      templateText.replace(from, () => to),
    );
    expect(guard(file)[rule]).toBe('FAIL');
  });
});
