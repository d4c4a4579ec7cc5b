/*
 * The one table of EC2 On-Demand list prices: Linux, shared tenancy, USD per instance-hour, no
 * discounts or Savings Plans. platform-iac prices the node groups of a planned environment with
 * it; the insights backend falls back to it when the Pricing API is unreachable (no egress,
 * denied, or an AWS-compatible endpoint without it). Approximate by nature; refresh the figures
 * from the Pricing API and bump EC2_ON_DEMAND_PRICES_AS_OF together.
 */

/** When the figures below were last checked against the public list prices. */
export const EC2_ON_DEMAND_PRICES_AS_OF = '2026-10-01';

/** USD per hour of the `.large` size, per region and instance family. */
const LARGE_PRICE_BY_REGION: Record<string, Record<string, number>> = {
  'us-east-1': {
    m5: 0.096,
    m6i: 0.096,
    m7i: 0.1008,
    m6g: 0.077,
    m7g: 0.0816,
    c5: 0.085,
    c6i: 0.085,
    c7i: 0.08925,
    c6g: 0.068,
    c7g: 0.0725,
    r5: 0.126,
    r6i: 0.126,
    r7i: 0.1323,
    r6g: 0.1008,
    r7g: 0.1071,
    t3: 0.0832,
    t4g: 0.0672,
  },
  'eu-west-1': {
    m5: 0.107,
    m6i: 0.107,
    m7i: 0.11235,
    m6g: 0.086,
    m7g: 0.0914,
    c5: 0.096,
    c6i: 0.096,
    c7i: 0.1008,
    c6g: 0.0768,
    c7g: 0.0817,
    r5: 0.141,
    r6i: 0.141,
    r7i: 0.14805,
    r6g: 0.1128,
    r7g: 0.1198,
    t3: 0.0912,
    t4g: 0.0736,
  },
};

/** Within a family, list prices scale linearly with size; factors relative to `.large`. */
const SIZE_FACTORS: Record<string, number> = {
  large: 1,
  xlarge: 2,
  '2xlarge': 4,
  '4xlarge': 8,
};
/** Burstable families stop at 2xlarge. */
const BURSTABLE_FAMILIES = new Set(['t3', 't4g']);

/** Regions the table covers. */
export const EC2_ON_DEMAND_PRICE_REGIONS = Object.keys(LARGE_PRICE_BY_REGION);

/** The On-Demand USD/hour of one instance type in one region, or undefined when the table lacks it. */
export function ec2OnDemandHourlyPrice(
  instanceType: string,
  region: string,
): number | undefined {
  const [family, size] = instanceType.split('.');
  const large = LARGE_PRICE_BY_REGION[region]?.[family];
  const factor = SIZE_FACTORS[size];
  if (large === undefined || factor === undefined) return undefined;
  if (BURSTABLE_FAMILIES.has(family) && size === '4xlarge') return undefined;
  return Math.round(large * factor * 1e5) / 1e5;
}
