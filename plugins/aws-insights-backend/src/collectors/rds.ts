import {
  DBCluster,
  DBInstance,
  Event,
  paginateDescribeDBClusters,
  paginateDescribeDBInstances,
  paginateDescribeEvents,
} from '@aws-sdk/client-rds';
import {
  DatabaseRecord,
  SourceStatus,
} from '@platform-portal/plugin-aws-insights-common';
import { CollectorContext, FirstError, sourceStatus } from './collectorSupport';
import { getMetricSeries } from './metricData';
import {
  applyDatabaseMetrics,
  attachEvents,
  databaseMetricQueries,
  isAurora,
  toAuroraRecord,
  toRdsInstanceRecord,
} from './rdsMapping';

export interface RdsCollection {
  databases: DatabaseRecord[];
  status: SourceStatus;
}

const EVENTS_WINDOW_MS = 24 * 60 * 60 * 1000;
const METRICS_WINDOW_MS = 15 * 60 * 1000;
const METRICS_PERIOD_SECONDS = 300;

/**
 * Aurora clusters (with members) and standalone RDS instances of one account and region, with
 * the last 24 h of events and their latest CloudWatch figures. Non-Aurora DB clusters (Multi-AZ
 * DB clusters, DocumentDB, Neptune) are skipped: the record kinds do not cover them yet.
 * Calls: DescribeDBClusters pages + DescribeDBInstances pages + DescribeEvents pages (one set
 * for the region, not per database) + GetMetricData per 500 queries. Status: databases (rds); a
 * failed events or metrics read keeps the databases and marks the status failed.
 */
export async function collectRds(
  ctx: CollectorContext,
): Promise<RdsCollection> {
  const rds = ctx.clients.rds;
  const clusters: DBCluster[] = [];
  const instances: DBInstance[] = [];
  try {
    for await (const page of paginateDescribeDBClusters({ client: rds }, {})) {
      clusters.push(...(page.DBClusters ?? []));
    }
    for await (const page of paginateDescribeDBInstances({ client: rds }, {})) {
      instances.push(...(page.DBInstances ?? []));
    }
  } catch (error) {
    return { databases: [], status: sourceStatus('databases', ctx, error) };
  }

  const instancesById = new Map(
    instances.map(i => [i.DBInstanceIdentifier ?? '', i]),
  );
  const databases: DatabaseRecord[] = [
    ...clusters
      .filter(c => isAurora(c.Engine))
      .map(c => toAuroraRecord(c, instancesById, ctx.accountId, ctx.region)),
    // Members of any cluster (Aurora or not) are not standalone databases.
    ...instances
      .filter(i => !i.DBClusterIdentifier)
      .map(i => toRdsInstanceRecord(i, ctx.accountId, ctx.region)),
  ];

  const failure = new FirstError();
  try {
    const events: Event[] = [];
    const pages = paginateDescribeEvents(
      { client: rds },
      {
        StartTime: new Date(ctx.now.getTime() - EVENTS_WINDOW_MS),
        EndTime: ctx.now,
        MaxRecords: 100,
      },
    );
    for await (const page of pages) {
      events.push(...(page.Events ?? []));
    }
    attachEvents(databases, events);
  } catch (error) {
    failure.record(error);
  }

  if (databases.length > 0) {
    try {
      const series = await getMetricSeries(
        ctx.clients.cloudwatch,
        databases.flatMap(d =>
          databaseMetricQueries(d, METRICS_PERIOD_SECONDS),
        ),
        new Date(ctx.now.getTime() - METRICS_WINDOW_MS),
        ctx.now,
      );
      applyDatabaseMetrics(databases, series);
    } catch (error) {
      failure.record(error);
    }
  }
  return { databases, status: sourceStatus('databases', ctx, failure.value) };
}
