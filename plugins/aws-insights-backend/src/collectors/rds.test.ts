import {
  CloudWatchClient,
  GetMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeEventsCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { collectRds } from './rds';
import { awsError, testContext, TEST_NOW } from './__testUtils__/testContext';

const rds = mockClient(RDSClient);
const cloudwatch = mockClient(CloudWatchClient);

const metricValues: Record<string, number> = {
  'DBClusterIdentifier=orders/CPUUtilization': 23,
  'DBClusterIdentifier=orders/VolumeBytesUsed': 5e9,
  'DBInstanceIdentifier=orders-2/AuroraReplicaLag': 20,
  'DBInstanceIdentifier=orders-3/AuroraReplicaLag': 45,
  'DBInstanceIdentifier=legacy/ReplicaLag': 3,
  'DBInstanceIdentifier=legacy/FreeStorageSpace': 30e9,
};

beforeEach(() => {
  rds.reset();
  cloudwatch.reset();
  rds
    .on(DescribeDBClustersCommand)
    .resolvesOnce({
      DBClusters: [
        {
          DBClusterIdentifier: 'orders',
          DBClusterArn: 'arn:aws:rds:eu-west-1:1:cluster:orders',
          Engine: 'aurora-postgresql',
          EngineVersion: '15.4',
          Status: 'available',
          StorageEncrypted: true,
          BackupRetentionPeriod: 7,
          DeletionProtection: true,
          PendingModifiedValues: { EngineVersion: '15.5' },
          TagList: [{ Key: 'environment', Value: 'production' }],
          DBClusterMembers: [
            { DBInstanceIdentifier: 'orders-1', IsClusterWriter: true },
            { DBInstanceIdentifier: 'orders-2', IsClusterWriter: false },
            { DBInstanceIdentifier: 'orders-3', IsClusterWriter: false },
          ],
        },
      ],
      Marker: 'page-2',
    })
    // Non-Aurora clusters (DocumentDB, Neptune...) are not databases we report.
    .resolves({
      DBClusters: [{ DBClusterIdentifier: 'docs', Engine: 'docdb' }],
    });
  const member = (id: string) => ({
    DBInstanceIdentifier: id,
    DBClusterIdentifier: 'orders',
    DBInstanceClass: 'db.r6g.large',
    DBInstanceStatus: 'available',
    AvailabilityZone: 'eu-west-1a',
  });
  rds.on(DescribeDBInstancesCommand).resolves({
    DBInstances: [
      member('orders-1'),
      member('orders-2'),
      member('orders-3'),
      {
        DBInstanceIdentifier: 'legacy',
        DBInstanceArn: 'arn:aws:rds:eu-west-1:1:db:legacy',
        Engine: 'postgres',
        DBInstanceClass: 'db.t4g.medium',
        DBInstanceStatus: 'available',
        AllocatedStorage: 50,
        MultiAZ: true,
        TagList: [{ Key: 'owner', Value: 'group:default/payments' }],
      },
    ],
  });
  rds.on(DescribeEventsCommand).resolves({
    Events: [
      {
        SourceIdentifier: 'orders',
        Message: 'cluster patched',
        Date: new Date('2025-06-02T08:00:00Z'),
      },
      {
        SourceIdentifier: 'orders-2',
        Message: 'rebooted',
        Date: new Date('2025-06-02T09:00:00Z'),
      },
      {
        SourceIdentifier: 'rds:legacy-2025',
        Message: 'snapshot',
        Date: new Date('2025-06-02T09:00:00Z'),
      },
    ],
  });
  cloudwatch.on(GetMetricDataCommand).callsFake(input => ({
    MetricDataResults: input.MetricDataQueries.map((q: any) => {
      const { Dimensions, MetricName } = q.MetricStat.Metric;
      const value =
        metricValues[
          `${Dimensions[0].Name}=${Dimensions[0].Value}/${MetricName}`
        ];
      return value === undefined
        ? { Id: q.Id, Values: [], Timestamps: [] }
        : { Id: q.Id, Values: [value], Timestamps: [TEST_NOW] };
    }),
  }));
});

describe('collectRds', () => {
  it('maps Aurora clusters with members and standalone instances', async () => {
    const { databases, status } = await collectRds(testContext());
    expect(databases.map(d => [d.kind, d.identifier])).toEqual([
      ['aurora-cluster', 'orders'],
      ['rds-instance', 'legacy'],
    ]);
    const [orders, legacy] = databases;
    expect(orders).toMatchObject({
      environment: 'production',
      engine: 'aurora-postgresql',
      storageEncrypted: true,
      backupRetentionDays: 7,
      deletionProtection: true,
      pendingModifications: ['EngineVersion'],
      instanceClass: 'db.r6g.large',
      members: [
        {
          identifier: 'orders-1',
          role: 'writer',
          instanceClass: 'db.r6g.large',
        },
        { identifier: 'orders-2', role: 'reader' },
        { identifier: 'orders-3', role: 'reader' },
      ],
    });
    expect(legacy).toMatchObject({
      owner: 'group:default/payments',
      multiAz: true,
    });
    expect(status).toMatchObject({ service: 'rds', ok: true });
  });

  it('reads metrics in one batched call: Aurora lag ms -> s (worst reader), RDS storage', async () => {
    const [orders, legacy] = (await collectRds(testContext())).databases;
    expect(orders.metrics).toEqual({
      cpuPercent: 23,
      usedStorageBytes: 5e9,
      replicaLagSeconds: 0.045,
    });
    expect(legacy.metrics).toEqual({
      allocatedStorageBytes: 50 * 1024 ** 3,
      replicaLagSeconds: 3,
      freeStorageBytes: 30e9,
    });
    const calls = cloudwatch.commandCalls(GetMetricDataCommand);
    expect(calls).toHaveLength(1);
    // Aurora: 3 common + VolumeBytesUsed + 2 readers' lag; RDS: 3 common + lag + free storage.
    expect(calls[0].args[0].input.MetricDataQueries).toHaveLength(11);
  });

  it('reads events once for the region and attaches member events to the cluster', async () => {
    const [orders, legacy] = (await collectRds(testContext())).databases;
    const calls = rds.commandCalls(DescribeEventsCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0].args[0].input.StartTime).toEqual(
      new Date(TEST_NOW.getTime() - 24 * 3600_000),
    );
    expect(orders.events).toEqual([
      { at: '2025-06-02T09:00:00.000Z', message: 'orders-2: rebooted' },
      { at: '2025-06-02T08:00:00.000Z', message: 'cluster patched' },
    ]);
    expect(legacy.events).toEqual([]);
    // 2 cluster pages + 1 instance page + 1 events page
    expect(rds.calls()).toHaveLength(4);
  });

  it('keeps the databases when CloudWatch is throttled, and says so', async () => {
    cloudwatch
      .on(GetMetricDataCommand)
      .rejects(awsError('Throttling', 'Rate exceeded'));
    const { databases, status } = await collectRds(testContext());
    expect(databases).toHaveLength(2);
    expect(databases[0].metrics).toEqual({});
    expect(status).toMatchObject({ ok: false, error: { name: 'Throttling' } });
  });

  it('returns nothing but the error when the account is denied', async () => {
    rds
      .on(DescribeDBClustersCommand)
      .rejects(awsError('AccessDenied', 'denied', 403));
    const { databases, status } = await collectRds(testContext());
    expect(databases).toEqual([]);
    expect(status).toMatchObject({
      ok: false,
      error: { name: 'AccessDenied' },
    });
    expect(cloudwatch.calls()).toHaveLength(0);
  });
});
