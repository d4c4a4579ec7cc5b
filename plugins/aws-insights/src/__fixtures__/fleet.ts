/**
 * Hand-built fixtures in the shape of the API's responses, with figures taken from the sample
 * fleet (two clusters, two databases, one web ACL with a block spike, two bootstrap stacks).
 */
import {
  AwsInsightsApi,
  ClusterCapacity,
  DatabaseHealth,
  FleetResponse,
  HistoryResponse,
  MixSummary,
  SourceStatus,
  WebAclResponse,
} from '@platform-portal/plugin-aws-insights-common';

/** A refresh 12 minutes before the test run (on a whole minute): "12 min old", not stale. */
export const GENERATED_AT = new Date(
  Math.floor(Date.now() / 60_000) * 60_000 - 12 * 60_000,
).toISOString();
/** An hour after GENERATED_AT: the fixtures are fresh unless a test says otherwise. */
export const STALE_AFTER = new Date(
  Date.parse(GENERATED_AT) + 3_600_000,
).toISOString();
export const PROD_ACCOUNT = '000000000005';
export const DEV_ACCOUNT = '000000000003';

export const prodCluster: ClusterCapacity = {
  arn: `arn:aws:eks:eu-west-1:${PROD_ACCOUNT}:cluster/prod-eks`,
  cluster: 'prod-eks',
  accountId: PROD_ACCOUNT,
  region: 'eu-west-1',
  environment: 'prod',
  status: 'ACTIVE',
  version: '1.33',
  healthIssues: [],
  nodes: 20,
  vcpu: 80,
  memoryGiB: 320,
  requestedVcpu: 69.6,
  requestedMemoryGiB: 250,
  headroomPercent: 13,
  requestsKnown: true,
  byInstanceType: [
    { instanceType: 'm7g.xlarge', count: 14 },
    { instanceType: 'm7i.2xlarge', count: 3 },
    { instanceType: 'c7g.large', count: 3 },
  ],
  lowHeadroom: true,
  pools: [
    {
      pool: 'critical',
      kind: 'karpenter',
      nodes: 3,
      vcpu: 24,
      memoryGiB: 96,
      requestedVcpu: 22,
      requestedMemoryGiB: 80,
      headroomPercent: 8.3,
      requestsKnown: true,
      byInstanceType: [{ instanceType: 'm7i.2xlarge', count: 3 }],
    },
    {
      pool: 'general',
      kind: 'karpenter',
      nodes: 17,
      vcpu: 56,
      memoryGiB: 224,
      requestedVcpu: 47.6,
      requestedMemoryGiB: 170,
      headroomPercent: 15,
      requestsKnown: true,
      byInstanceType: [
        { instanceType: 'm7g.xlarge', count: 14 },
        { instanceType: 'c7g.large', count: 3 },
      ],
    },
  ],
};

export const devCluster: ClusterCapacity = {
  arn: `arn:aws:eks:eu-west-1:${DEV_ACCOUNT}:cluster/dev-eks`,
  cluster: 'dev-eks',
  accountId: DEV_ACCOUNT,
  region: 'eu-west-1',
  environment: 'dev',
  status: 'ACTIVE',
  version: '1.33',
  healthIssues: [],
  nodes: 11,
  vcpu: 26,
  memoryGiB: 100,
  requestsKnown: false,
  byInstanceType: [{ instanceType: 'm7g.large', count: 11 }],
  lowHeadroom: false,
  pools: [
    {
      pool: 'default',
      kind: 'nodegroup',
      nodes: 11,
      vcpu: 26,
      memoryGiB: 100,
      requestsKnown: false,
      byInstanceType: [{ instanceType: 'm7g.large', count: 11 }],
    },
  ],
};

export const mix: MixSummary = {
  cells: [
    {
      lifecycle: 'spot',
      architecture: 'arm64',
      count: 21,
      vcpu: 72,
      usdPerHour: 1.0829,
    },
    {
      lifecycle: 'spot',
      architecture: 'x86_64',
      count: 10,
      vcpu: 32,
      usdPerHour: 0.6302,
    },
    {
      lifecycle: 'on-demand',
      architecture: 'arm64',
      count: 13,
      vcpu: 34,
      usdPerHour: 1.6296,
    },
    {
      lifecycle: 'on-demand',
      architecture: 'x86_64',
      count: 11,
      vcpu: 48,
      usdPerHour: 2.6371,
    },
  ],
  count: 55,
  vcpu: 186,
  usdPerHour: 5.9798,
  usdPerMonth: 4365.254,
  onDemandX86UsdPerHour: 10.1963,
  savingsUsdPerMonth: 3078.045,
  savingsPercent: 41.35323597775664,
  spotShareByVcpu: 0.5591397849462365,
  armShareByVcpu: 0.5698924731182796,
  unpricedInstanceTypes: [],
};

export const auroraProd: DatabaseHealth = {
  record: {
    arn: `arn:aws:rds:eu-west-1:${PROD_ACCOUNT}:cluster:prod-aurora-pg`,
    identifier: 'prod-aurora-pg',
    kind: 'aurora-cluster',
    accountId: PROD_ACCOUNT,
    region: 'eu-west-1',
    environment: 'prod',
    engine: 'aurora-postgresql',
    engineVersion: '16.4',
    status: 'available',
    multiAz: true,
    storageEncrypted: true,
    backupRetentionDays: 14,
    deletionProtection: true,
    publiclyAccessible: false,
    pendingModifications: [],
    instanceClass: 'db.r7g.xlarge',
    members: [
      {
        identifier: 'prod-aurora-pg-1',
        role: 'writer',
        instanceClass: 'db.r7g.xlarge',
        status: 'available',
      },
      {
        identifier: 'prod-aurora-pg-2',
        role: 'reader',
        instanceClass: 'db.r7g.xlarge',
        status: 'available',
      },
    ],
    tags: { environment: 'prod' },
    metrics: {
      cpuPercent: 38,
      connections: 212,
      replicaLagSeconds: 45,
      usedStorageBytes: 197568495616,
      freeableMemoryBytes: 12348030976,
    },
    events: [
      {
        at: '2025-06-02T07:25:00.000Z',
        message: 'Replica prod-aurora-pg-3 lag above 30 seconds',
      },
      { at: '2025-06-01T07:00:00.000Z', message: 'Automated backup completed' },
    ],
  },
  verdict: 'warning',
  reasons: ['replica lag 45 s'],
};

export const devPostgres: DatabaseHealth = {
  record: {
    arn: `arn:aws:rds:eu-west-1:${DEV_ACCOUNT}:db:dev-postgres`,
    identifier: 'dev-postgres',
    kind: 'rds-instance',
    accountId: DEV_ACCOUNT,
    region: 'eu-west-1',
    environment: 'dev',
    engine: 'postgres',
    engineVersion: '16.3',
    status: 'available',
    multiAz: false,
    storageEncrypted: true,
    backupRetentionDays: 1,
    deletionProtection: false,
    publiclyAccessible: false,
    pendingModifications: ['instance class db.t4g.large'],
    instanceClass: 'db.t4g.medium',
    members: [],
    tags: { environment: 'dev' },
    metrics: {
      cpuPercent: 12,
      connections: 9,
      freeStorageBytes: 42949672960,
      allocatedStorageBytes: 107374182400,
    },
    events: [],
  },
  verdict: 'critical',
  reasons: [
    'backup retention 1 day < 7',
    'pending modifications: instance class db.t4g.large',
  ],
};

export const sampleSource = (accountId: string): SourceStatus => ({
  service: 'sample',
  reads: 'sample',
  accountId,
  region: 'eu-west-1',
  ok: true,
  fetchedAt: GENERATED_AT,
  calls: 0,
});

export function fleetResponse(
  overrides: Partial<FleetResponse> = {},
): FleetResponse {
  return {
    generatedAt: GENERATED_AT,
    dataAsOf: GENERATED_AT,
    stale: false,
    staleAfter: STALE_AFTER,
    sample: false,
    sources: [sampleSource(PROD_ACCOUNT), sampleSource(DEV_ACCOUNT)],
    fleet: {
      nodes: 55,
      vcpu: 186,
      memoryGiB: 700,
      requestsKnown: false,
      byInstanceType: [{ instanceType: 'm7g.xlarge', count: 14 }],
    },
    clusters: [devCluster, prodCluster],
    mix,
    mixByCluster: { [prodCluster.arn]: mix },
    gravitonCandidates: [
      {
        cluster: 'prod-eks',
        pool: 'critical',
        instanceType: 'm7i.2xlarge',
        armInstanceType: 'm7g.2xlarge',
        count: 3,
        currentUsdPerMonth: 974.988,
        armUsdPerMonth: 786.648,
        savingsUsdPerMonth: 188.34,
      },
    ],
    databases: [auroraProd, devPostgres],
    wafs: [
      {
        arn: `arn:aws:wafv2:eu-west-1:${PROD_ACCOUNT}:regional/webacl/prod-web-acl/1`,
        name: 'prod-web-acl',
        accountId: PROD_ACCOUNT,
        region: 'eu-west-1',
        environment: 'prod',
        allowed: 2810006,
        blocked: 8803,
        counted: 1446,
        blockRate: 0.003123,
        topRules: [{ rule: 'rate-limit', blocked: 5000 }],
        spike: { at: '2025-06-02T07:00:00.000Z', blocked: 900, baseline: 25 },
      },
    ],
    stacks: [
      {
        stackId:
          'arn:aws:cloudformation:eu-west-1:000000000005:stack/platform-bootstrap/1',
        name: 'platform-bootstrap',
        accountId: PROD_ACCOUNT,
        region: 'eu-west-1',
        status: 'UPDATE_COMPLETE',
        lastUpdated: '2025-05-20T10:00:00.000Z',
        driftStatus: 'IN_SYNC',
        outputs: {
          DeployRoleArn: 'arn:aws:iam::000000000005:role/terraform-deploy',
        },
        events: [],
      },
    ],
    ...overrides,
  };
}

/** 24 hours of 5-minute points ending at GENERATED_AT, with a block spike two hours before. */
export function webAclResponse(
  overrides: Partial<WebAclResponse> = {},
): WebAclResponse {
  const end = Date.parse(GENERATED_AT);
  const points = (value: (i: number) => number) =>
    Array.from({ length: 288 }, (_, i) => ({
      at: new Date(end - (287 - i) * 300_000).toISOString(),
      value: value(i),
    }));
  const fleet = fleetResponse();
  return {
    ...fleet,
    summary: fleet.wafs[0],
    series: [
      { rule: 'ALL', metric: 'AllowedRequests', points: points(() => 9758) },
      {
        rule: 'ALL',
        metric: 'BlockedRequests',
        points: points(i => (i === 264 ? 900 : 25)),
      },
      {
        rule: 'rate-limit',
        metric: 'BlockedRequests',
        points: points(i => (i === 264 ? 880 : 10)),
      },
    ],
    rules: [
      { name: 'rate-limit', priority: 40, kind: 'rate-based', action: 'block' },
    ],
    sampledAvailable: true,
    sampledVisible: true,
    sampledBlocked: [
      {
        at: '2025-06-02T06:58:00.000Z',
        clientIp: '203.0.113.14',
        country: 'BR',
        method: 'POST',
        uri: '/api/login',
        rule: 'rate-limit',
      },
    ],
    ...overrides,
  };
}

export function historyResponse(scope: string, days = 7): HistoryResponse {
  const end = Date.parse(GENERATED_AT);
  return {
    scope,
    days,
    points: Array.from({ length: days * 4 }, (_, i) => ({
      takenAt: new Date(end - (days * 4 - 1 - i) * 6 * 3_600_000).toISOString(),
      scope,
      sample: true,
      nodes: 55,
      vcpu: 186,
      spotArm64Vcpu: 72,
      spotX8664Vcpu: 32,
      onDemandArm64Vcpu: 34,
      onDemandX8664Vcpu: 48,
      usdPerHour: 5.9798,
      onDemandX86UsdPerHour: 10.1963,
    })),
  };
}

/** A mocked AwsInsightsApi answering with the fixtures; override any method per test. */
export function mockInsightsApi(
  overrides: Partial<AwsInsightsApi> = {},
): jest.Mocked<AwsInsightsApi> {
  const defaults: AwsInsightsApi = {
    getFleet: async () => fleetResponse(),
    getEnvironment: async () => fleetResponse(),
    getCluster: async () => ({
      ...fleetResponse(),
      cluster: prodCluster,
      mix,
      gravitonCandidates: fleetResponse().gravitonCandidates,
    }),
    getDatabase: async () => ({ ...fleetResponse(), database: auroraProd }),
    getWebAcl: async () => webAclResponse(),
    getHistory: async (scope: string, days = 7) => historyResponse(scope, days),
  };
  const api = { ...defaults, ...overrides };
  return {
    getFleet: jest.fn(api.getFleet),
    getEnvironment: jest.fn(api.getEnvironment),
    getCluster: jest.fn(api.getCluster),
    getDatabase: jest.fn(api.getDatabase),
    getWebAcl: jest.fn(api.getWebAcl),
    getHistory: jest.fn(api.getHistory),
  };
}

/** What the backend client throws for an HTTP error (a ResponseError has statusCode). */
export function httpError(statusCode: number, message: string): Error {
  return Object.assign(new Error(message), {
    name: 'ResponseError',
    statusCode,
  });
}
