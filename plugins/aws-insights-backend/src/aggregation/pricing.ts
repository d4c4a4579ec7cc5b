import {
  InstanceRecord,
  InstanceTypeSpec,
  PriceRecord,
} from '@platform-portal/plugin-aws-insights-common';

/**
 * Specs and prices indexed once per aggregation, so every per-instance look-up is a Map get
 * (10,000 instances against ~thousands of price rows stays linear).
 */
export interface PricingIndex {
  specs: ReadonlyMap<string, InstanceTypeSpec>;
  /** `region|type` -> On-Demand USD/hour. */
  onDemand: ReadonlyMap<string, number>;
  /** `region|az|type` -> Spot USD/hour. */
  spotByAz: ReadonlyMap<string, number>;
  /** `region|type` -> Spot USD/hour for the region: an AZ-less Spot row, else the AZ average. */
  spotByRegion: ReadonlyMap<string, number>;
}

interface Dated {
  asOf: string;
  usdPerHour: number;
}

/** Keeps the newest price per key: collectors may hand over several days of history. */
function keepNewest(map: Map<string, Dated>, key: string, price: PriceRecord) {
  const existing = map.get(key);
  if (!existing || existing.asOf <= price.asOf) {
    map.set(key, { asOf: price.asOf, usdPerHour: price.usdPerHour });
  }
}

function amounts(map: Map<string, Dated>): Map<string, number> {
  const result = new Map<string, number>();
  for (const [key, value] of map) result.set(key, value.usdPerHour);
  return result;
}

export function buildPricingIndex(
  specs: readonly InstanceTypeSpec[],
  prices: readonly PriceRecord[],
): PricingIndex {
  const specMap = new Map<string, InstanceTypeSpec>();
  for (const spec of specs) specMap.set(spec.instanceType, spec);

  const onDemand = new Map<string, Dated>();
  const spotByAz = new Map<string, Dated>();
  const spotRegional = new Map<string, Dated>();
  for (const price of prices) {
    const regionKey = `${price.region}|${price.instanceType}`;
    if (price.lifecycle === 'on-demand') {
      keepNewest(onDemand, regionKey, price);
    } else if (price.availabilityZone) {
      keepNewest(
        spotByAz,
        `${price.region}|${price.availabilityZone}|${price.instanceType}`,
        price,
      );
    } else {
      keepNewest(spotRegional, regionKey, price);
    }
  }

  // Regional Spot fallback: the plain average over the AZs that have a price.
  const sums = new Map<string, { total: number; count: number }>();
  for (const [key, price] of spotByAz) {
    const [region, , instanceType] = key.split('|');
    const regionKey = `${region}|${instanceType}`;
    const sum = sums.get(regionKey) ?? { total: 0, count: 0 };
    sum.total += price.usdPerHour;
    sum.count += 1;
    sums.set(regionKey, sum);
  }
  const spotByRegion = amounts(spotRegional);
  for (const [key, sum] of sums) {
    if (!spotByRegion.has(key)) spotByRegion.set(key, sum.total / sum.count);
  }

  return {
    specs: specMap,
    onDemand: amounts(onDemand),
    spotByAz: amounts(spotByAz),
    spotByRegion,
  };
}

export function onDemandUsdPerHour(
  index: PricingIndex,
  instanceType: string,
  region: string,
): number | undefined {
  return index.onDemand.get(`${region}|${instanceType}`);
}

/**
 * What one instance costs per hour. Spot: the price in its AZ, else the regional average Spot
 * price of the type, else On-Demand (an over-estimate, never an invented saving).
 * Undefined when no price is known.
 */
export function instanceUsdPerHour(
  index: PricingIndex,
  instance: Pick<
    InstanceRecord,
    'instanceType' | 'region' | 'availabilityZone' | 'lifecycle'
  >,
): number | undefined {
  const { instanceType, region } = instance;
  if (instance.lifecycle === 'spot') {
    const spot =
      index.spotByAz.get(
        `${region}|${instance.availabilityZone}|${instanceType}`,
      ) ?? index.spotByRegion.get(`${region}|${instanceType}`);
    if (spot !== undefined) return spot;
  }
  return onDemandUsdPerHour(index, instanceType, region);
}
