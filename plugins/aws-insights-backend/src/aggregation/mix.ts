import {
  InstanceRecord,
  InstanceTypeSpec,
  MixCell,
  MixSummary,
  PriceRecord,
} from '@platform-portal/plugin-aws-insights-common';
import { x86Equivalent } from './equivalents';
import { isRunning } from './keys';
import {
  buildPricingIndex,
  instanceUsdPerHour,
  onDemandUsdPerHour,
  PricingIndex,
} from './pricing';

/** AWS's own convention for monthly prices: 730 hours. */
export const HOURS_PER_MONTH = 730;

/**
 * Spot/On-Demand x Graviton/x86 mix with cost, over the running instances given.
 *
 * Cost per instance: see `instanceUsdPerHour` (Spot in its AZ, else regional Spot average,
 * else On-Demand; On-Demand per region). Instances with no price at all still count in
 * `count` and `vcpu` but not in any USD sum (neither actual nor baseline), and their types
 * are listed in `unpricedInstanceTypes`.
 *
 * `onDemandX86UsdPerHour`, the baseline the savings are measured against, is per instance the
 * On-Demand price of `x86Equivalent(type)` in the instance's region (an x86_64 type is its
 * own equivalent). If that type has no equivalent or no price, the instance's own On-Demand
 * price is used (the same vCPUs at its own per-vCPU On-Demand rate); failing that its actual
 * price, so an instance never claims a saving that cannot be priced.
 *
 * `spotShareByVcpu` and `armShareByVcpu` are fractions 0..1; `savingsPercent` is 0..100.
 */
export function summariseMix(
  instances: readonly InstanceRecord[],
  specs: readonly InstanceTypeSpec[],
  prices: readonly PriceRecord[],
  hoursPerMonth: number = HOURS_PER_MONTH,
): MixSummary {
  return summariseMixWithIndex(
    instances,
    buildPricingIndex(specs, prices),
    hoursPerMonth,
  );
}

interface InstancePrice {
  actual?: number;
  /** On-Demand x86_64 equivalent; see `summariseMix`. */
  baseline: number;
}

function priceInstance(
  index: PricingIndex,
  instance: InstanceRecord,
): InstancePrice {
  const actual = instanceUsdPerHour(index, instance);
  if (actual === undefined) return { baseline: 0 };
  const equivalent = x86Equivalent(instance.instanceType);
  const baseline =
    (equivalent !== undefined
      ? onDemandUsdPerHour(index, equivalent, instance.region)
      : undefined) ??
    onDemandUsdPerHour(index, instance.instanceType, instance.region) ??
    actual;
  return { actual, baseline };
}

function cellIndex(instance: InstanceRecord): number {
  return (
    (instance.lifecycle === 'spot' ? 0 : 2) +
    (instance.architecture === 'arm64' ? 0 : 1)
  );
}

/** Same as `summariseMix`, with specs and prices indexed once by the caller. */
export function summariseMixWithIndex(
  instances: readonly InstanceRecord[],
  index: PricingIndex,
  hoursPerMonth: number = HOURS_PER_MONTH,
): MixSummary {
  const cells: MixCell[] = [
    {
      lifecycle: 'spot',
      architecture: 'arm64',
      count: 0,
      vcpu: 0,
      usdPerHour: 0,
    },
    {
      lifecycle: 'spot',
      architecture: 'x86_64',
      count: 0,
      vcpu: 0,
      usdPerHour: 0,
    },
    {
      lifecycle: 'on-demand',
      architecture: 'arm64',
      count: 0,
      vcpu: 0,
      usdPerHour: 0,
    },
    {
      lifecycle: 'on-demand',
      architecture: 'x86_64',
      count: 0,
      vcpu: 0,
      usdPerHour: 0,
    },
  ];
  const unpriced = new Set<string>();
  const priceCache = new Map<string, InstancePrice>();
  let baseline = 0;

  for (const instance of instances) {
    if (!isRunning(instance)) continue;
    const cell = cells[cellIndex(instance)];
    cell.count += 1;
    cell.vcpu += index.specs.get(instance.instanceType)?.vcpu ?? 0;

    // Prices depend only on type, lifecycle and location: look them up once per combination.
    const priceKey = `${instance.lifecycle}|${instance.availabilityZone}|${instance.region}|${instance.instanceType}`;
    let price = priceCache.get(priceKey);
    if (!price) {
      price = priceInstance(index, instance);
      priceCache.set(priceKey, price);
    }
    if (price.actual === undefined) {
      unpriced.add(instance.instanceType);
      continue;
    }
    cell.usdPerHour += price.actual;
    baseline += price.baseline;
  }

  let count = 0;
  let vcpu = 0;
  let usdPerHour = 0;
  for (const cell of cells) {
    count += cell.count;
    vcpu += cell.vcpu;
    usdPerHour += cell.usdPerHour;
  }
  const spotVcpu = cells[0].vcpu + cells[1].vcpu;
  const armVcpu = cells[0].vcpu + cells[2].vcpu;
  const savingsPerHour = baseline - usdPerHour;

  return {
    cells,
    count,
    vcpu,
    usdPerHour,
    usdPerMonth: usdPerHour * hoursPerMonth,
    onDemandX86UsdPerHour: baseline,
    savingsUsdPerMonth: savingsPerHour * hoursPerMonth,
    savingsPercent: baseline > 0 ? (savingsPerHour / baseline) * 100 : 0,
    spotShareByVcpu: vcpu > 0 ? spotVcpu / vcpu : 0,
    armShareByVcpu: vcpu > 0 ? armVcpu / vcpu : 0,
    unpricedInstanceTypes: [...unpriced].sort(),
  };
}
