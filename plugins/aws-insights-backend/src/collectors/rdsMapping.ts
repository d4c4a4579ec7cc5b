import { DBCluster, DBInstance, Event } from '@aws-sdk/client-rds';
import {
  DatabaseMember,
  DatabaseMetrics,
  DatabaseRecord,
} from '@platform-portal/plugin-aws-insights-common';
import { tagsToRecord } from './collectorSupport';
import { latestOf, MetricQuery, MetricSeries } from './metricData';

const GIB = 1024 ** 3;
/** Events kept per database, newest first. */
export const EVENTS_PER_DATABASE = 20;

function pendingModifications(pending: object | undefined): string[] {
  return Object.entries(pending ?? {})
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key]) => key);
}

function toMember(
  instance: DBInstance | undefined,
  identifier: string,
  role: DatabaseMember['role'],
): DatabaseMember {
  return {
    identifier,
    role,
    instanceClass: instance?.DBInstanceClass ?? '',
    status: instance?.DBInstanceStatus ?? 'unknown',
    availabilityZone: instance?.AvailabilityZone,
  };
}

export function isAurora(engine: string | undefined): boolean {
  return !!engine?.startsWith('aurora');
}

/** An Aurora cluster with its members (instance details looked up from DescribeDBInstances). */
export function toAuroraRecord(
  cluster: DBCluster,
  instancesById: ReadonlyMap<string, DBInstance>,
  accountId: string,
  region: string,
): DatabaseRecord {
  const members = (cluster.DBClusterMembers ?? []).map(member =>
    toMember(
      instancesById.get(member.DBInstanceIdentifier ?? ''),
      member.DBInstanceIdentifier ?? '',
      member.IsClusterWriter ? 'writer' : 'reader',
    ),
  );
  const memberInstances = members
    .map(m => instancesById.get(m.identifier))
    .filter((i): i is DBInstance => !!i);
  const tags = tagsToRecord(cluster.TagList);
  return {
    arn: cluster.DBClusterArn ?? '',
    identifier: cluster.DBClusterIdentifier ?? '',
    kind: 'aurora-cluster',
    accountId,
    region,
    environment: tags.environment,
    owner: tags.owner,
    engine: cluster.Engine ?? '',
    engineVersion: cluster.EngineVersion ?? '',
    status: cluster.Status ?? 'unknown',
    multiAz: !!cluster.MultiAZ,
    storageEncrypted: !!cluster.StorageEncrypted,
    backupRetentionDays: cluster.BackupRetentionPeriod ?? 0,
    deletionProtection: !!cluster.DeletionProtection,
    // Aurora exposes publicity per instance: the cluster is public if any member is.
    publiclyAccessible:
      !!cluster.PubliclyAccessible ||
      memberInstances.some(i => i.PubliclyAccessible),
    pendingModifications: [
      ...pendingModifications(cluster.PendingModifiedValues),
      ...memberInstances.flatMap(i =>
        pendingModifications(i.PendingModifiedValues).map(
          key => `${i.DBInstanceIdentifier}: ${key}`,
        ),
      ),
    ],
    instanceClass:
      members.find(m => m.role === 'writer')?.instanceClass ||
      cluster.DBClusterInstanceClass,
    members,
    tags,
    metrics: {},
    events: [],
  };
}

/** A standalone RDS instance (not an Aurora member); it is its own single writer member. */
export function toRdsInstanceRecord(
  instance: DBInstance,
  accountId: string,
  region: string,
): DatabaseRecord {
  const tags = tagsToRecord(instance.TagList);
  const identifier = instance.DBInstanceIdentifier ?? '';
  const metrics: DatabaseMetrics = {};
  if (instance.AllocatedStorage !== undefined) {
    metrics.allocatedStorageBytes = instance.AllocatedStorage * GIB;
  }
  return {
    arn: instance.DBInstanceArn ?? '',
    identifier,
    kind: 'rds-instance',
    accountId,
    region,
    environment: tags.environment,
    owner: tags.owner,
    engine: instance.Engine ?? '',
    engineVersion: instance.EngineVersion ?? '',
    status: instance.DBInstanceStatus ?? 'unknown',
    multiAz: !!instance.MultiAZ,
    storageEncrypted: !!instance.StorageEncrypted,
    backupRetentionDays: instance.BackupRetentionPeriod ?? 0,
    deletionProtection: !!instance.DeletionProtection,
    publiclyAccessible: !!instance.PubliclyAccessible,
    pendingModifications: pendingModifications(instance.PendingModifiedValues),
    instanceClass: instance.DBInstanceClass,
    members: [toMember(instance, identifier, 'writer')],
    tags,
    metrics,
    events: [],
  };
}

export type DatabaseMetricKey = {
  database: string;
  field: keyof DatabaseMetrics;
  /** Multiplier to the record's unit (AuroraReplicaLag is in ms). */
  scale: number;
};

/** The CloudWatch queries for a database's metrics (AWS/RDS namespace). */
export function databaseMetricQueries(
  database: DatabaseRecord,
  periodSeconds: number,
): Array<MetricQuery<DatabaseMetricKey>> {
  const aurora = database.kind === 'aurora-cluster';
  const dimensions: Record<string, string> = aurora
    ? { DBClusterIdentifier: database.identifier }
    : { DBInstanceIdentifier: database.identifier };
  const query = (
    metricName: string,
    field: keyof DatabaseMetrics,
    stat: 'Average' | 'Maximum',
    scale = 1,
    dims: Record<string, string> = dimensions,
  ): MetricQuery<DatabaseMetricKey> => ({
    key: { database: database.identifier, field, scale },
    namespace: 'AWS/RDS',
    metricName,
    dimensions: dims,
    stat,
    periodSeconds,
  });
  const common = [
    query('CPUUtilization', 'cpuPercent', 'Average'),
    query('FreeableMemory', 'freeableMemoryBytes', 'Average'),
    query('DatabaseConnections', 'connections', 'Average'),
  ];
  if (!aurora) {
    return [
      ...common,
      query('ReplicaLag', 'replicaLagSeconds', 'Maximum'),
      query('FreeStorageSpace', 'freeStorageBytes', 'Average'),
    ];
  }
  // AuroraReplicaLag is reported by each reader instance; the record keeps the worst.
  const readerLag = database.members
    .filter(m => m.role === 'reader')
    .map(m =>
      query('AuroraReplicaLag', 'replicaLagSeconds', 'Maximum', 1 / 1000, {
        DBInstanceIdentifier: m.identifier,
      }),
    );
  return [
    ...common,
    query('VolumeBytesUsed', 'usedStorageBytes', 'Average'),
    ...readerLag,
  ];
}

/** Latest value of each series onto the database's metrics (max across readers for lag). */
export function applyDatabaseMetrics(
  databases: readonly DatabaseRecord[],
  series: ReadonlyArray<MetricSeries<DatabaseMetricKey>>,
): void {
  const byId = new Map(databases.map(d => [d.identifier, d]));
  for (const { key, points } of series) {
    const database = byId.get(key.database);
    const raw = latestOf(points);
    if (!database || raw === undefined) continue;
    const value = raw * key.scale;
    const current = database.metrics[key.field];
    database.metrics[key.field] =
      key.field === 'replicaLagSeconds' && current !== undefined
        ? Math.max(current, value)
        : value;
  }
}

/**
 * Attaches events to databases: cluster events by cluster id, instance events to the instance's
 * record or, for an Aurora member, its cluster's. Other sources (snapshots...) are dropped.
 */
export function attachEvents(
  databases: readonly DatabaseRecord[],
  events: readonly Event[],
): void {
  const recordBySource = new Map<string, DatabaseRecord>();
  for (const database of databases) {
    recordBySource.set(database.identifier, database);
    for (const member of database.members) {
      recordBySource.set(member.identifier, database);
    }
  }
  for (const event of events) {
    const database = recordBySource.get(event.SourceIdentifier ?? '');
    if (!database || !event.Date) continue;
    const member = event.SourceIdentifier !== database.identifier;
    database.events.push({
      at: event.Date.toISOString(),
      message: member
        ? `${event.SourceIdentifier}: ${event.Message ?? ''}`
        : event.Message ?? '',
    });
  }
  for (const database of databases) {
    database.events.sort((a, b) => b.at.localeCompare(a.at));
    database.events.splice(EVENTS_PER_DATABASE);
  }
}
