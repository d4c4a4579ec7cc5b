import { parse as parseHcl } from '@cdktf/hcl2json';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { parseHclBody } from '../policy/hclBody';
import { stripComments } from '../policy/terraformText';
import {
  AccountBaselineOptions,
  renderAccountBaseline,
} from './renderAccountBaseline';

const LIBRARY_DIR = resolvePath(
  __dirname,
  '../../../../templates/aws-account-bootstrap/terraform/modules',
);

function moduleText(name: string): string {
  return readdirSync(join(LIBRARY_DIR, name))
    .filter(f => f.endsWith('.tf'))
    .map(f => stripComments(readFileSync(join(LIBRARY_DIR, name, f), 'utf8')))
    .join('\n');
}

const STATE = {
  bucket: 'acme-terraform-state',
  region: 'eu-west-1',
  accountId: '999988887777',
};
const base: AccountBaselineOptions = {
  account: { name: 'dev-account', accountId: '111122223333' },
  region: 'eu-west-1',
  homeRegion: 'eu-west-1',
  state: STATE,
};

function render(overrides: Partial<AccountBaselineOptions> = {}) {
  const options = { ...base, ...overrides };
  const prefix = `accounts/${options.account.name}/${options.region}/`;
  const files = renderAccountBaseline(options);
  return Object.fromEntries(
    Object.entries(files).map(([p, c]) => {
      expect(p.startsWith(prefix)).toBe(true);
      return [p.slice(prefix.length), c];
    }),
  );
}

function moduleArgs(main: string): Map<string, string> {
  const block = parseHclBody(stripComments(main)).blocks.find(
    b => b.type === 'module' && b.labels[0] === 'account_baseline',
  );
  if (!block) throw new Error('no module account_baseline');
  return parseHclBody(block.body).attributes;
}

describe('renderAccountBaseline', () => {
  it('renders accounts/<account>/<region>/ with the five root files, all valid HCL', async () => {
    const files = render({ region: 'eu-central-1' });
    expect(Object.keys(files).sort()).toEqual([
      'backend.tf',
      'main.tf',
      'terraform.tfvars',
      'variables.tf',
      'versions.tf',
    ]);
    for (const [name, text] of Object.entries(files)) {
      await expect(parseHcl(name, text)).resolves.toBeDefined();
    }
    const backend = await parseHcl('backend.tf', files['backend.tf']);
    expect(backend.terraform[0].backend.s3[0]).toEqual({
      bucket: 'acme-terraform-state',
      key: 'accounts/dev-account/eu-central-1/terraform.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      use_lockfile: true,
    });
    expect(await parseHcl('t', files['terraform.tfvars'])).toEqual({
      region: 'eu-central-1',
      home_region: 'eu-west-1',
    });
  });

  it('requires hashicorp/aws >= 5.100, < 7.0 and assumes the pipeline role in the target account', async () => {
    const versions = await parseHcl('versions.tf', render()['versions.tf']);
    expect(versions.terraform[0].required_providers[0]).toEqual({
      aws: { source: 'hashicorp/aws', version: '>= 5.100, < 7.0' },
    });
    const aws = versions.provider.aws[0];
    expect(aws.allowed_account_ids).toEqual(['111122223333']);
    expect(aws.assume_role[0].role_arn).toBe(
      'arn:aws:iam::111122223333:role/${var.pipeline_role_name}',
    );
    // The state account itself: the pipeline already runs there, no self-assume.
    const shared = await parseHcl(
      'versions.tf',
      render({
        account: { name: 'shared-account', accountId: '999988887777' },
      })['versions.tf'],
    );
    expect(shared.provider.aws[0].assume_role).toBeUndefined();
  });

  it('creates the Config service-linked role in the home region root only (IAM is global)', () => {
    expect(
      moduleArgs(render()['main.tf']).get('create_service_linked_roles'),
    ).toBe('true');
    expect(
      moduleArgs(render({ region: 'us-east-1' })['main.tf']).get(
        'create_service_linked_roles',
      ),
    ).toBe('false');
    expect(
      moduleArgs(render({ createServiceLinkedRoles: false })['main.tf']).get(
        'create_service_linked_roles',
      ),
    ).toBe('false');
  });

  it('writes every excluded part as the module switch with its reason', () => {
    const main = render({
      exclude: {
        'security-hub': 'moto has no UpdateSecurityHubConfiguration',
        'guardduty-features': 'delegated administrator',
      },
    })['main.tf'];
    expect(main).toContain(
      '# Excluded: moto has no UpdateSecurityHubConfiguration',
    );
    expect(moduleArgs(main).get('enable_security_hub')).toBe('false');
    expect(moduleArgs(main).get('guardduty_features')).toBe('[]');
    expect(moduleArgs(render()['main.tf']).has('enable_security_hub')).toBe(
      false,
    );
  });

  it('sets only variables the account-baseline module declares', () => {
    const declared = new Set(
      parseHclBody(moduleText('account-baseline'))
        .blocks.filter(b => b.type === 'variable')
        .map(b => b.labels[0]),
    );
    const all = render({
      forceDestroyBuckets: true,
      exclude: {
        guardduty: 'x',
        'guardduty-features': 'x',
        'security-hub': 'x',
        config: 'x',
        cloudtrail: 'x',
        'ebs-encryption-by-default': 'x',
        'access-analyzer': 'x',
        's3-account-public-access-block': 'x',
      },
    });
    const used = [...moduleArgs(all['main.tf']).keys()].filter(
      k => k !== 'source',
    );
    expect(used.filter(k => !declared.has(k))).toEqual([]);
    expect(moduleArgs(all['main.tf']).get('source')).toBe(
      '"../../../modules/account-baseline"',
    );
  });

  it.each([
    [
      { account: { name: 'dev-account', accountId: '1234' } },
      /account.accountId/,
    ],
    [{ account: { name: '../x', accountId: '111122223333' } }, /account.name/],
    [{ region: 'eu-west-1"' }, /region/],
    [{ homeRegion: 'mars' }, /homeRegion/],
    [{ state: { ...STATE, bucket: 'Bad_Bucket' } }, /state.bucket/],
    [
      { exclude: { guardrails: 'x' } as any },
      /exclude: 'guardrails' is not a part/,
    ],
  ])('refuses %o', (overrides, message) => {
    expect(() => render(overrides as Partial<AccountBaselineOptions>)).toThrow(
      message,
    );
  });
});

describe('account-baseline module', () => {
  const text = moduleText('account-baseline');
  const resources = (type: string) =>
    parseHclBody(text).blocks.filter(
      b => b.type === 'resource' && b.labels[0] === type,
    );

  it('holds every once-per-account service, with the four GuardDuty protections and one Security Hub standard', () => {
    for (const type of [
      'aws_guardduty_detector',
      'aws_guardduty_detector_feature',
      'aws_securityhub_account',
      'aws_securityhub_standards_subscription',
      'aws_config_configuration_recorder',
      'aws_config_delivery_channel',
      'aws_config_configuration_recorder_status',
      'aws_cloudtrail',
      'aws_ebs_encryption_by_default',
      'aws_ebs_default_kms_key',
      'aws_accessanalyzer_analyzer',
      'aws_iam_service_linked_role',
      'aws_s3_account_public_access_block',
    ]) {
      expect({ type, count: resources(type).length }).toEqual({
        type,
        count: 1,
      });
    }
    const vars = readFileSync(
      join(LIBRARY_DIR, 'account-baseline/variables.tf'),
      'utf8',
    );
    expect(vars).toContain(
      'default     = ["EKS_AUDIT_LOGS", "RUNTIME_MONITORING", "RDS_LOGIN_EVENTS", "S3_DATA_EVENTS"]',
    );
    expect(vars).toContain(
      'default     = ["standards/aws-foundational-security-best-practices/v/1.0.0"]',
    );
    expect(text).toContain('["EKS_ADDON_MANAGEMENT"]');
    expect(text).toContain(
      'standards_arn = "arn:${local.partition}:securityhub:${local.region}::${each.value}"',
    );
  });

  it('makes the trail multi-region, validated and encrypted, in the home region only', () => {
    const trail = parseHclBody(resources('aws_cloudtrail')[0].body).attributes;
    expect(trail.get('count')).toBe(
      'var.enable_cloudtrail && local.is_home ? 1 : 0',
    );
    expect(trail.get('is_multi_region_trail')).toBe('true');
    expect(trail.get('enable_log_file_validation')).toBe('true');
    expect(trail.get('kms_key_id')).toBe('aws_kms_key.logs.arn');
  });

  it('blocks public S3 access account-wide from the home region root only', () => {
    const block = parseHclBody(
      resources('aws_s3_account_public_access_block')[0].body,
    ).attributes;
    expect(block.get('count')).toBe(
      'var.enable_s3_account_public_access_block && local.is_home ? 1 : 0',
    );
    for (const key of [
      'block_public_acls',
      'block_public_policy',
      'ignore_public_acls',
      'restrict_public_buckets',
    ]) {
      expect(block.get(key)).toBe('true');
    }
  });

  it('records with the service-linked role by its fixed ARN, created only where asked', () => {
    const recorder = parseHclBody(
      resources('aws_config_configuration_recorder')[0].body,
    );
    expect(recorder.attributes.get('role_arn')).toBe('local.config_role_arn');
    expect(text).toContain(
      'config_role_arn      = "arn:${local.partition}:iam::${local.account_id}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"',
    );
    expect(
      parseHclBody(
        resources('aws_iam_service_linked_role')[0].body,
      ).attributes.get('count'),
    ).toBe('var.enable_config && var.create_service_linked_roles ? 1 : 0');
  });

  it('lets Config and CloudTrail use the logs key, and EC2 and the Auto Scaling role the EBS key (A6)', () => {
    const doc = (name: string) =>
      parseHclBody(text).blocks.find(
        b =>
          b.type === 'data' &&
          b.labels[0] === 'aws_iam_policy_document' &&
          b.labels[1] === name,
      )!.body;
    expect(doc('logs_key')).toMatch(/identifiers = \["config.amazonaws.com"\]/);
    expect(doc('logs_key')).toMatch(
      /identifiers = \["cloudtrail.amazonaws.com"\]/,
    );
    expect(doc('logs_key')).toContain(
      'kms:EncryptionContext:aws:cloudtrail:arn',
    );
    expect(doc('ebs_key')).toContain(
      'values   = ["ec2.${local.region}.amazonaws.com"]',
    );
    expect(doc('ebs_key')).toContain('values   = [local.autoscaling_role_arn]');
    expect(text).toContain('AWSServiceRoleForAutoScaling');
    expect(
      parseHclBody(resources('aws_ebs_default_kms_key')[0].body).attributes.get(
        'key_arn',
      ),
    ).toBe('aws_kms_key.ebs.arn');
    // The Config bucket is encrypted with the key Config may use.
    expect(text).toMatch(/kms_master_key_id = aws_kms_key.logs.arn/);
  });

  it('keeps the log buckets private, versioned, TLS-only, owner-enforced and on a lifecycle', () => {
    for (const type of [
      'aws_s3_bucket_public_access_block',
      'aws_s3_bucket_versioning',
      'aws_s3_bucket_ownership_controls',
      'aws_s3_bucket_lifecycle_configuration',
      'aws_s3_bucket_server_side_encryption_configuration',
      'aws_s3_bucket_policy',
    ]) {
      expect(
        resources(type).map(r =>
          parseHclBody(r.body).attributes.get('for_each'),
        ),
      ).toEqual(['local.buckets']);
    }
    expect(text).toContain('object_ownership = "BucketOwnerEnforced"');
    expect(text).toMatch(
      /variable = "aws:SecureTransport"\s+values\s+= \["false"\]/,
    );
    // CloudTrail and Config writes are tied to this account and trail.
    expect(text).toMatch(
      /sid\s+= "CloudTrailWrite"[\s\S]*?variable = "aws:SourceArn"/,
    );
    expect(text).toMatch(
      /sid\s+= "ConfigDelivery"[\s\S]*?variable = "aws:SourceAccount"/,
    );
  });

  it.each(['account-baseline', 'organization-guardrails'])(
    '%s accepts hashicorp/aws 5.100 and 6.x',
    m => {
      expect(moduleText(m)).toContain('version = ">= 5.100, < 7.0"');
    },
  );
});
