import { PriceRecord } from '@platform-portal/plugin-aws-insights-common';

/**
 * Fallback On-Demand prices for when the Pricing API is unreachable (no egress, denied, or an
 * AWS-compatible endpoint without it). Linux, shared tenancy, USD per hour, public list prices
 * as of `BUNDLED_PRICES_AS_OF`. Approximate by nature: every record from here says
 * `source: 'bundled-table'` so the UI can flag it. Refresh the table from the Pricing API when
 * it drifts; AWS list prices change rarely, and scale linearly with size within a family.
 */
export const BUNDLED_PRICES_AS_OF = '2025-06-01';

/** USD/hour of the `.large` size per family and region. */
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

/** Size multipliers relative to `.large`; burstable families stop at 2xlarge. */
const SIZE_FACTORS: Record<string, number> = {
  large: 1,
  xlarge: 2,
  '2xlarge': 4,
  '4xlarge': 8,
};
const BURSTABLE_FAMILIES = new Set(['t3', 't4g']);

/** The bundled On-Demand price of one type in one region, if the table has it. */
export function bundledOnDemandPrice(
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

/** Bundled-table PriceRecords for the types the table knows; unknown types are left out. */
export function bundledOnDemandPriceRecords(
  instanceTypes: readonly string[],
  region: string,
): PriceRecord[] {
  return instanceTypes.flatMap(instanceType => {
    const usdPerHour = bundledOnDemandPrice(instanceType, region);
    return usdPerHour === undefined
      ? []
      : [
          {
            instanceType,
            region,
            lifecycle: 'on-demand' as const,
            usdPerHour,
            asOf: BUNDLED_PRICES_AS_OF,
            source: 'bundled-table' as const,
          },
        ];
  });
}

export const BUNDLED_PRICE_REGIONS = Object.keys(LARGE_PRICE_BY_REGION);
