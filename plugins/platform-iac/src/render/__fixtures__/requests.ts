import {
  CostEstimate,
  EnvironmentRequest,
  NetworkPlan,
  RenderedFiles,
  Tier,
} from '../../types';

/** Hand-built inputs so render tests do not depend on the CIDR allocator or cost estimator. */
export function request(
  tier: Tier,
  overrides: Partial<EnvironmentRequest> = {},
): EnvironmentRequest {
  const prod = tier === 'prod';
  return {
    name: `orders-${tier}`,
    tier,
    account: {
      name: `workloads-${tier}`,
      accountId: prod ? '222233334444' : '111122223333',
    },
    region: 'eu-west-1',
    owner: 'group:default/team-orders',
    network: { singleNatGateway: !prod },
    kubernetes: {
      version: '1.33',
      karpenter: {
        allowSpot: !prod,
        allowGraviton: tier !== 'staging',
        instanceCategories: prod ? ['c', 'm', 'r'] : ['c', 'm'],
        minInstanceGeneration: prod ? 6 : 5,
        cpuLimit: prod ? 400 : 64,
      },
    },
    database: {
      engine: {
        dev: 'aurora-serverless-v2',
        staging: 'rds-postgresql',
        prod: 'aurora-postgresql',
        other: 'rds-postgresql',
      }[tier] as EnvironmentRequest['database']['engine'],
      instanceClass: {
        dev: 'db.serverless',
        staging: 'db.t4g.medium',
        prod: 'db.r7g.large',
        other: 'db.t4g.medium',
      }[tier],
      backupRetentionDays: prod ? 30 : 7,
      readReplicas: { dev: 0, staging: 1, prod: 2, other: 0 }[tier],
      multiAz: prod,
    },
    waf: { rateLimitPer5Minutes: prod ? 5000 : 1000 },
    ingress: {
      domain: `orders-${tier}.example.com`,
      ...(prod
        ? {
            certificateArn:
              'arn:aws:acm:eu-west-1:222233334444:certificate/0c8f1f7e-1111-2222-3333-444455556666',
          }
        : {}),
    },
    state: {
      bucket: 'acme-terraform-state',
      region: 'eu-west-1',
      accountId: '999988887777',
    },
    ...overrides,
  };
}

export function network(tier: Tier): NetworkPlan {
  const second = { dev: 0, staging: 16, prod: 32, other: 48 }[tier];
  const base = `10.${second}`;
  return {
    vpcCidr: `${base}.0.0/16`,
    azs: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
    publicSubnets: [0, 1, 2].map(i => `${base}.${i}.0/24`),
    privateSubnets: [0, 1, 2].map(i => `${base}.${32 + i * 32}.0/19`),
    databaseSubnets: [0, 1, 2].map(i => `${base}.${3 + i}.0/24`),
    intraSubnets: [0, 1, 2].map(i => `${base}.${6 + i}.0/24`),
  };
}

export function cost(tier: Tier): CostEstimate {
  const nat = tier === 'prod' ? 3 : 1;
  const lines = [
    {
      item: 'EKS control plane',
      quantity: 1,
      unitMonthlyUsd: 73,
      monthlyUsd: 73,
    },
    {
      item: 'NAT gateway',
      quantity: nat,
      unitMonthlyUsd: 35.04,
      monthlyUsd: 35.04 * nat,
    },
    {
      item: 'Core nodes (m7g.large)',
      quantity: 2,
      unitMonthlyUsd: 59.57,
      monthlyUsd: 119.14,
    },
  ];
  return {
    monthlyUsd: lines.reduce((sum, l) => sum + l.monthlyUsd, 0),
    lines,
    pricesAsOf: '2025-06-01',
    region: 'eu-west-1',
    assumptions: ['730 hours per month', 'Karpenter capacity not included'],
  };
}

/** Strips `environments/<name>/` so files can be addressed by their root-relative path. */
export function relative(files: RenderedFiles): Record<string, string> {
  return Object.fromEntries(
    Object.entries(files).map(([p, c]) => [
      p.replace(/^environments\/[^/]+\//, ''),
      c,
    ]),
  );
}
