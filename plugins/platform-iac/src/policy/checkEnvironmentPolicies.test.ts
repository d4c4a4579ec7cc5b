import { readFileSync } from 'fs';
import { join } from 'path';
import { planSubnets } from '../cidr';
import type { EnvironmentRequest, NetworkPlan, PolicyResult } from '../types';
import {
  checkEnvironmentPolicies,
  policyErrors,
} from './checkEnvironmentPolicies';
import { STAGE_CHECK_IDS } from './rules';

// SECURE_MAIN is a root without the stage-1/stage-2 layout; stageChecks.test.ts covers those rules.
const STAGE_IDS = new Set<string>(STAGE_CHECK_IDS);
const withoutStageChecks = (results: PolicyResult[]) =>
  results.filter(r => !STAGE_IDS.has(r.id));

const SECURE_MAIN = readFileSync(
  join(__dirname, '__fixtures__', 'secure-main.tf'),
  'utf8',
);

function request(
  overrides: Partial<EnvironmentRequest> = {},
): EnvironmentRequest {
  return {
    name: 'orders',
    tier: 'prod',
    account: { name: 'workloads-prod', accountId: '123456789012' },
    region: 'eu-west-1',
    owner: 'group:default/team-orders',
    network: { singleNatGateway: false },
    kubernetes: {
      version: '1.33',
      karpenter: {
        allowSpot: false,
        allowGraviton: true,
        instanceCategories: ['c', 'm', 'r'],
        minInstanceGeneration: 5,
        cpuLimit: 1000,
      },
    },
    database: {
      engine: 'aurora-postgresql',
      instanceClass: 'db.r6g.large',
      backupRetentionDays: 14,
      readReplicas: 1,
      multiAz: true,
    },
    waf: { rateLimitPer5Minutes: 2000 },
    ingress: { domain: 'orders.example.com' },
    state: {
      bucket: 'tfstate-x',
      region: 'eu-west-1',
      accountId: '210987654321',
    },
    ...overrides,
  };
}

const dev = (overrides: Partial<EnvironmentRequest> = {}) =>
  request({
    tier: 'dev',
    network: { singleNatGateway: true },
    database: {
      engine: 'rds-postgresql',
      instanceClass: 'db.t4g.medium',
      backupRetentionDays: 7,
      readReplicas: 0,
      multiAz: false,
    },
    ...overrides,
  });

const NETWORK = planSubnets('10.1.0.0/16', [
  'eu-west-1a',
  'eu-west-1b',
  'eu-west-1c',
]);
const files = (main: string, extra: Record<string, string> = {}) => ({
  'environments/orders/main.tf': main,
  ...extra,
});

function byId(results: PolicyResult[], id: string): PolicyResult {
  const found = results.find(r => r.id === id);
  if (!found) throw new Error(`no result ${id}`);
  return found;
}

describe('checkEnvironmentPolicies: request checks', () => {
  it('passes a compliant prod request without files', () => {
    const results = checkEnvironmentPolicies(request(), NETWORK);
    expect(policyErrors(results)).toEqual([]);
    expect(results.map(r => r.id)).toEqual([
      'prod-aurora',
      'prod-multi-az',
      'prod-read-replica',
      'backup-retention',
      'nat-per-az',
      'serverless-instance-class',
      'prod-on-demand-capacity',
      'network-layout',
      'no-public-database',
    ]);
  });

  it('passes a dev request with a single NAT and RDS', () => {
    const results = checkEnvironmentPolicies(dev(), NETWORK);
    expect(policyErrors(results)).toEqual([]);
    expect(byId(results, 'nat-per-az').message).toBe(
      'single NAT gateway allowed in dev',
    );
  });

  it.each<[string, Partial<EnvironmentRequest['database']>, RegExp]>([
    [
      'prod-aurora',
      { engine: 'rds-postgresql' },
      /prod requires engine aurora-postgresql/,
    ],
    ['prod-multi-az', { multiAz: false }, /Multi-AZ/],
    ['prod-read-replica', { readReplicas: 0 }, /at least 1 read replica/],
    [
      'backup-retention',
      { backupRetentionDays: 7 },
      /prod requires at least 14 days/,
    ],
    [
      'serverless-instance-class',
      { instanceClass: 'db.serverless' },
      /only valid with aurora-serverless-v2/,
    ],
  ])('fails %s', (id, database, message) => {
    const r = request();
    const results = checkEnvironmentPolicies(
      { ...r, database: { ...r.database, ...database } },
      NETWORK,
    );
    const check = byId(results, id);
    expect(check).toMatchObject({ passed: false, severity: 'error' });
    expect(check.message).toMatch(message);
    expect(policyErrors(results)).toContainEqual(check);
  });

  it('fails nat-per-az for a single NAT in prod', () => {
    const results = checkEnvironmentPolicies(
      request({ network: { singleNatGateway: true } }),
      NETWORK,
    );
    expect(byId(results, 'nat-per-az')).toMatchObject({
      passed: false,
      severity: 'error',
    });
  });

  it('requires db.serverless for serverless v2', () => {
    const d = dev();
    const results = checkEnvironmentPolicies(
      { ...d, database: { ...d.database, engine: 'aurora-serverless-v2' } },
      NETWORK,
    );
    expect(byId(results, 'serverless-instance-class').message).toMatch(
      /requires instanceClass db.serverless/,
    );
  });

  it('only warns about Spot in prod with too few instance categories to fall back across', () => {
    const r = request();
    const spot = (instanceCategories: string[]) =>
      checkEnvironmentPolicies(
        {
          ...r,
          kubernetes: {
            ...r.kubernetes,
            karpenter: {
              ...r.kubernetes.karpenter,
              allowSpot: true,
              instanceCategories,
            },
          },
        },
        NETWORK,
      );
    expect(byId(spot(['m']), 'prod-on-demand-capacity')).toMatchObject({
      passed: false,
      severity: 'warning',
    });
    expect(policyErrors(spot(['m']))).toEqual([]);
    expect(byId(spot(['c', 'm', 'r']), 'prod-on-demand-capacity').passed).toBe(
      true,
    );
  });
});

describe('checkEnvironmentPolicies: network checks', () => {
  it.each<[string, Partial<NetworkPlan>, RegExp]>([
    ['two AZs', { azs: ['a', 'b'] }, /expected 3 distinct AZs/],
    [
      'missing subnet',
      { intraSubnets: NETWORK.intraSubnets.slice(0, 2) },
      /expected 3 intra subnets/,
    ],
    [
      'outside VPC',
      { intraSubnets: ['10.1.224.0/22', '10.1.228.0/22', '10.2.0.0/24'] },
      /10.2.0.0\/24 is outside the VPC/,
    ],
    [
      'overlap',
      { intraSubnets: ['10.1.0.0/24', '10.1.228.0/22', '10.1.232.0/22'] },
      /overlap/,
    ],
    [
      'malformed',
      { publicSubnets: ['10.1.192.1/22', '10.1.196.0/22', '10.1.200.0/22'] },
      /host bits/,
    ],
  ])('fails network-layout for %s', (_, change, message) => {
    const check = byId(
      checkEnvironmentPolicies(request(), { ...NETWORK, ...change }),
      'network-layout',
    );
    expect(check.passed).toBe(false);
    expect(check.message).toMatch(message);
  });

  it('fails no-public-database when database subnets are public', () => {
    const network = { ...NETWORK, databaseSubnets: NETWORK.publicSubnets };
    const check = byId(
      checkEnvironmentPolicies(request(), network),
      'no-public-database',
    );
    expect(check).toMatchObject({
      passed: false,
      message: 'database subnets overlap public subnets',
    });
  });
});

describe('checkEnvironmentPolicies: rendered files', () => {
  it('passes the secure fixture', () => {
    const results = checkEnvironmentPolicies(
      request(),
      NETWORK,
      files(SECURE_MAIN),
    );
    expect(withoutStageChecks(results).filter(r => !r.passed)).toEqual([]);
    expect(results.map(r => r.id)).toEqual(
      expect.arrayContaining([
        'kms-encryption',
        'imdsv2-required',
        'tls-to-database',
        'deletion-protection',
        'state-encryption',
        'workload-iam',
      ]),
    );
  });

  it('fails workload-iam, blocking the plan, for a role without the boundary', () => {
    const role =
      'resource "aws_iam_role" "worker" {\n  name = "worker"\n  path = "/platform/workloads/"\n}\n';
    const results = checkEnvironmentPolicies(
      request(),
      NETWORK,
      files(SECURE_MAIN, { 'modules/jobs/main.tf': role }),
    );
    expect(byId(results, 'workload-iam')).toMatchObject({
      passed: false,
      severity: 'error',
      message:
        'modules/jobs/main.tf: resource "aws_iam_role" "worker" must set permissions_boundary = var.permissions_boundary_arn or "arn:aws:iam::123456789012:policy/platform-bootstrap/platform-workload-boundary"',
    });
    expect(withoutStageChecks(policyErrors(results)).map(r => r.id)).toEqual([
      'workload-iam',
    ]);
  });

  it.each([
    [
      'kms-encryption',
      'storage_encrypted   =   true',
      'storage_encrypted = false',
    ],
    ['kms-encryption', 'storage_encrypted   =   true', ''],
    [
      'kms-encryption',
      'storage_encrypted   =   true',
      '# storage_encrypted = true',
    ],
    ['imdsv2-required', '"required"', '"optional"'],
    ['tls-to-database', 'value        = 1', 'value        = 0'],
    ['tls-to-database', '"rds.force_ssl"', '"rds.log_statement"'],
    [
      'deletion-protection',
      'deletion_protection = true # prod',
      'deletion_protection = false',
    ],
    [
      'deletion-protection',
      'deletion_protection = true # prod',
      '/* deletion_protection = true */',
    ],
    [
      'no-public-database',
      'publicly_accessible = false',
      'publicly_accessible = true',
    ],
    ['no-public-database', ', publicly_accessible = false', ''],
    ['state-encryption', 'encrypt = true', 'encrypt = false'],
  ])('fails %s when %j becomes %j', (id, from, to) => {
    expect(SECURE_MAIN).toContain(from);
    const results = checkEnvironmentPolicies(
      request(),
      NETWORK,
      files(SECURE_MAIN.replace(from, to)),
    );
    const check = byId(results, id);
    expect(check.passed).toBe(false);
    expect(check.message).toMatch(
      /environments\/orders\/main.tf (must|should)/,
    );
    const blocking = withoutStageChecks(policyErrors(results)).map(r => r.id);
    expect(blocking.includes(id)).toBe(check.severity === 'error');
  });

  it('does not require deletion protection outside prod', () => {
    const main = SECURE_MAIN.replace(
      'deletion_protection = true',
      'deletion_protection = false',
    );
    const results = checkEnvironmentPolicies(dev(), NETWORK, files(main));
    expect(byId(results, 'deletion-protection')).toMatchObject({
      passed: true,
    });
  });

  it('tolerates spacing, quoting and the parameter block style', () => {
    const main = [
      'terraform {\n backend "s3" {\n encrypt="true"\n }\n}',
      'resource "aws_db_instance" "db" {\n  storage_encrypted=true\n  "publicly_accessible" : false\n  deletion_protection\t=\ttrue\n}',
      'resource "aws_db_parameter_group" "pg" {\n  parameter {\n    value = "1"\n    name  = "rds.force_ssl"\n  }\n}',
      'resource "aws_launch_template" "lt" {\n  metadata_options {\n    http_tokens="required"\n  }\n}',
    ].join('\n');
    const results = checkEnvironmentPolicies(request(), NETWORK, files(main));
    expect(withoutStageChecks(results).filter(r => !r.passed)).toEqual([]);
  });

  it('reads settings from other .tf files in the environment folder', () => {
    const [head, rest] = SECURE_MAIN.split('module "database"');
    const results = checkEnvironmentPolicies(
      request(),
      NETWORK,
      files(head, {
        'environments/orders/database.tf': `module "database"${rest}`,
      }),
    );
    expect(withoutStageChecks(results).filter(r => !r.passed)).toEqual([]);
  });

  it('reads local modules the root calls when their files are given', () => {
    const [head, rest] = SECURE_MAIN.split('module "database"');
    const main = `${head}\nmodule "database" {\n  source = "../../modules/database"\n}\n`;
    const results = checkEnvironmentPolicies(
      request(),
      NETWORK,
      files(main, {
        'modules/database/main.tf': `module "inner"${rest}`,
        'modules/unused/main.tf': 'storage_encrypted = false',
      }),
    );
    expect(withoutStageChecks(results).filter(r => !r.passed)).toEqual([]);
    const without = checkEnvironmentPolicies(request(), NETWORK, files(main));
    expect(byId(without, 'kms-encryption').passed).toBe(false);
  });

  it('accepts a force_ssl = true wrapper-module input, never false', () => {
    const main = SECURE_MAIN.replace(
      /cluster_parameter_group = \{[\s\S]*?\n {2}\}\n/,
      'force_ssl = true\n',
    );
    expect(main).not.toContain('rds.force_ssl');
    const ok = checkEnvironmentPolicies(request(), NETWORK, files(main));
    expect(byId(ok, 'tls-to-database').passed).toBe(true);
    const bad = checkEnvironmentPolicies(
      request(),
      NETWORK,
      files(`${SECURE_MAIN}\nforce_ssl = false\n`),
    );
    expect(byId(bad, 'tls-to-database').passed).toBe(false);
  });

  it('ignores files of other environments', () => {
    const results = checkEnvironmentPolicies(
      request(),
      NETWORK,
      files('', { 'environments/other/main.tf': SECURE_MAIN }),
    );
    expect(byId(results, 'kms-encryption').passed).toBe(false);
  });

  it('fails IMDSv2 when a Karpenter manifest allows IMDSv1', () => {
    const results = checkEnvironmentPolicies(
      request(),
      NETWORK,
      files(SECURE_MAIN, {
        'environments/orders/k8s/nodeclass.yaml':
          'metadataOptions:\n  httpTokens: optional\n',
      }),
    );
    expect(byId(results, 'imdsv2-required').passed).toBe(false);
  });

  it('fails every file check when main.tf is missing', () => {
    const results = checkEnvironmentPolicies(request(), NETWORK, {});
    const failed = policyErrors(results).map(r => r.id);
    expect(failed).toEqual([
      'no-public-database',
      'kms-encryption',
      'imdsv2-required',
      'tls-to-database',
      'deletion-protection',
      'state-encryption',
      'workload-iam',
      ...STAGE_CHECK_IDS,
    ]);
    expect(byId(results, 'kms-encryption').message).toBe(
      'environments/orders/main.tf was not rendered',
    );
  });
});

describe('policyErrors', () => {
  it('keeps only failed errors', () => {
    const results: PolicyResult[] = [
      { id: 'a', passed: true, severity: 'error', message: '' },
      { id: 'b', passed: false, severity: 'warning', message: '' },
      { id: 'c', passed: false, severity: 'error', message: '' },
    ];
    expect(policyErrors(results).map(r => r.id)).toEqual(['c']);
  });
});
