import {
  GravitonCandidate,
  InstanceRecord,
  InstanceTypeSpec,
  PriceRecord,
} from '@platform-portal/plugin-aws-insights-common';
import { armEquivalent } from './equivalents';
import { isRunning, poolOf } from './keys';
import { HOURS_PER_MONTH } from './mix';
import { buildPricingIndex, onDemandUsdPerHour, PricingIndex } from './pricing';

/**
 * x86_64 instances that would be cheaper on Graviton, grouped by cluster + pool + type,
 * sorted by monthly savings (largest first).
 *
 * Only running On-Demand x86_64 instances are considered. Spot instances are skipped on
 * purpose: comparing a Spot x86 price with an On-Demand arm64 price says nothing, Spot prices
 * move hourly, and a Karpenter pool that allows both architectures already picks the cheapest
 * Spot offering itself. Both sides are On-Demand list prices in the instance's region; a type
 * is a candidate only when `armEquivalent` knows it and both prices are known (a missing arm
 * price usually means the type is not offered there) and the arm64 price is lower.
 *
 * Groups are keyed by account + region + cluster name, so two same-named clusters in different
 * accounts never merge, even though the candidate only carries the cluster name.
 */
export function findGravitonCandidates(
  instances: readonly InstanceRecord[],
  specs: readonly InstanceTypeSpec[],
  prices: readonly PriceRecord[],
  hoursPerMonth: number = HOURS_PER_MONTH,
): GravitonCandidate[] {
  return findGravitonCandidatesWithIndex(
    instances,
    buildPricingIndex(specs, prices),
    hoursPerMonth,
  );
}

/** Same as `findGravitonCandidates`, with specs and prices indexed once by the caller. */
export function findGravitonCandidatesWithIndex(
  instances: readonly InstanceRecord[],
  index: PricingIndex,
  hoursPerMonth: number = HOURS_PER_MONTH,
): GravitonCandidate[] {
  const groups = new Map<string, GravitonCandidate>();
  // Groups already found not to be candidates: decided once, not per instance.
  const rejected = new Set<string>();
  for (const instance of instances) {
    if (
      !isRunning(instance) ||
      instance.lifecycle !== 'on-demand' ||
      instance.architecture !== 'x86_64'
    ) {
      continue;
    }
    const { pool, kind } = poolOf(instance);
    const key = [
      instance.accountId,
      instance.region,
      instance.cluster,
      kind,
      pool,
      instance.instanceType,
    ].join('|');
    const existing = groups.get(key);
    if (existing) {
      existing.count += 1;
      continue;
    }
    if (rejected.has(key)) continue;
    const armType = armEquivalent(instance.instanceType);
    if (!armType) {
      rejected.add(key);
      continue;
    }
    const current = onDemandUsdPerHour(
      index,
      instance.instanceType,
      instance.region,
    );
    const arm = onDemandUsdPerHour(index, armType, instance.region);
    if (current === undefined || arm === undefined || arm >= current) {
      rejected.add(key);
      continue;
    }
    // Hourly prices for now; turned into monthly totals once the group is counted.
    groups.set(key, {
      cluster: instance.cluster,
      pool,
      instanceType: instance.instanceType,
      armInstanceType: armType,
      count: 1,
      currentUsdPerMonth: current,
      armUsdPerMonth: arm,
      savingsUsdPerMonth: 0,
    });
  }

  const candidates = [...groups.values()].map(group => {
    const currentUsdPerMonth =
      group.currentUsdPerMonth * group.count * hoursPerMonth;
    const armUsdPerMonth = group.armUsdPerMonth * group.count * hoursPerMonth;
    return {
      ...group,
      currentUsdPerMonth,
      armUsdPerMonth,
      savingsUsdPerMonth: currentUsdPerMonth - armUsdPerMonth,
    };
  });
  return candidates.sort(
    (a, b) =>
      b.savingsUsdPerMonth - a.savingsUsdPerMonth ||
      a.cluster.localeCompare(b.cluster) ||
      a.pool.localeCompare(b.pool) ||
      a.instanceType.localeCompare(b.instanceType),
  );
}
