import {
  EC2_ON_DEMAND_PRICES_AS_OF,
  ec2OnDemandHourlyPrice,
  HOURS_PER_MONTH,
} from '@platform-portal/platform-common';
import type { CostEstimate, CostLine, EnvironmentRequest } from '../types';
import { coreNodeCount } from '../request/tierRules';
import {
  CORE_NODE_GROUP,
  FALLBACK_REGION,
  GLOBAL_PRICES,
  GRAVITON_FACTOR,
  KARPENTER_REFERENCE,
  KMS_KEYS,
  PRICES_AS_OF,
  REGION_PRICES,
  RegionPrices,
  SPOT_DISCOUNT,
  SPOT_SHARE,
  USAGE_PROFILES,
  UsageProfile,
  WAF_RULES,
} from './prices';

/** Collects lines and assumptions while an estimate is built. */
interface Sheet {
  lines: CostLine[];
  assumptions: string[];
}

/** Cents avoid float drift, so the total is exactly the sum of the lines. */
const toCents = (usd: number) => Math.round(usd * 100);

function add(
  sheet: Sheet,
  item: string,
  quantity: number,
  unitMonthlyUsd: number,
) {
  sheet.lines.push({
    item,
    quantity,
    unitMonthlyUsd: Math.round(unitMonthlyUsd * 10_000) / 10_000,
    monthlyUsd: toCents(quantity * unitMonthlyUsd) / 100,
  });
}

const monthly = (hourly: number) => hourly * HOURS_PER_MONTH;

const SIZE_FACTORS: Record<string, number> = {
  micro: 0.125,
  small: 0.25,
  medium: 0.5,
  large: 1,
  xlarge: 2,
};

/** Relative size of an instance size name: large = 1, 4xlarge = 8. */
function sizeFactor(size: string): number | undefined {
  const multiple = /^(\d+)xlarge$/.exec(size);
  return multiple ? 2 * Number(multiple[1]) : SIZE_FACTORS[size];
}

/**
 * Hourly price of an instance class: from the table, or scaled from
 * another size of the same family (prices are linear in size within a
 * family), or undefined when the family is unknown.
 */
export function instanceHourly(
  table: Record<string, number>,
  instanceClass: string,
): number | undefined {
  if (table[instanceClass] !== undefined) return table[instanceClass];
  const [prefix, family, size] = instanceClass.split('.');
  const wanted = sizeFactor(size ?? '');
  if (wanted === undefined) return undefined;
  for (const [known, price] of Object.entries(table)) {
    const [p, f, s] = known.split('.');
    const factor = sizeFactor(s ?? '');
    if (p === prefix && f === family && factor)
      return (price / factor) * wanted;
  }
  return undefined;
}

/** The region whose bundled prices apply: the requested one, else the fallback. */
function pricedRegion(region: string, sheet: Sheet): string {
  if (REGION_PRICES[region]) return region;
  sheet.assumptions.push(
    `No bundled prices for ${region}: using ${FALLBACK_REGION} prices, which are usually the lowest.`,
  );
  return FALLBACK_REGION;
}

/** EC2 On-Demand per instance-hour; every priced region has the types we use. */
function ec2Hourly(instanceType: string, region: string): number {
  const hourly = ec2OnDemandHourlyPrice(instanceType, region);
  if (hourly === undefined) {
    throw new Error(`The EC2 price table has no ${instanceType} in ${region}`);
  }
  return hourly;
}

function addCompute(
  r: EnvironmentRequest,
  p: RegionPrices,
  u: UsageProfile,
  sheet: Sheet,
  region: string,
) {
  add(sheet, 'EKS control plane', 1, monthly(p.eksClusterHour));
  add(
    sheet,
    `EKS core node group (${CORE_NODE_GROUP.instanceType}, On-Demand)`,
    coreNodeCount(r.tier),
    monthly(ec2Hourly(CORE_NODE_GROUP.instanceType, region)),
  );
  const { allowSpot, allowGraviton, cpuLimit } = r.kubernetes.karpenter;
  const vcpus = Math.min(u.karpenterVcpu, cpuLimit);
  const perVcpu =
    ec2Hourly(KARPENTER_REFERENCE.instanceType, region) /
    KARPENTER_REFERENCE.vcpus;
  const graviton = allowGraviton ? GRAVITON_FACTOR : 1;
  const spot = allowSpot ? 1 - SPOT_SHARE * SPOT_DISCOUNT : 1;
  const mix = [allowSpot && 'Spot mix', allowGraviton && 'Graviton'].filter(
    Boolean,
  );
  add(
    sheet,
    `Karpenter capacity (vCPU${
      mix.length ? `, ${mix.join(', ')}` : ', On-Demand x86'
    })`,
    vcpus,
    monthly(perVcpu * graviton * spot),
  );
  const factors = [
    allowGraviton ? `x${GRAVITON_FACTOR} for Graviton` : undefined,
    allowSpot
      ? `${SPOT_SHARE * 100}% of capacity on Spot at a ${
          SPOT_DISCOUNT * 100
        }% discount`
      : undefined,
  ].filter(Boolean);
  sheet.assumptions.push(
    `Karpenter runs an average of ${vcpus} vCPUs (${r.tier} baseline ${
      u.karpenterVcpu
    }, capped by cpuLimit ${cpuLimit}), priced from ${
      KARPENTER_REFERENCE.instanceType
    } On-Demand${factors.map(f => `, ${f}`).join('')}.`,
  );
}

function addNetwork(
  r: EnvironmentRequest,
  p: RegionPrices,
  u: UsageProfile,
  sheet: Sheet,
) {
  const nats = r.network.singleNatGateway ? 1 : 3;
  add(sheet, 'NAT gateways', nats, monthly(p.natGatewayHour));
  add(sheet, 'NAT gateway data processed (GB)', u.natGb, p.natGatewayPerGb);
  add(sheet, 'Application Load Balancer', 1, monthly(p.albHour));
  add(sheet, 'ALB capacity units (LCU)', u.albLcu, monthly(p.albLcuHour));
  add(sheet, 'WAF web ACL', 1, GLOBAL_PRICES.wafWebAclMonth);
  add(sheet, 'WAF rules', WAF_RULES, GLOBAL_PRICES.wafRuleMonth);
  add(
    sheet,
    'WAF requests (millions)',
    u.wafMillionRequests,
    GLOBAL_PRICES.wafPerMillionRequests,
  );
  sheet.assumptions.push(
    `${u.natGb} GB/month through NAT, ${u.albLcu} average ALB LCU and ${u.wafMillionRequests} million WAF requests/month (${r.tier} profile); internet data transfer out is not included.`,
    `The WAF web ACL has ${WAF_RULES} rules (rate limit + AWS managed rule groups).`,
  );
}

/**
 * Aurora keeps one writer plus `readReplicas` readers; Multi-AZ needs at
 * least one instance in a second AZ, so with no replicas it adds one.
 * RDS Multi-AZ doubles the writer (primary + standby); read replicas are
 * separate Single-AZ instances.
 */
function addDatabase(
  r: EnvironmentRequest,
  p: RegionPrices,
  u: UsageProfile,
  sheet: Sheet,
) {
  const { engine, instanceClass, multiAz, readReplicas } = r.database;
  if (engine === 'rds-postgresql') {
    const hourly = priceOrAssume(p.rdsInstanceHour, instanceClass, sheet);
    add(
      sheet,
      `RDS PostgreSQL ${instanceClass}${
        multiAz ? ' (Multi-AZ: primary + standby)' : ''
      }`,
      multiAz ? 2 : 1,
      monthly(hourly),
    );
    if (readReplicas > 0)
      add(
        sheet,
        `RDS PostgreSQL read replicas ${instanceClass}`,
        readReplicas,
        monthly(hourly),
      );
    const copies = (multiAz ? 2 : 1) + readReplicas;
    add(
      sheet,
      'RDS gp3 storage (GB, all copies)',
      u.dbStorageGb * copies,
      p.rdsStorageGbMonth,
    );
  } else {
    const instances = Math.max(1 + readReplicas, multiAz ? 2 : 1);
    if (engine === 'aurora-serverless-v2') {
      add(
        sheet,
        'Aurora Serverless v2 instances (ACU-hours)',
        instances,
        u.serverlessAcuHours * p.auroraAcuHour,
      );
      sheet.assumptions.push(
        `Each Aurora Serverless v2 instance uses ${u.serverlessAcuHours} ACU-hours a month and auto-pauses when idle.`,
      );
    } else {
      const hourly = priceOrAssume(p.auroraInstanceHour, instanceClass, sheet);
      add(
        sheet,
        `Aurora PostgreSQL ${instanceClass} instances`,
        instances,
        monthly(hourly),
      );
    }
    add(sheet, 'Aurora storage (GB)', u.dbStorageGb, p.auroraStorageGbMonth);
    add(
      sheet,
      'Aurora I/O (million requests)',
      u.dbIoMillions,
      p.auroraIoPerMillion,
    );
  }
  sheet.assumptions.push(
    `${u.dbStorageGb} GB of database storage; backup storage up to the database size is free and not counted.`,
  );
}

function priceOrAssume(
  table: Record<string, number>,
  instanceClass: string,
  sheet: Sheet,
): number {
  const hourly = instanceHourly(table, instanceClass);
  if (hourly !== undefined) return hourly;
  sheet.assumptions.push(
    `No bundled price for ${instanceClass}: its instance cost is shown as 0.`,
  );
  return 0;
}

/**
 * Rough monthly list-price estimate for one environment, from the bundled
 * price table. Meant for comparing options in the form, not for budgets.
 */
export function estimateMonthlyCost(request: EnvironmentRequest): CostEstimate {
  const sheet: Sheet = { lines: [], assumptions: [] };
  const region = pricedRegion(request.region, sheet);
  const prices = REGION_PRICES[region];
  const usage = USAGE_PROFILES[request.tier];
  addCompute(request, prices, usage, sheet, region);
  addNetwork(request, prices, usage, sheet);
  addDatabase(request, prices, usage, sheet);
  add(sheet, 'KMS customer managed keys', KMS_KEYS, GLOBAL_PRICES.kmsKeyMonth);
  const cents = sheet.lines.reduce(
    (sum, line) => sum + toCents(line.monthlyUsd),
    0,
  );
  return {
    monthlyUsd: cents / 100,
    lines: sheet.lines,
    pricesAsOf: PRICES_AS_OF,
    region: request.region,
    assumptions: [
      `On-Demand list prices in USD as of ${PRICES_AS_OF}${
        EC2_ON_DEMAND_PRICES_AS_OF === PRICES_AS_OF
          ? ''
          : ` (EC2 instances: ${EC2_ON_DEMAND_PRICES_AS_OF})`
      }, ${HOURS_PER_MONTH} hours a month, before taxes, credits and Savings Plans.`,
      ...sheet.assumptions,
      'Not included: EBS volumes of nodes, CloudWatch, Route 53, ECR, data transfer and EKS extended support.',
    ],
  };
}
