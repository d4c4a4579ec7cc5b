import {
  ClusterUtilisation,
  SourceStatus,
} from '@platform-portal/plugin-aws-insights-common';
import { CollectorContext, distinct, sourceStatus } from './collectorSupport';
import {
  averageOf,
  getMetricSeries,
  MetricQuery,
  MetricSeries,
} from './metricData';

export interface ContainerInsightsCollection {
  utilisation: ClusterUtilisation[];
  status: SourceStatus;
}

/** Container Insights cluster-level metrics and the ClusterUtilisation field each one fills. */
export const CONTAINER_INSIGHTS_METRICS = {
  node_cpu_reserved_capacity: 'cpuReservedPercent',
  node_memory_reserved_capacity: 'memoryReservedPercent',
  node_cpu_utilization: 'cpuUtilisationPercent',
  node_memory_utilization: 'memoryUtilisationPercent',
} as const;

type ContainerInsightsMetric = keyof typeof CONTAINER_INSIGHTS_METRICS;
type SeriesKey = { cluster: string; metric: ContainerInsightsMetric };

const WINDOW_MS = 15 * 60 * 1000;
const PERIOD_SECONDS = 300;

export function containerInsightsQueries(
  clusters: readonly string[],
): Array<MetricQuery<SeriesKey>> {
  return clusters.flatMap(cluster =>
    (Object.keys(CONTAINER_INSIGHTS_METRICS) as ContainerInsightsMetric[]).map(
      metric => ({
        key: { cluster, metric },
        namespace: 'ContainerInsights',
        metricName: metric,
        dimensions: { ClusterName: cluster },
        stat: 'Average' as const,
        periodSeconds: PERIOD_SECONDS,
      }),
    ),
  );
}

/**
 * Reserved capacity is what says "requests known": without it the cluster is `available: false`
 * (Container Insights off, or the agent not reporting), even if utilisation arrived.
 */
export function toClusterUtilisation(
  cluster: string,
  series: ReadonlyArray<MetricSeries<SeriesKey>>,
  accountId: string,
  region: string,
): ClusterUtilisation {
  const record: ClusterUtilisation = {
    cluster,
    accountId,
    region,
    available: false,
  };
  for (const { key, points } of series) {
    if (key.cluster !== cluster) continue;
    const value = averageOf(points);
    if (value !== undefined) {
      record[CONTAINER_INSIGHTS_METRICS[key.metric]] = value;
    }
  }
  record.available =
    record.cpuReservedPercent !== undefined ||
    record.memoryReservedPercent !== undefined;
  return record;
}

/**
 * Average Container Insights reservation and utilisation over the last 15 minutes for the
 * clusters. Calls: one GetMetricData per 125 clusters (4 queries each, 500 per call).
 * Status: container-insights (cloudwatch).
 */
export async function collectContainerInsights(
  ctx: CollectorContext,
  clusterNames: readonly string[],
): Promise<ContainerInsightsCollection> {
  const clusters = distinct(clusterNames);
  if (clusters.length === 0) {
    return { utilisation: [], status: sourceStatus('container-insights', ctx) };
  }
  try {
    const series = await getMetricSeries(
      ctx.clients.cloudwatch,
      containerInsightsQueries(clusters),
      new Date(ctx.now.getTime() - WINDOW_MS),
      ctx.now,
    );
    return {
      utilisation: clusters.map(cluster =>
        toClusterUtilisation(cluster, series, ctx.accountId, ctx.region),
      ),
      status: sourceStatus('container-insights', ctx),
    };
  } catch (error) {
    return {
      utilisation: [],
      status: sourceStatus('container-insights', ctx, error),
    };
  }
}
