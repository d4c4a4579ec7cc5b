/**
 * End-to-end check of the collectors through the real SDK against moto_server on loopback:
 * seed a small fleet, run collectFleet, assert the records, statuses and call counts.
 * Requires `moto_server` (moto >= 5) on PATH.
 */
import { FleetRecords } from '@platform-portal/plugin-aws-insights-common';
import { BUNDLED_PRICES_AS_OF } from './bundledOnDemandPrices';
import { AwsClientService } from './clients';
import { collectFleet } from './collectFleet';
import {
  ACCOUNT,
  CLUSTER,
  credentials,
  REGION,
  seedMotoFleet,
} from './__testUtils__/motoFleetSeed';
import { MotoServer, startMotoServer } from '@platform-portal/test-utils';

const DENIED_ACCOUNT = '210987654321';

let moto: MotoServer | undefined;
let fleet: FleetRecords;

beforeAll(async () => {
  moto = await startMotoServer();
  const endpoint = moto.endpoint;

  const now = new Date();
  await seedMotoFleet(endpoint, now);
  const endpoints: Partial<Record<AwsClientService, string>> =
    Object.fromEntries(
      (
        [
          'eks',
          'ec2',
          'pricing',
          'cloudwatch',
          'rds',
          'wafv2',
          'cloudformation',
        ] as const
      ).map(s => [s, endpoint]),
    );
  fleet = await collectFleet({
    accounts: [
      { accountId: ACCOUNT, regions: [REGION], credentials },
      {
        accountId: DENIED_ACCOUNT,
        regions: [REGION],
        // The role of this account cannot be assumed: every source must say so, alone.
        credentials: async () => {
          throw Object.assign(
            new Error('not authorized to perform sts:AssumeRole'),
            {
              name: 'AccessDenied',
            },
          );
        },
      },
    ],
    endpoints,
    now,
    maxAttempts: 2,
    timeoutMs: 5_000,
  });
}, 60_000);

afterAll(async () => {
  await moto?.stop();
});

function source(service: string, accountId = ACCOUNT) {
  const found = fleet.sources.filter(
    s => s.service === service && s.accountId === accountId,
  );
  return found;
}

describe('collectFleet against moto_server', () => {
  it('reads the EKS cluster with its node group and tags', () => {
    expect(fleet.sample).toBe(false);
    expect(fleet.clusters).toHaveLength(1);
    const [cluster] = fleet.clusters;
    expect(cluster).toMatchObject({
      name: CLUSTER,
      accountId: ACCOUNT,
      region: REGION,
      status: 'ACTIVE',
      version: '1.31',
      environment: 'production',
      owner: 'group:default/platform',
    });
    expect(cluster.nodegroups).toEqual([
      expect.objectContaining({
        name: 'system',
        capacityType: 'ON_DEMAND',
        desiredSize: 1,
      }),
    ]);
  });

  it("reads only the cluster's running instances, with lifecycle and architecture", () => {
    const instances = fleet.instances;
    expect(instances).toHaveLength(3);
    expect(instances.every(i => i.cluster === CLUSTER)).toBe(true);
    // moto sets InstanceLifecycle 'spot' for RunInstances with spot market options.
    const spot = instances.filter(i => i.lifecycle === 'spot');
    expect(spot).toHaveLength(2);
    expect(
      spot.every(i => i.architecture === 'arm64' && i.nodePool === 'general'),
    ).toBe(true);
    expect(instances.find(i => i.lifecycle === 'on-demand')).toMatchObject({
      instanceType: 'm6i.large',
      architecture: 'x86_64',
      nodegroup: 'system',
      state: 'running',
    });
    expect(fleet.instanceTypes).toEqual(
      expect.arrayContaining([
        {
          instanceType: 'm7g.large',
          vcpu: 2,
          memoryMiB: 8192,
          architectures: ['arm64'],
        },
        {
          instanceType: 'm6i.large',
          vcpu: 2,
          memoryMiB: 8192,
          architectures: ['x86_64'],
        },
      ]),
    );
    expect(fleet.instanceTypes).toHaveLength(2);
  });

  it('prices spot from the price history and On-Demand from the bundled table', () => {
    const spot = fleet.prices.filter(p => p.lifecycle === 'spot');
    expect(spot.length).toBeGreaterThanOrEqual(2);
    expect(
      spot.every(p => p.source === 'spot-price-history' && p.availabilityZone),
    ).toBe(true);
    const onDemand = fleet.prices.filter(p => p.lifecycle === 'on-demand');
    expect(onDemand.map(p => p.instanceType).sort()).toEqual([
      'm6i.large',
      'm7g.large',
    ]);
    expect(onDemand.every(p => p.source === 'bundled-table')).toBe(true);
    expect(onDemand[0].asOf).toBe(BUNDLED_PRICES_AS_OF);
    // moto does not implement the Pricing API.
    const [pricing] = source('pricing');
    expect(pricing.ok).toBe(false);
    expect(pricing.error?.message).toMatch(/HTTP 500/);
  });

  it('reads Container Insights utilisation', () => {
    expect(fleet.utilisation).toEqual([
      expect.objectContaining({
        cluster: CLUSTER,
        available: true,
        cpuReservedPercent: 62,
        memoryReservedPercent: 48,
        cpuUtilisationPercent: 31,
        memoryUtilisationPercent: 40,
      }),
    ]);
  });

  it('reads the Aurora cluster with members and the standalone RDS instance', () => {
    expect(fleet.databases).toHaveLength(2);
    const aurora = fleet.databases.find(d => d.kind === 'aurora-cluster')!;
    expect(aurora).toMatchObject({
      identifier: 'orders',
      engine: 'aurora-postgresql',
      environment: 'production',
      storageEncrypted: true,
      instanceClass: 'db.r6g.large',
    });
    expect(aurora.members.map(m => m.identifier).sort()).toEqual([
      'orders-1',
      'orders-2',
    ]);
    expect(aurora.metrics).toMatchObject({
      cpuPercent: 23,
      usedStorageBytes: 5e9,
      replicaLagSeconds: 0.02,
    });
    expect(aurora.events.length).toBeGreaterThan(0);
    const legacy = fleet.databases.find(d => d.kind === 'rds-instance')!;
    expect(legacy).toMatchObject({
      identifier: 'legacy',
      owner: 'group:default/payments',
      metrics: {
        cpuPercent: 7,
        freeStorageBytes: 30e9,
        allocatedStorageBytes: 50 * 1024 ** 3,
      },
    });
  });

  it('reads the web ACL; sampled requests are unavailable in moto', () => {
    expect(fleet.webAcls).toHaveLength(1);
    const [acl] = fleet.webAcls;
    expect(acl).toMatchObject({
      name: 'edge',
      environment: 'production',
      defaultAction: 'allow',
    });
    expect(acl.rules).toEqual([
      { name: 'rate-limit', priority: 0, kind: 'rate-based', action: 'block' },
      {
        name: 'common',
        priority: 1,
        kind: 'managed-rule-group',
        action: 'none',
      },
    ]);
    expect(acl.series).toHaveLength(9);
    const blocked = acl.series.find(
      s => s.rule === 'ALL' && s.metric === 'BlockedRequests',
    );
    expect(blocked?.points.map(p => p.value)).toEqual([17]);
    expect(acl.sampledAvailable).toBe(false);
    expect(source('wafv2')[0].ok).toBe(true);
  });

  it('reads only the platform stacks, with events', () => {
    expect(fleet.stacks.map(s => s.name)).toEqual(['platform-bootstrap']);
    expect(fleet.stacks[0].status).toBe('CREATE_COMPLETE');
    expect(fleet.stacks[0].outputs.TopicArn).toMatch(/^arn:aws:sns:/);
    expect(fleet.stacks[0].events.length).toBeGreaterThan(0);
  });

  it('reports every source with its call count at the page minimum', () => {
    const calls = Object.fromEntries(
      fleet.sources
        .filter(s => s.accountId === ACCOUNT)
        .map(s => [
          `${s.service}${s.service === 'ec2' && s.calls === 1 ? '-spot' : ''}`,
          s.calls,
        ]),
    );
    expect(calls).toEqual({
      eks: 4, // ListClusters, DescribeCluster, ListNodegroups, DescribeNodegroup
      ec2: 2, // DescribeInstances, DescribeInstanceTypes
      'ec2-spot': 1, // DescribeSpotPriceHistory
      pricing: 1, // GetProducts fails: no further calls
      cloudwatch: 1, // GetMetricData (Container Insights)
      rds: 4, // DescribeDBClusters, DescribeDBInstances, DescribeEvents, GetMetricData
      wafv2: 5, // ListWebACLs, GetWebACL, ListTagsForResource, GetMetricData, GetSampledRequests
      cloudformation: 2, // DescribeStacks, DescribeStackEvents
    });
    const ok = fleet.sources.filter(
      s => s.accountId === ACCOUNT && s.service !== 'pricing',
    );
    expect(ok.every(s => s.ok)).toBe(true);
  });

  it('isolates the account whose credentials are denied', () => {
    const denied = fleet.sources.filter(s => s.accountId === DENIED_ACCOUNT);
    expect(denied.map(s => s.service).sort()).toEqual(
      ['cloudformation', 'cloudwatch', 'ec2', 'eks', 'rds', 'wafv2'].sort(),
    );
    for (const status of denied) {
      // Container Insights never gets to call: it has no cluster names to ask about.
      const name =
        status.service === 'cloudwatch' ? 'DependencyFailed' : 'AccessDenied';
      expect(status).toMatchObject({
        ok: false,
        calls: status.calls,
        error: { name },
      });
    }
    expect(
      denied.find(s => s.service === 'cloudwatch')?.error?.message,
    ).toMatch(/AccessDenied/);
  });
});
