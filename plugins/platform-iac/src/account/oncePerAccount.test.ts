import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { parseHclBody } from '../policy/hclBody';
import { stripComments } from '../policy/terraformText';
import { cost, network, request } from '../render/__fixtures__/requests';
import { renderEnvironment } from '../render/renderEnvironment';

// A5 and A6: once-per-account services stay out of environments (the account baseline holds
// them), and the environment key's policy names every service that uses the key.
const ENVIRONMENT_LIBRARY = resolvePath(
  __dirname,
  '../../../../templates/aws-environment/modules',
);

function moduleText(name: string): string {
  return readdirSync(join(ENVIRONMENT_LIBRARY, name))
    .filter(f => f.endsWith('.tf'))
    .map(f =>
      stripComments(readFileSync(join(ENVIRONMENT_LIBRARY, name, f), 'utf8')),
    )
    .join('\n');
}

const ONCE_PER_ACCOUNT =
  /\b(resource|module)\s+"(aws_guardduty_\w+|aws_securityhub_\w+|aws_config_\w+|aws_cloudtrail|aws_ebs_encryption_by_default|aws_ebs_default_kms_key|aws_accessanalyzer_\w+|aws_iam_service_linked_role)"/g;

/** Terraform text of a rendered root plus every library module it calls. */
function stageOneText(files: Record<string, string>): string {
  const roots = Object.entries(files).filter(([p]) =>
    /^environments\/[^/]+\/[^/]+\.tf$/.test(p),
  );
  const called = new Set<string>();
  for (const [, text] of roots) {
    for (const m of text.matchAll(
      /source\s*=\s*"\.\.\/\.\.\/modules\/([\w-]+)"/g,
    ))
      called.add(m[1]);
  }
  expect(called.size).toBeGreaterThan(5);
  return [
    ...roots.map(([, t]) => stripComments(t)),
    ...[...called].map(moduleText),
  ].join('\n');
}

describe('once per account (A5)', () => {
  it('two environments in the same account render no once-per-account resource', () => {
    const dev = request('dev');
    const staging = request('staging', { account: dev.account });
    expect(staging.account.accountId).toBe(dev.account.accountId);
    for (const req of [dev, staging]) {
      const files = renderEnvironment({
        request: req,
        network: network(req.tier),
        cost: cost(req.tier),
      });
      expect(
        [...stageOneText(files).matchAll(ONCE_PER_ACCOUNT)].map(m => m[2]),
      ).toEqual([]);
    }
  });

  it('no module of the environment library holds one', () => {
    for (const m of readdirSync(ENVIRONMENT_LIBRARY)) {
      expect({
        m,
        found: [...moduleText(m).matchAll(ONCE_PER_ACCOUNT)].map(x => x[2]),
      }).toEqual({
        m,
        found: [],
      });
    }
  });
});

describe('the environment key (A6)', () => {
  const text = moduleText('security-baseline');
  const statement = (sid: string) => {
    const doc = parseHclBody(text).blocks.find(
      b => b.type === 'data' && b.labels[1] === 'kms',
    )!;
    const found = parseHclBody(doc.body).blocks.find(
      b => b.type === 'statement' && b.body.includes(`"${sid}"`),
    );
    if (!found) throw new Error(`no statement ${sid}`);
    return found.body;
  };

  it('is alias/<name> with rotation, and exposes the key and alias ARNs', () => {
    expect(text).toContain('name          = "alias/${var.name}"');
    expect(text).toContain('enable_key_rotation     = true');
    const outputs = parseHclBody(text)
      .blocks.filter(b => b.type === 'output')
      .map(b => b.labels[0]);
    expect(outputs.sort()).toEqual(['kms_alias_arn', 'kms_key_arn']);
  });

  it('lets CloudWatch Logs use it only for log groups of its own account and region', () => {
    const logs = statement('CloudWatchLogs');
    expect(logs).toContain(
      'identifiers = ["logs.${local.region}.amazonaws.com"]',
    );
    expect(logs).toContain('variable = "kms:EncryptionContext:aws:logs:arn"');
    expect(logs).toContain(
      'values   = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:*"]',
    );
  });

  it('lets CloudWatch alarms publish to the encrypted topic', () => {
    const alarms = statement('CloudWatchAlarmsToSns');
    expect(alarms).toContain('identifiers = ["cloudwatch.amazonaws.com"]');
    expect(alarms).toMatch(/"kms:Decrypt", "kms:GenerateDataKey\*"/);
  });

  it('lets EBS, RDS, Secrets Manager and SNS use it for callers of the account', () => {
    const via = statement('AwsServicesInThisAccount');
    expect(via).toContain('variable = "kms:ViaService"');
    expect(via).toContain('variable = "kms:CallerAccount"');
    expect(text).toContain('for s in ["ec2", "rds", "secretsmanager", "sns"]');
  });

  it('names the roles that create encrypted volumes, as the library names them', () => {
    expect(statement('VolumeRoles')).toContain('variable = "aws:PrincipalArn"');
    expect(statement('VolumeRoleGrants')).toContain(
      'variable = "kms:GrantIsForAWSResource"',
    );
    expect(text).toContain(
      'role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling',
    );
    expect(text).toContain(':role/platform/workloads/${r}');
    // The same names the karpenter and eks modules give their roles.
    for (const [module, name] of [
      ['karpenter', '"${var.cluster_name}-karpenter-node"'],
      ['karpenter', '"${var.cluster_name}-karpenter-controller"'],
      ['eks', '"${var.name}-ebs-csi"'],
    ]) {
      expect(moduleText(module)).toContain(name);
      expect(text).toContain(name.replace(/var\.\w+/, 'var.name'));
    }
  });

  it('creates nothing but the key and its alias', () => {
    const types = parseHclBody(text)
      .blocks.filter(b => b.type === 'resource')
      .map(b => b.labels[0]);
    expect(types.sort()).toEqual(['aws_kms_alias', 'aws_kms_key']);
  });
});
