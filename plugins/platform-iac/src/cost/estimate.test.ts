import fc from 'fast-check';
import type { CostEstimate, EnvironmentRequest } from '../types';
import { estimateMonthlyCost, instanceHourly } from './estimate';
import { HOURS_PER_MONTH } from '@platform-portal/platform-common';
import { PRICES_AS_OF, REGION_PRICES } from './prices';

function dev(overrides: Partial<EnvironmentRequest> = {}): EnvironmentRequest {
  return {
    name: 'qa',
    tier: 'dev',
    account: { name: 'workloads-dev', accountId: '123456789012' },
    region: 'eu-west-1',
    owner: 'group:default/team-orders',
    network: { singleNatGateway: true },
    kubernetes: {
      version: '1.33',
      karpenter: {
        allowSpot: true,
        allowGraviton: true,
        instanceCategories: ['c', 'm', 'r'],
        minInstanceGeneration: 5,
        cpuLimit: 1000,
      },
    },
    database: {
      engine: 'rds-postgresql',
      instanceClass: 'db.t4g.medium',
      backupRetentionDays: 7,
      readReplicas: 0,
      multiAz: false,
    },
    waf: { rateLimitPer5Minutes: 2000 },
    ingress: { domain: 'qa.example.com' },
    state: {
      bucket: 'tfstate-x',
      region: 'eu-west-1',
      accountId: '210987654321',
    },
    ...overrides,
  };
}

function prod(overrides: Partial<EnvironmentRequest> = {}): EnvironmentRequest {
  return dev({
    name: 'orders',
    tier: 'prod',
    network: { singleNatGateway: false },
    database: {
      engine: 'aurora-postgresql',
      instanceClass: 'db.r6g.large',
      backupRetentionDays: 14,
      readReplicas: 1,
      multiAz: true,
    },
    ...overrides,
  });
}

const withDatabase = (
  r: EnvironmentRequest,
  db: Partial<EnvironmentRequest['database']>,
) => ({
  ...r,
  database: { ...r.database, ...db },
});

const line = (estimate: CostEstimate, prefix: string) => {
  const found = estimate.lines.find(l => l.item.startsWith(prefix));
  if (!found) throw new Error(`no line ${prefix}`);
  return found;
};

const sumCents = (e: CostEstimate) =>
  e.lines.reduce((s, l) => s + Math.round(l.monthlyUsd * 100), 0);

describe('estimateMonthlyCost', () => {
  it('describes the estimate', () => {
    const estimate = estimateMonthlyCost(dev());
    expect(estimate.pricesAsOf).toBe(PRICES_AS_OF);
    expect(estimate.region).toBe('eu-west-1');
    expect(estimate.assumptions[0]).toMatch(/730 hours a month/);
    expect(estimate.assumptions.join('\n')).toMatch(/GB\/month through NAT/);
    expect(estimate.lines.map(l => l.item)).toEqual(
      expect.arrayContaining([
        'EKS control plane',
        'NAT gateways',
        'Application Load Balancer',
        'WAF web ACL',
        'KMS customer managed keys',
      ]),
    );
  });

  it('prices the EKS control plane at 730 hours', () => {
    expect(line(estimateMonthlyCost(dev()), 'EKS control plane')).toEqual({
      item: 'EKS control plane',
      quantity: 1,
      unitMonthlyUsd: 73,
      monthlyUsd: 73,
    });
  });

  it('makes prod cost more than dev', () => {
    expect(estimateMonthlyCost(prod()).monthlyUsd).toBeGreaterThan(
      estimateMonthlyCost(dev()).monthlyUsd,
    );
  });

  it('makes a single NAT gateway cheaper than three', () => {
    const single = estimateMonthlyCost(dev());
    const three = estimateMonthlyCost(
      dev({ network: { singleNatGateway: false } }),
    );
    expect(line(single, 'NAT gateways').quantity).toBe(1);
    expect(line(three, 'NAT gateways').quantity).toBe(3);
    const natHour = REGION_PRICES['eu-west-1'].natGatewayHour;
    expect(three.monthlyUsd - single.monthlyUsd).toBeCloseTo(
      2 * natHour * HOURS_PER_MONTH,
      1,
    );
  });

  it('doubles the instance cost with Multi-AZ (RDS and Aurora)', () => {
    const rds = dev();
    const rdsSingle = line(
      estimateMonthlyCost(rds),
      'RDS PostgreSQL db.t4g.medium',
    );
    const rdsMulti = line(
      estimateMonthlyCost(withDatabase(rds, { multiAz: true })),
      'RDS PostgreSQL db.t4g.medium',
    );
    expect(rdsMulti.monthlyUsd).toBeCloseTo(2 * rdsSingle.monthlyUsd, 2);
    expect(rdsMulti.item).toMatch(/primary \+ standby/);

    const aurora = withDatabase(prod(), { readReplicas: 0, multiAz: false });
    const single = line(estimateMonthlyCost(aurora), 'Aurora PostgreSQL');
    const multi = line(
      estimateMonthlyCost(withDatabase(aurora, { multiAz: true })),
      'Aurora PostgreSQL',
    );
    expect(multi.monthlyUsd).toBeCloseTo(2 * single.monthlyUsd, 2);
  });

  it('counts Aurora read replicas as instances and RDS replicas separately', () => {
    const aurora = estimateMonthlyCost(
      withDatabase(prod(), { readReplicas: 2 }),
    );
    expect(line(aurora, 'Aurora PostgreSQL').quantity).toBe(3);
    const rds = estimateMonthlyCost(withDatabase(dev(), { readReplicas: 2 }));
    expect(line(rds, 'RDS PostgreSQL read replicas').quantity).toBe(2);
    expect(line(rds, 'RDS gp3 storage').quantity).toBe(150);
  });

  it('prices Aurora Serverless v2 by ACU-hours', () => {
    const estimate = estimateMonthlyCost(
      withDatabase(dev(), {
        engine: 'aurora-serverless-v2',
        instanceClass: 'db.serverless',
      }),
    );
    const acu = line(estimate, 'Aurora Serverless v2');
    expect(acu.unitMonthlyUsd).toBeCloseTo(
      440 * REGION_PRICES['eu-west-1'].auroraAcuHour,
      4,
    );
    expect(estimate.assumptions.join('\n')).toMatch(/ACU-hours a month/);
  });

  it('applies Spot and Graviton factors to Karpenter capacity', () => {
    const karpenter = (allowSpot: boolean, allowGraviton: boolean) => {
      const r = dev();
      return line(
        estimateMonthlyCost({
          ...r,
          kubernetes: {
            ...r.kubernetes,
            karpenter: { ...r.kubernetes.karpenter, allowSpot, allowGraviton },
          },
        }),
        'Karpenter',
      );
    };
    const onDemandX86 = karpenter(false, false);
    expect(onDemandX86.item).toBe('Karpenter capacity (vCPU, On-Demand x86)');
    expect(karpenter(false, true).unitMonthlyUsd).toBeCloseTo(
      onDemandX86.unitMonthlyUsd * 0.8,
      3,
    );
    expect(karpenter(true, false).unitMonthlyUsd).toBeLessThan(
      onDemandX86.unitMonthlyUsd * 0.6,
    );
    expect(karpenter(true, true).item).toBe(
      'Karpenter capacity (vCPU, Spot mix, Graviton)',
    );
  });

  it('caps Karpenter vCPUs at cpuLimit', () => {
    const r = prod();
    const capped = estimateMonthlyCost({
      ...r,
      kubernetes: {
        ...r.kubernetes,
        karpenter: { ...r.kubernetes.karpenter, cpuLimit: 8 },
      },
    });
    expect(line(capped, 'Karpenter').quantity).toBe(8);
  });

  it('falls back to us-east-1 prices for unknown regions', () => {
    const estimate = estimateMonthlyCost(dev({ region: 'ap-southeast-2' }));
    expect(estimate.region).toBe('ap-southeast-2');
    expect(estimate.assumptions.join('\n')).toMatch(
      /No bundled prices for ap-southeast-2: using us-east-1/,
    );
    const usEast = estimateMonthlyCost(dev({ region: 'us-east-1' }));
    expect(estimate.monthlyUsd).toBe(usEast.monthlyUsd);
    expect(usEast.assumptions.join('\n')).not.toMatch(/No bundled prices/);
  });

  it('scales unknown sizes within a family and flags unknown families', () => {
    expect(
      instanceHourly(
        REGION_PRICES['us-east-1'].rdsInstanceHour,
        'db.r6g.4xlarge',
      ),
    ).toBeCloseTo(1.8, 6);
    expect(
      instanceHourly(
        REGION_PRICES['us-east-1'].rdsInstanceHour,
        'db.x2g.large',
      ),
    ).toBeUndefined();
    const estimate = estimateMonthlyCost(
      withDatabase(dev(), { instanceClass: 'db.x2g.large' }),
    );
    expect(estimate.assumptions.join('\n')).toMatch(
      /No bundled price for db.x2g.large/,
    );
    expect(line(estimate, 'RDS PostgreSQL db.x2g.large').monthlyUsd).toBe(0);
  });

  it('rounds the total to cents and equals the sum of the lines', () => {
    const tiers = ['dev', 'staging', 'prod', 'other'] as const;
    const engines = [
      'aurora-postgresql',
      'aurora-serverless-v2',
      'rds-postgresql',
    ] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...tiers),
        fc.constantFrom(...engines),
        fc.constantFrom(
          'db.t4g.medium',
          'db.r6g.large',
          'db.r7g.xlarge',
          'db.m6g.large',
        ),
        fc.integer({ min: 0, max: 5 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('us-east-1', 'eu-west-1', 'eu-central-1'),
        fc.integer({ min: 8, max: 10000 }),
        (
          tier,
          engine,
          cls,
          readReplicas,
          multiAz,
          singleNatGateway,
          region,
          cpuLimit,
        ) => {
          const base = dev({ tier, region, network: { singleNatGateway } });
          const estimate = estimateMonthlyCost({
            ...withDatabase(base, {
              engine,
              instanceClass:
                engine === 'aurora-serverless-v2' ? 'db.serverless' : cls,
              readReplicas,
              multiAz,
            }),
            kubernetes: {
              ...base.kubernetes,
              karpenter: { ...base.kubernetes.karpenter, cpuLimit },
            },
          });
          expect(Math.round(estimate.monthlyUsd * 100)).toBe(
            sumCents(estimate),
          );
          expect(estimate.monthlyUsd).toBe(
            Math.round(estimate.monthlyUsd * 100) / 100,
          );
          for (const l of estimate.lines) {
            expect(l.monthlyUsd).toBeGreaterThanOrEqual(0);
            expect(l.monthlyUsd).toBeCloseTo(l.quantity * l.unitMonthlyUsd, 0);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('estimateMonthlyCost: core node group', () => {
  const coreLine = (estimate: CostEstimate) =>
    estimate.lines.find(l => l.item.startsWith('EKS core node group'))!;

  it('prices the core nodes the root renders: three in prod (one per AZ), two elsewhere', () => {
    expect(coreLine(estimateMonthlyCost(prod())).quantity).toBe(3);
    expect(coreLine(estimateMonthlyCost(dev())).quantity).toBe(2);
    expect(coreLine(estimateMonthlyCost(prod())).unitMonthlyUsd).toBe(
      coreLine(estimateMonthlyCost(dev())).unitMonthlyUsd,
    );
  });
});
