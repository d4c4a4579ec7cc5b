import {
  Architecture,
  ClusterRecord,
  ClusterUtilisation,
  DatabaseRecord,
  InstanceRecord,
  InstanceTypeSpec,
  PriceRecord,
  WafMetric,
  WebAclRecord,
} from '@platform-portal/plugin-aws-insights-common';

/** Hand-written fixtures: small, explicit defaults, overridden per test. */

export const ACCOUNT = '111111111111';
export const REGION = 'eu-west-1';

let nextInstance = 0;

export function instance(
  overrides: Partial<InstanceRecord> = {},
): InstanceRecord {
  nextInstance += 1;
  return {
    instanceId: `i-${String(nextInstance).padStart(17, '0')}`,
    cluster: 'alpha',
    accountId: ACCOUNT,
    region: REGION,
    availabilityZone: `${REGION}a`,
    instanceType: 'm7g.large',
    lifecycle: 'on-demand',
    architecture: 'arm64',
    launchTime: '2025-01-01T00:00:00.000Z',
    state: 'running',
    ...overrides,
  };
}

export function cluster(overrides: Partial<ClusterRecord> = {}): ClusterRecord {
  const name = overrides.name ?? 'alpha';
  const accountId = overrides.accountId ?? ACCOUNT;
  const region = overrides.region ?? REGION;
  return {
    arn: `arn:aws:eks:${region}:${accountId}:cluster/${name}`,
    name,
    accountId,
    region,
    status: 'ACTIVE',
    version: '1.32',
    environment: 'prod',
    tags: {},
    healthIssues: [],
    nodegroups: [],
    ...overrides,
  };
}

export function spec(
  instanceType: string,
  vcpu: number,
  memoryGiB: number,
  architecture: Architecture,
): InstanceTypeSpec {
  return {
    instanceType,
    vcpu,
    memoryMiB: memoryGiB * 1024,
    architectures: [architecture],
  };
}

export const SPECS: InstanceTypeSpec[] = [
  spec('m7g.large', 2, 8, 'arm64'),
  spec('m7g.xlarge', 4, 16, 'arm64'),
  spec('m7i.large', 2, 8, 'x86_64'),
  spec('m7i.xlarge', 4, 16, 'x86_64'),
  spec('c7i.large', 2, 4, 'x86_64'),
  spec('c7g.large', 2, 4, 'arm64'),
];

export function onDemand(
  instanceType: string,
  usdPerHour: number,
  region = REGION,
): PriceRecord {
  return {
    instanceType,
    region,
    lifecycle: 'on-demand',
    usdPerHour,
    asOf: '2025-06-01',
    source: 'pricing-api',
  };
}

export function spot(
  instanceType: string,
  availabilityZone: string | undefined,
  usdPerHour: number,
  region = REGION,
): PriceRecord {
  return {
    instanceType,
    region,
    availabilityZone,
    lifecycle: 'spot',
    usdPerHour,
    asOf: '2025-06-01',
    source: 'spot-price-history',
  };
}

export function utilisation(
  overrides: Partial<ClusterUtilisation> = {},
): ClusterUtilisation {
  return {
    cluster: 'alpha',
    accountId: ACCOUNT,
    region: REGION,
    available: true,
    cpuReservedPercent: 60,
    memoryReservedPercent: 50,
    ...overrides,
  };
}

const GIB = 1024 ** 3;

export function database(
  overrides: Partial<DatabaseRecord> = {},
): DatabaseRecord {
  return {
    arn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:orders`,
    identifier: 'orders',
    kind: 'rds-instance',
    accountId: ACCOUNT,
    region: REGION,
    environment: 'staging',
    engine: 'postgres',
    engineVersion: '16.4',
    status: 'available',
    multiAz: false,
    storageEncrypted: true,
    backupRetentionDays: 7,
    deletionProtection: false,
    publiclyAccessible: false,
    pendingModifications: [],
    members: [
      {
        identifier: 'orders',
        role: 'writer',
        instanceClass: 'db.m7g.large',
        status: 'available',
      },
    ],
    tags: {},
    metrics: {
      cpuPercent: 20,
      freeableMemoryBytes: 2 * GIB,
      freeStorageBytes: 50 * GIB,
      allocatedStorageBytes: 100 * GIB,
    },
    events: [],
    ...overrides,
  };
}

/** Points 5 minutes apart from 00:00 UTC on 2025-06-01. */
export function points(values: number[]): Array<{ at: string; value: number }> {
  const start = Date.parse('2025-06-01T00:00:00.000Z');
  return values.map((value, i) => ({
    at: new Date(start + i * 300_000).toISOString(),
    value,
  }));
}

export function webAcl(
  series: Array<{ rule: string; metric: WafMetric; values: number[] }>,
): WebAclRecord {
  return {
    arn: `arn:aws:wafv2:${REGION}:${ACCOUNT}:regional/webacl/edge/abc`,
    id: 'abc',
    name: 'edge',
    accountId: ACCOUNT,
    region: REGION,
    environment: 'prod',
    defaultAction: 'allow',
    rules: [],
    series: series.map(s => ({
      rule: s.rule,
      metric: s.metric,
      points: points(s.values),
    })),
    sampledAvailable: false,
    sampledBlocked: [],
  };
}
