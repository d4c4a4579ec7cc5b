import {
  FleetRecords,
  FleetSnapshot,
  InstanceRecord,
  MixSummary,
} from '@platform-portal/plugin-aws-insights-common';
import { summariseCapacity } from './capacity';
import { freshnessOf } from './freshness';
import { assessDatabase, DatabaseHealthRules } from './database';
import { findGravitonCandidatesWithIndex } from './graviton';
import { clusterKey, isRunning } from './keys';
import { HOURS_PER_MONTH, summariseMixWithIndex } from './mix';
import { buildPricingIndex } from './pricing';
import { summariseWebAcl } from './waf';

export interface FleetSnapshotOptions {
  /** ISO time of the snapshot; passed in so aggregation stays a pure function. */
  now: string;
  /** How often refreshes run: the snapshot is stale after two missed ones (default 5 min). */
  refreshFrequencyMs?: number;
  lowHeadroomPercent?: number;
  hoursPerMonth?: number;
  databaseRules?: Partial<DatabaseHealthRules>;
}

/**
 * Every aggregated view of one refresh. WAF figures cover all points the collector read
 * (it decides the window); stacks and sources pass through unchanged.
 */
export function buildFleetSnapshot(
  records: FleetRecords,
  options: FleetSnapshotOptions,
): FleetSnapshot {
  const hoursPerMonth = options.hoursPerMonth ?? HOURS_PER_MONTH;
  const index = buildPricingIndex(records.instanceTypes, records.prices);
  const capacity = summariseCapacity(
    records.clusters,
    records.instances,
    index.specs,
    records.utilisation,
    { lowHeadroomPercent: options.lowHeadroomPercent },
  );

  // One pass to bucket running instances per cluster, then one mix per cluster.
  const running: InstanceRecord[] = [];
  const byCluster = new Map<string, InstanceRecord[]>();
  for (const cluster of records.clusters) {
    byCluster.set(
      clusterKey(cluster.accountId, cluster.region, cluster.name),
      [],
    );
  }
  for (const instance of records.instances) {
    if (!isRunning(instance)) continue;
    running.push(instance);
    byCluster
      .get(clusterKey(instance.accountId, instance.region, instance.cluster))
      ?.push(instance);
  }
  const mixByCluster: Record<string, MixSummary> = {};
  for (const cluster of records.clusters) {
    const key = clusterKey(cluster.accountId, cluster.region, cluster.name);
    mixByCluster[cluster.arn] = summariseMixWithIndex(
      byCluster.get(key)!,
      index,
      hoursPerMonth,
    );
  }

  return {
    ...freshnessOf(records.sources, options.now, options.refreshFrequencyMs),
    sample: records.sample,
    sources: records.sources,
    fleet: capacity.fleet,
    clusters: capacity.clusters,
    mix: summariseMixWithIndex(running, index, hoursPerMonth),
    mixByCluster,
    gravitonCandidates: findGravitonCandidatesWithIndex(
      running,
      index,
      hoursPerMonth,
    ),
    databases: records.databases.map(db =>
      assessDatabase(db, options.databaseRules),
    ),
    wafs: records.webAcls.map(acl => summariseWebAcl(acl)),
    stacks: records.stacks,
  };
}

export interface RecordsFilter {
  accountId?: string;
  region?: string;
  /** Matches the `environment` of clusters, databases and web ACLs. */
  environment?: string;
  /** Cluster name or ARN. */
  cluster?: string;
}

/**
 * The subset of records for one account / region / environment / cluster, so per-environment
 * and per-cluster views reuse `buildFleetSnapshot` unchanged.
 *
 * - Instances and utilisation follow their cluster: with an environment or cluster filter,
 *   instances of clusters not in the records are dropped (their environment is unknown).
 * - A cluster filter keeps only cluster-scoped records: databases, web ACLs and stacks belong
 *   to no cluster, so they are dropped.
 * - Stacks carry no environment: an environment filter keeps the stacks of accounts (and
 *   regions) that hold any remaining cluster, database or web ACL; so do sources.
 * - Instance type specs and prices are reference data and always kept.
 */
export function filterRecords(
  records: FleetRecords,
  filter: RecordsFilter,
): FleetRecords {
  const { accountId, region, environment, cluster } = filter;
  const inScope = (r: { accountId: string; region: string }) =>
    (accountId === undefined || r.accountId === accountId) &&
    (region === undefined || r.region === region);
  const inEnvironment = (r: { environment?: string }) =>
    environment === undefined || r.environment === environment;

  const clusters = records.clusters.filter(
    c =>
      inScope(c) &&
      inEnvironment(c) &&
      (cluster === undefined || c.name === cluster || c.arn === cluster),
  );
  const clusterKeys = new Set(
    clusters.map(c => clusterKey(c.accountId, c.region, c.name)),
  );
  const followsCluster = environment !== undefined || cluster !== undefined;
  const keepClusterScoped = (r: {
    accountId: string;
    region: string;
    cluster: string;
  }) =>
    followsCluster
      ? clusterKeys.has(clusterKey(r.accountId, r.region, r.cluster))
      : inScope(r);

  const databases =
    cluster === undefined
      ? records.databases.filter(d => inScope(d) && inEnvironment(d))
      : [];
  const webAcls =
    cluster === undefined
      ? records.webAcls.filter(w => inScope(w) && inEnvironment(w))
      : [];

  let inLocations = inScope;
  if (followsCluster) {
    const locations = new Set(
      [...clusters, ...databases, ...webAcls].map(
        r => `${r.accountId}|${r.region}`,
      ),
    );
    inLocations = r => locations.has(`${r.accountId}|${r.region}`);
  }

  return {
    ...records,
    sources: records.sources.filter(s => inScope(s) && inLocations(s)),
    clusters,
    instances: records.instances.filter(keepClusterScoped),
    utilisation: records.utilisation.filter(keepClusterScoped),
    databases,
    webAcls,
    stacks:
      cluster === undefined
        ? records.stacks.filter(s => inScope(s) && inLocations(s))
        : [],
  };
}
