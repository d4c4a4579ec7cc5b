import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve as resolvePath } from 'node:path';
import {
  CfnTemplate,
  parseCloudFormation,
} from './__testUtils__/cloudformationYaml';
import { ACCOUNT_ROLES, PARAMETER_RULES } from './stackParameters';

/*
 * CI lint of templates/aws-account-bootstrap/cloudformation/platform-bootstrap.yaml: the
 * cfn-guard rules, the template's shape (types, properties, references, conditions), and the
 * portal role's permissions against the calls the insights collectors make.
 */

const REPO = resolvePath(__dirname, '../../../..');
const TEMPLATE_FILE = join(
  REPO,
  'templates/aws-account-bootstrap/cloudformation/platform-bootstrap.yaml',
);
const RULES_FILE = join(
  REPO,
  'templates/aws-account-bootstrap/guard/platform-bootstrap.guard',
);
const COLLECTORS_DIR = join(
  REPO,
  'plugins/aws-insights-backend/src/collectors',
);
const templateText = readFileSync(TEMPLATE_FILE, 'utf8');
const template = parseCloudFormation(templateText);

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

// Property names per resource type (AWS CloudFormation resource specification).
const PROPERTIES: Record<string, string[]> = {
  'AWS::KMS::Key': [
    'Description',
    'Enabled',
    'EnableKeyRotation',
    'KeyPolicy',
    'KeySpec',
    'KeyUsage',
    'MultiRegion',
    'PendingWindowInDays',
    'RotationPeriodInDays',
    'Tags',
  ],
  'AWS::KMS::Alias': ['AliasName', 'TargetKeyId'],
  'AWS::S3::Bucket': [
    'BucketName',
    'BucketEncryption',
    'VersioningConfiguration',
    'PublicAccessBlockConfiguration',
    'OwnershipControls',
    'LifecycleConfiguration',
    'LoggingConfiguration',
    'ObjectLockEnabled',
    'Tags',
  ],
  'AWS::S3::BucketPolicy': ['Bucket', 'PolicyDocument'],
  'AWS::IAM::OIDCProvider': ['Url', 'ClientIdList', 'ThumbprintList', 'Tags'],
  'AWS::IAM::Role': [
    'AssumeRolePolicyDocument',
    'Description',
    'ManagedPolicyArns',
    'MaxSessionDuration',
    'Path',
    'PermissionsBoundary',
    'Policies',
    'RoleName',
    'Tags',
  ],
  'AWS::IAM::Policy': [
    'PolicyDocument',
    'PolicyName',
    'Roles',
    'Groups',
    'Users',
  ],
};
const ATTRIBUTES: Record<string, string[]> = {
  'AWS::KMS::Key': ['Arn', 'KeyId'],
  'AWS::S3::Bucket': ['Arn', 'DomainName', 'RegionalDomainName'],
  'AWS::IAM::Role': ['Arn', 'RoleId'],
};
const PSEUDO = [
  'AWS::AccountId',
  'AWS::Region',
  'AWS::Partition',
  'AWS::NoValue',
  'AWS::StackName',
  'AWS::StackId',
  'AWS::URLSuffix',
];

type Reference = {
  name: string;
  attribute?: string;
  conditions: string[];
  where: string;
};

/** Every Ref / GetAtt / ${} in a tree, with the conditions that hold where it appears. */
function references(
  node: unknown,
  conditions: string[],
  where: string,
  out: Reference[],
) {
  if (Array.isArray(node)) {
    node.forEach((n, i) => references(n, conditions, `${where}[${i}]`, out));
    return;
  }
  if (!node || typeof node !== 'object') return;
  const obj = node as Record<string, any>;
  if (typeof obj.Ref === 'string')
    out.push({ name: obj.Ref, conditions, where });
  if (obj['Fn::GetAtt']) {
    const [name, attribute] = obj['Fn::GetAtt'];
    out.push({ name, attribute, conditions, where });
  }
  if (typeof obj['Fn::Sub'] === 'string') {
    for (const m of (obj['Fn::Sub'] as string).matchAll(
      /\$\{([\w:]+)(?:\.(\w+))?\}/g,
    )) {
      out.push({ name: m[1], attribute: m[2], conditions, where });
    }
  }
  if (obj['Fn::If']) {
    const [condition, whenTrue, whenFalse] = obj['Fn::If'];
    references(whenTrue, [...conditions, condition], where, out);
    references(whenFalse, conditions, where, out);
    return;
  }
  for (const [key, value] of Object.entries(obj))
    references(value, conditions, `${where}.${key}`, out);
}

describe('the template', () => {
  const t: CfnTemplate = template;

  it('uses known resource types, properties, attributes and deletion policies', () => {
    for (const [id, resource] of Object.entries(t.Resources)) {
      expect({ id, known: resource.Type in PROPERTIES }).toEqual({
        id,
        known: true,
      });
      const unknown = Object.keys(resource.Properties ?? {}).filter(
        p => !PROPERTIES[resource.Type].includes(p),
      );
      expect({ id, unknown }).toEqual({ id, unknown: [] });
      const attributes = Object.keys(resource).filter(
        k =>
          ![
            'Type',
            'Properties',
            'Condition',
            'DeletionPolicy',
            'UpdateReplacePolicy',
            'DependsOn',
            'Metadata',
          ].includes(k),
      );
      expect({ id, attributes }).toEqual({ id, attributes: [] });
      for (const policy of [
        resource.DeletionPolicy,
        resource.UpdateReplacePolicy,
      ].filter(Boolean)) {
        expect([
          'Delete',
          'Retain',
          'RetainExceptOnCreate',
          'Snapshot',
        ]).toContain(policy);
      }
    }
  });

  it('refers only to parameters, resources and conditions that exist, guarded by their conditions', () => {
    const refs: Reference[] = [];
    for (const [id, r] of Object.entries(t.Resources))
      references(r.Properties, r.Condition ? [r.Condition] : [], id, refs);
    for (const [id, o] of Object.entries(t.Outputs))
      references(
        o.Value,
        o.Condition ? [o.Condition] : [],
        `Outputs.${id}`,
        refs,
      );
    expect(refs.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const ref of refs) {
      const resource = t.Resources[ref.name];
      if (
        !resource &&
        !(ref.name in t.Parameters) &&
        !PSEUDO.includes(ref.name)
      )
        problems.push(`${ref.where}: unknown ${ref.name}`);
      if (
        resource &&
        ref.attribute &&
        !(ATTRIBUTES[resource.Type] ?? []).includes(ref.attribute)
      )
        problems.push(
          `${ref.where}: ${ref.name} has no attribute ${ref.attribute}`,
        );
      if (resource?.Condition && !ref.conditions.includes(resource.Condition))
        problems.push(
          `${ref.where}: uses ${ref.name} outside condition ${resource.Condition}`,
        );
    }
    for (const [id, r] of Object.entries(t.Resources)) {
      if (r.Condition && !(r.Condition in t.Conditions))
        problems.push(`${id}: unknown condition ${r.Condition}`);
    }
    expect(problems).toEqual([]);
  });

  it('creates the state bucket and its key only in the shared account', () => {
    const shared = Object.entries(t.Resources)
      .filter(([, r]) => r.Condition === 'IsSharedAccount')
      .map(([id]) => id);
    expect(shared.sort()).toEqual([
      'DeployRoleStatePolicy',
      'StateBucket',
      'StateBucketKey',
      'StateBucketKeyAlias',
      'StateBucketPolicy',
    ]);
    expect(t.Conditions.IsSharedAccount).toEqual({
      'Fn::Equals': [{ Ref: 'AccountRole' }, 'shared'],
    });
    expect(t.Resources.GitHubOidcProvider.Condition).toBe('CreateOidcProvider');
  });

  it('declares the parameters with the same rules the action checks before calling AWS', () => {
    expect(t.Parameters.AccountRole.AllowedValues).toEqual([...ACCOUNT_ROLES]);
    const { PortalExternalId, ...plain } = PARAMETER_RULES;
    for (const [name, rule] of Object.entries(plain)) {
      const pattern = t.Parameters[name]?.AllowedPattern;
      expect({ name, pattern: new RegExp(pattern).source }).toEqual({
        name,
        pattern: rule.source,
      });
    }
    // The template states the external id's length as MinLength/MaxLength, the action in the pattern.
    const { AllowedPattern, MinLength, MaxLength } =
      t.Parameters.PortalExternalId;
    expect(
      AllowedPattern.replace(/\+\$$/, `{${MinLength},${MaxLength}}$`),
    ).toBe(PortalExternalId.source);
    expect(t.Parameters.PortalExternalId.NoEcho).toBe(true);
  });

  it('outputs the ARNs the portal records (names as in the insights sample fleet)', () => {
    expect(Object.keys(t.Outputs).sort()).toEqual([
      'DeployRoleArn',
      'OidcProviderArn',
      'PortalReadOnlyRoleArn',
      'StateBucketKmsKeyArn',
      'StateBucketName',
    ]);
    expect(t.Resources.DeployRole.Properties.RoleName).toBe('terraform-deploy');
  });
});

/** IAM prefix of each SDK package the collectors use. */
const IAM_PREFIX: Record<string, string> = {
  'client-cloudformation': 'cloudformation',
  'client-cloudwatch': 'cloudwatch',
  'client-ec2': 'ec2',
  'client-eks': 'eks',
  'client-pricing': 'pricing',
  'client-rds': 'rds',
  'client-wafv2': 'wafv2',
};

/** `ec2:DescribeInstances` for every paginateX / XCommand a collector imports from the SDK. */
function collectorActions(): string[] {
  const files = execFileSync(
    'git',
    [
      '-C',
      COLLECTORS_DIR,
      'ls-files',
      '--cached',
      '--others',
      '--exclude-standard',
      '.',
    ],
    { encoding: 'utf8' },
  )
    .split('\n')
    .filter(
      f =>
        f.endsWith('.ts') &&
        !f.endsWith('.test.ts') &&
        !f.includes('__testUtils__'),
    );
  const actions = new Set<string>();
  for (const file of files) {
    const source = readFileSync(join(COLLECTORS_DIR, file), 'utf8');
    for (const m of source.matchAll(
      /import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/([\w-]+)'/g,
    )) {
      const prefix = IAM_PREFIX[m[2]];
      for (const name of m[1]
        .split(',')
        .map(s => s.trim())
        .filter(Boolean)) {
        const op =
          name.match(/^paginate(\w+)$/)?.[1] ??
          name.match(/^(\w+)Command$/)?.[1];
        if (!op) continue;
        if (!prefix)
          throw new Error(
            `${file} calls ${m[2]}, which has no IAM prefix in this test`,
          );
        actions.add(`${prefix}:${op}`);
      }
    }
  }
  return [...actions].sort();
}

describe('the portal read-only role', () => {
  const statements =
    template.Resources.PortalReadOnlyRole.Properties.Policies.flatMap(
      (p: any) => p.PolicyDocument.Statement,
    );
  const granted: string[] = statements.flatMap((s: any) =>
    Array.isArray(s.Action) ? s.Action : [s.Action],
  );

  it('grants exactly the calls the aws-insights collectors make', () => {
    const used = collectorActions();
    expect(used).toEqual(
      expect.arrayContaining([
        'cloudformation:DescribeStackEvents',
        'ec2:DescribeInstances',
        'eks:ListClusters',
        'pricing:GetProducts',
      ]),
    );
    expect([...granted].sort()).toEqual(used);
  });

  it('has no wildcard actions and only Allow statements', () => {
    expect(granted.filter(a => a.includes('*'))).toEqual([]);
    expect(statements.every((s: any) => s.Effect === 'Allow')).toBe(true);
  });
});
