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
  'deploy_role_oidc_scoped_to_repository',
];

describe('cfn-guard rules', () => {
  it('pass on the template, every rule evaluated (none skipped)', () => {
    expect(guard(TEMPLATE_FILE)).toEqual(
      Object.fromEntries(RULES.map(r => [r, 'PASS'])),
    );
  });

  const scratch = mkdtempSync(join(tmpdir(), 'cfn-guard-'));
  it.each([
    [
      'an IAM wildcard action',
      '                  - iam:AddRoleToInstanceProfile',
      '                  - "iam:*"',
      'no_wildcard_allow_actions',
    ],
    [
      'a wildcard write on the state',
      '              - s3:DeleteObject',
      '              - s3:Delete*',
      'no_wildcard_allow_actions',
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
      'an OIDC trust for every repository of the org',
      'repo:${GitHubOrg}/${GitHubRepo}:*',
      'repo:${GitHubOrg}/*',
      'deploy_role_oidc_scoped_to_repository',
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
  ])('fail on %s', (_what, from, to, rule) => {
    expect(templateText).toContain(from);
    const file = join(scratch, `${rule}.yaml`);
    writeFileSync(file, templateText.replace(from, to));
    expect(guard(file)[rule]).toBe('FAIL');
  });
});
