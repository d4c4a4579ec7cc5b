import {
  CapacitySummary,
  ClusterCapacity,
  ClusterRecord,
  ClusterUtilisation,
  InstanceRecord,
  InstanceTypeSpec,
  PoolCapacity,
} from '@platform-portal/plugin-aws-insights-common';
import { clusterKey, isRunning, PoolKind, poolOf } from './keys';

export const DEFAULT_LOW_HEADROOM_PERCENT = 15;

export interface CapacityOptions {
  /** A cluster whose CPU headroom is under this percentage is flagged `lowHeadroom`. */
  lowHeadroomPercent?: number;
}

export interface CapacityResult {
  /** All running instances, including those of clusters not in the cluster list. */
  fleet: CapacitySummary;
  clusters: ClusterCapacity[];
  /**
   * Instance types with no InstanceTypeSpec. Their instances count as nodes and appear in
   * `byInstanceType`, but add 0 vCPU and 0 GiB, so provisioned capacity is understated.
   */
  unknownInstanceTypes: string[];
  /** Running instances whose cluster is not in the cluster list (fleet totals only). */
  instancesOutsideClusters: number;
}

interface Tally {
  nodes: number;
  vcpu: number;
  memoryMiB: number;
  byType: Map<string, number>;
}

interface Reservation {
  cpuPercent: number;
  memoryPercent?: number;
}

const POOL_KIND_ORDER: Record<PoolKind, number> = {
  karpenter: 0,
  nodegroup: 1,
  unmanaged: 2,
};

function newTally(): Tally {
  return { nodes: 0, vcpu: 0, memoryMiB: 0, byType: new Map() };
}

function add(tally: Tally, instanceType: string, spec?: InstanceTypeSpec) {
  tally.nodes += 1;
  tally.vcpu += spec?.vcpu ?? 0;
  tally.memoryMiB += spec?.memoryMiB ?? 0;
  tally.byType.set(instanceType, (tally.byType.get(instanceType) ?? 0) + 1);
}

function byInstanceType(tally: Tally): CapacitySummary['byInstanceType'] {
  return [...tally.byType]
    .map(([instanceType, count]) => ({ instanceType, count }))
    .sort(
      (a, b) =>
        b.count - a.count || a.instanceType.localeCompare(b.instanceType),
    );
}

/** Requests are undefined unless known: an unknown is never shown as 0 % or 100 %. */
function summarise(tally: Tally, reservation?: Reservation): CapacitySummary {
  const memoryGiB = tally.memoryMiB / 1024;
  const summary: CapacitySummary = {
    nodes: tally.nodes,
    vcpu: tally.vcpu,
    memoryGiB,
    requestsKnown: reservation !== undefined,
    byInstanceType: byInstanceType(tally),
  };
  if (reservation) {
    summary.requestedVcpu = (tally.vcpu * reservation.cpuPercent) / 100;
    if (reservation.memoryPercent !== undefined) {
      summary.requestedMemoryGiB =
        (memoryGiB * reservation.memoryPercent) / 100;
    }
    if (tally.vcpu > 0) {
      summary.headroomPercent = 100 - reservation.cpuPercent;
    }
  }
  return summary;
}

/** Container Insights reservation for a cluster, or undefined when requests are unknown. */
function reservationOf(
  utilisation?: ClusterUtilisation,
): Reservation | undefined {
  if (!utilisation?.available) return undefined;
  if (utilisation.cpuReservedPercent === undefined) return undefined;
  return {
    cpuPercent: utilisation.cpuReservedPercent,
    memoryPercent: utilisation.memoryReservedPercent,
  };
}

/**
 * Provisioned and requested capacity per cluster, per pool and fleet-wide, in one pass over
 * the instances. Only running instances count.
 *
 * Requests come from Container Insights, which reports reservation per cluster only: clusters
 * get requested vCPU/GiB (reserved % x provisioned); pools always have `requestsKnown: false`
 * rather than an invented split. Fleet-wide requests are known only when every cluster with
 * nodes has them and no running instance lies outside the listed clusters.
 */
export function summariseCapacity(
  clusters: readonly ClusterRecord[],
  instances: readonly InstanceRecord[],
  specs: readonly InstanceTypeSpec[] | ReadonlyMap<string, InstanceTypeSpec>,
  utilisation: readonly ClusterUtilisation[],
  options: CapacityOptions = {},
): CapacityResult {
  const threshold = options.lowHeadroomPercent ?? DEFAULT_LOW_HEADROOM_PERCENT;
  const specMap =
    specs instanceof Map
      ? (specs as ReadonlyMap<string, InstanceTypeSpec>)
      : new Map(
          (specs as readonly InstanceTypeSpec[]).map(s => [s.instanceType, s]),
        );

  const clusterTallies = new Map<string, Tally>();
  const poolTallies = new Map<
    string,
    Map<string, { pool: string; kind: PoolKind; tally: Tally }>
  >();
  for (const cluster of clusters) {
    const key = clusterKey(cluster.accountId, cluster.region, cluster.name);
    clusterTallies.set(key, newTally());
    // Declared node groups show up even when scaled to zero.
    const pools = new Map<
      string,
      { pool: string; kind: PoolKind; tally: Tally }
    >();
    for (const nodegroup of cluster.nodegroups) {
      pools.set(`nodegroup|${nodegroup.name}`, {
        pool: nodegroup.name,
        kind: 'nodegroup',
        tally: newTally(),
      });
    }
    poolTallies.set(key, pools);
  }

  const fleet = newTally();
  const unknownTypes = new Set<string>();
  let outside = 0;
  for (const instance of instances) {
    if (!isRunning(instance)) continue;
    const spec = specMap.get(instance.instanceType);
    if (!spec) unknownTypes.add(instance.instanceType);
    add(fleet, instance.instanceType, spec);

    const key = clusterKey(
      instance.accountId,
      instance.region,
      instance.cluster,
    );
    const clusterTally = clusterTallies.get(key);
    if (!clusterTally) {
      outside += 1;
      continue;
    }
    add(clusterTally, instance.instanceType, spec);
    const { pool, kind } = poolOf(instance);
    const pools = poolTallies.get(key)!;
    const poolKey = `${kind}|${pool}`;
    let entry = pools.get(poolKey);
    if (!entry) {
      entry = { pool, kind, tally: newTally() };
      pools.set(poolKey, entry);
    }
    add(entry.tally, instance.instanceType, spec);
  }

  const reservations = new Map<string, Reservation | undefined>();
  for (const u of utilisation) {
    reservations.set(
      clusterKey(u.accountId, u.region, u.cluster),
      reservationOf(u),
    );
  }

  let fleetRequestsKnown = outside === 0;
  let requestedVcpu = 0;
  let requestedMemoryGiB: number | undefined = 0;
  const clusterCapacities: ClusterCapacity[] = clusters.map(cluster => {
    const key = clusterKey(cluster.accountId, cluster.region, cluster.name);
    const tally = clusterTallies.get(key)!;
    const summary = summarise(tally, reservations.get(key));
    if (tally.nodes > 0) {
      if (!summary.requestsKnown) fleetRequestsKnown = false;
      requestedVcpu += summary.requestedVcpu ?? 0;
      requestedMemoryGiB =
        requestedMemoryGiB === undefined ||
        summary.requestedMemoryGiB === undefined
          ? undefined
          : requestedMemoryGiB + summary.requestedMemoryGiB;
    }
    const pools: PoolCapacity[] = [...poolTallies.get(key)!.values()]
      .sort(
        (a, b) =>
          POOL_KIND_ORDER[a.kind] - POOL_KIND_ORDER[b.kind] ||
          a.pool.localeCompare(b.pool),
      )
      .map(({ pool, kind, tally: poolTally }) => ({
        pool,
        kind,
        ...summarise(poolTally),
      }));
    return {
      arn: cluster.arn,
      cluster: cluster.name,
      accountId: cluster.accountId,
      region: cluster.region,
      environment: cluster.environment,
      owner: cluster.owner,
      status: cluster.status,
      version: cluster.version,
      healthIssues: cluster.healthIssues,
      ...summary,
      pools,
      lowHeadroom:
        summary.headroomPercent !== undefined &&
        summary.headroomPercent < threshold,
    };
  });

  const fleetSummary = summarise(fleet);
  if (fleetRequestsKnown && fleet.nodes > 0) {
    fleetSummary.requestsKnown = true;
    fleetSummary.requestedVcpu = requestedVcpu;
    fleetSummary.requestedMemoryGiB = requestedMemoryGiB;
    if (fleet.vcpu > 0) {
      fleetSummary.headroomPercent = 100 - (requestedVcpu / fleet.vcpu) * 100;
    }
  }

  return {
    fleet: fleetSummary,
    clusters: clusterCapacities,
    unknownInstanceTypes: [...unknownTypes].sort(),
    instancesOutsideClusters: outside,
  };
}
