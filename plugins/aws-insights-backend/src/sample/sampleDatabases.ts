import { DatabaseRecord } from '@platform-portal/plugin-aws-insights-common';
import { SAMPLE_ACCOUNTS } from './catalog';

const GIB = 1024 ** 3;
const OWNER = 'group:default/platform-team';
const minutesBefore = (now: Date, minutes: number) =>
  new Date(now.getTime() - minutes * 60_000).toISOString();

/**
 * The sample databases: a healthy-but-lagging prod Aurora cluster (reader lag 45 s ->
 * warning), a healthy staging RDS instance, and a dev RDS instance with 1-day backups
 * (critical) and a pending instance class change.
 */
export function sampleDatabases(
  now: Date,
  region = 'eu-west-1',
): DatabaseRecord[] {
  const prodAurora: DatabaseRecord = {
    arn: `arn:aws:rds:${region}:${SAMPLE_ACCOUNTS.prod}:cluster:prod-aurora-pg`,
    identifier: 'prod-aurora-pg',
    kind: 'aurora-cluster',
    accountId: SAMPLE_ACCOUNTS.prod,
    region,
    environment: 'prod',
    owner: OWNER,
    engine: 'aurora-postgresql',
    engineVersion: '16.4',
    status: 'available',
    multiAz: true,
    storageEncrypted: true,
    backupRetentionDays: 14,
    deletionProtection: true,
    publiclyAccessible: false,
    pendingModifications: [],
    instanceClass: 'db.r7g.xlarge',
    members: [
      {
        identifier: 'prod-aurora-pg-1',
        role: 'writer',
        instanceClass: 'db.r7g.xlarge',
        status: 'available',
        availabilityZone: `${region}a`,
      },
      {
        identifier: 'prod-aurora-pg-2',
        role: 'reader',
        instanceClass: 'db.r7g.xlarge',
        status: 'available',
        availabilityZone: `${region}b`,
      },
      {
        identifier: 'prod-aurora-pg-3',
        role: 'reader',
        instanceClass: 'db.r7g.xlarge',
        status: 'available',
        availabilityZone: `${region}c`,
      },
    ],
    tags: { environment: 'prod', tier: 'prod', owner: OWNER },
    metrics: {
      cpuPercent: 38,
      freeableMemoryBytes: 11.5 * GIB,
      connections: 212,
      // AuroraReplicaLagMaximum: prod-aurora-pg-3 trails the writer.
      replicaLagSeconds: 45,
      usedStorageBytes: 184 * GIB,
    },
    events: [
      {
        at: minutesBefore(now, 95),
        message: 'Replica prod-aurora-pg-3 lag above 30 seconds',
      },
      {
        at: minutesBefore(now, 26 * 60),
        message: 'Automated backup completed',
      },
    ],
  };

  const stagingRds: DatabaseRecord = {
    arn: `arn:aws:rds:${region}:${SAMPLE_ACCOUNTS.staging}:db:staging-postgres`,
    identifier: 'staging-postgres',
    kind: 'rds-instance',
    accountId: SAMPLE_ACCOUNTS.staging,
    region,
    environment: 'staging',
    owner: OWNER,
    engine: 'postgres',
    engineVersion: '16.4',
    status: 'available',
    multiAz: false,
    storageEncrypted: true,
    backupRetentionDays: 7,
    deletionProtection: false,
    publiclyAccessible: false,
    pendingModifications: [],
    instanceClass: 'db.m7g.large',
    members: [
      {
        identifier: 'staging-postgres',
        role: 'writer',
        instanceClass: 'db.m7g.large',
        status: 'available',
        availabilityZone: `${region}a`,
      },
    ],
    tags: { environment: 'staging', owner: OWNER },
    metrics: {
      cpuPercent: 21,
      freeableMemoryBytes: 3.1 * GIB,
      connections: 48,
      freeStorageBytes: 61 * GIB,
      allocatedStorageBytes: 100 * GIB,
    },
    events: [
      { at: minutesBefore(now, 20 * 60), message: 'Backing up DB instance' },
    ],
  };

  const devRds: DatabaseRecord = {
    arn: `arn:aws:rds:${region}:${SAMPLE_ACCOUNTS.dev}:db:dev-postgres`,
    identifier: 'dev-postgres',
    kind: 'rds-instance',
    accountId: SAMPLE_ACCOUNTS.dev,
    region,
    environment: 'dev',
    owner: OWNER,
    engine: 'postgres',
    engineVersion: '16.4',
    status: 'available',
    multiAz: false,
    storageEncrypted: true,
    backupRetentionDays: 1,
    deletionProtection: false,
    publiclyAccessible: false,
    pendingModifications: ['instance class db.t4g.large'],
    instanceClass: 'db.t4g.medium',
    members: [
      {
        identifier: 'dev-postgres',
        role: 'writer',
        instanceClass: 'db.t4g.medium',
        status: 'available',
        availabilityZone: `${region}b`,
      },
    ],
    tags: { environment: 'dev', owner: OWNER },
    metrics: {
      cpuPercent: 12,
      freeableMemoryBytes: 1.2 * GIB,
      connections: 9,
      freeStorageBytes: 14 * GIB,
      allocatedStorageBytes: 20 * GIB,
    },
    events: [
      {
        at: minutesBefore(now, 3 * 60),
        message:
          'Pending modification: DB instance class db.t4g.large (next maintenance window)',
      },
    ],
  };

  return [prodAurora, stagingRds, devRds];
}
