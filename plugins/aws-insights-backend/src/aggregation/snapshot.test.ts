import { FleetRecords } from '@platform-portal/plugin-aws-insights-common';
import { sampleFleetOfSize } from '../sample';
import {
  ACCOUNT,
  cluster,
  database,
  instance,
  onDemand,
  REGION,
  SPECS,
  spot,
  utilisation,
  webAcl,
} from './__testUtils__/fixtures';
import { buildFleetSnapshot, filterRecords } from './snapshot';

const OTHER_ACCOUNT = '222222222222';

function records(): FleetRecords {
  const x86 = { architecture: 'x86_64' as const };
  const devAcl = {
    ...webAcl([]),
    environment: 'dev',
    accountId: OTHER_ACCOUNT,
  };
  return {
    collectedAt: '2025-06-01T12:00:00.000Z',
    sample: false,
    sources: [
      {
        service: 'ec2',
        reads: 'instances',
        accountId: ACCOUNT,
        region: REGION,
        ok: true,
        fetchedAt: '2025-06-01T12:00:00.000Z',
        calls: 3,
      },
      {
        service: 'ec2',
        reads: 'instances',
        accountId: OTHER_ACCOUNT,
        region: REGION,
        ok: true,
        fetchedAt: '2025-06-01T12:00:00.000Z',
        calls: 2,
      },
    ],
    clusters: [
      cluster({ name: 'prod-eks', environment: 'prod' }),
      cluster({
        name: 'dev-eks',
        environment: 'dev',
        accountId: OTHER_ACCOUNT,
      }),
    ],
    instances: [
      instance({ cluster: 'prod-eks', nodePool: 'general', lifecycle: 'spot' }),
      instance({
        cluster: 'prod-eks',
        nodePool: 'critical',
        instanceType: 'm7i.large',
        ...x86,
      }),
      instance({
        cluster: 'dev-eks',
        accountId: OTHER_ACCOUNT,
        instanceType: 'm7i.large',
        lifecycle: 'spot',
        ...x86,
      }),
      instance({
        cluster: 'dev-eks',
        accountId: OTHER_ACCOUNT,
        state: 'stopped',
      }),
    ],
    instanceTypes: SPECS,
    prices: [
      onDemand('m7g.large', 0.09),
      onDemand('m7i.large', 0.11),
      spot('m7g.large', `${REGION}a`, 0.03),
      spot('m7i.large', `${REGION}a`, 0.04),
    ],
    utilisation: [
      utilisation({ cluster: 'prod-eks', cpuReservedPercent: 90 }),
      utilisation({
        cluster: 'dev-eks',
        accountId: OTHER_ACCOUNT,
        available: false,
        cpuReservedPercent: undefined,
      }),
    ],
    databases: [
      database({
        environment: 'prod',
        multiAz: true,
        deletionProtection: true,
      }),
      database({
        identifier: 'scratch',
        environment: 'dev',
        accountId: OTHER_ACCOUNT,
        backupRetentionDays: 1,
      }),
    ],
    webAcls: [devAcl],
    stacks: [
      {
        stackId: 's1',
        name: 'platform-bootstrap',
        accountId: ACCOUNT,
        region: REGION,
        status: 'CREATE_COMPLETE',
        lastUpdated: '2025-01-01T00:00:00.000Z',
        outputs: {},
        events: [],
      },
      {
        stackId: 's2',
        name: 'platform-bootstrap',
        accountId: OTHER_ACCOUNT,
        region: REGION,
        status: 'CREATE_COMPLETE',
        lastUpdated: '2025-01-01T00:00:00.000Z',
        outputs: {},
        events: [],
      },
    ],
  };
}

describe('buildFleetSnapshot', () => {
  const input = records();
  const snapshot = buildFleetSnapshot(input, {
    now: '2025-06-01T12:05:00.000Z',
  });

  it('stamps the snapshot and passes sources and stacks through', () => {
    expect(snapshot.generatedAt).toBe('2025-06-01T12:05:00.000Z');
    expect(snapshot.sample).toBe(false);
    expect(snapshot.sources).toBe(input.sources);
    expect(snapshot.stacks).toBe(input.stacks);
  });

  it('dates the snapshot by its oldest data and says when some is carried over', () => {
    expect(snapshot).toMatchObject({
      dataAsOf: '2025-06-01T12:05:00.000Z',
      stale: false,
      staleAfter: '2025-06-01T12:16:00.000Z',
    });
    const [first, second] = input.sources;
    const carried = buildFleetSnapshot(
      {
        ...input,
        sources: [
          first,
          { ...second, ok: false, staleSince: '2025-06-01T11:55:00.000Z' },
        ],
      },
      { now: '2025-06-01T12:05:00.000Z' },
    );
    expect(carried).toMatchObject({
      generatedAt: '2025-06-01T12:05:00.000Z',
      dataAsOf: '2025-06-01T11:55:00.000Z',
      stale: true,
      staleAfter: '2025-06-01T12:06:00.000Z',
    });
  });

  it('aggregates capacity per cluster and fleet-wide', () => {
    expect(snapshot.fleet).toMatchObject({
      nodes: 3,
      vcpu: 6,
      requestsKnown: false,
    });
    expect(
      snapshot.clusters.map(c => [
        c.cluster,
        c.nodes,
        c.lowHeadroom,
        c.requestsKnown,
      ]),
    ).toEqual([
      ['prod-eks', 2, true, true],
      ['dev-eks', 1, false, false],
    ]);
  });

  it('applies the low headroom threshold option', () => {
    const relaxed = buildFleetSnapshot(input, {
      now: '2025-06-01T12:05:00.000Z',
      lowHeadroomPercent: 5,
    });
    expect(relaxed.clusters[0].lowHeadroom).toBe(false);
  });

  it('keys the per-cluster mix by cluster ARN', () => {
    const [prod, dev] = input.clusters;
    expect(Object.keys(snapshot.mixByCluster)).toEqual([prod.arn, dev.arn]);
    expect(snapshot.mixByCluster[prod.arn].count).toBe(2);
    expect(snapshot.mixByCluster[dev.arn].cells[1]).toMatchObject({
      count: 1,
      usdPerHour: 0.04,
    });
    expect(snapshot.mix.count).toBe(3);
    expect(snapshot.mix.usdPerHour).toBeCloseTo(0.03 + 0.11 + 0.04);
  });

  it('includes Graviton candidates, database health and WAF summaries', () => {
    expect(snapshot.gravitonCandidates).toEqual([
      expect.objectContaining({
        cluster: 'prod-eks',
        pool: 'critical',
        instanceType: 'm7i.large',
        armInstanceType: 'm7g.large',
        count: 1,
      }),
    ]);
    expect(snapshot.databases.map(d => d.verdict)).toEqual([
      'healthy',
      'critical',
    ]);
    expect(snapshot.wafs.map(w => w.name)).toEqual(['edge']);
  });

  it('handles an empty fleet', () => {
    const empty = buildFleetSnapshot(
      {
        ...input,
        clusters: [],
        instances: [],
        databases: [],
        webAcls: [],
        stacks: [],
      },
      { now: '2025-06-01T12:05:00.000Z' },
    );
    expect(empty.fleet.nodes).toBe(0);
    expect(empty.mix.cells).toHaveLength(4);
    expect(empty.mixByCluster).toEqual({});
  });

  it('aggregates a 10,000-instance fleet of 40 clusters', () => {
    const big = sampleFleetOfSize({
      clusters: 40,
      instances: 10_000,
      regions: 3,
    });
    const result = buildFleetSnapshot(big, { now: big.collectedAt });
    const running = big.instances.filter(i => i.state === 'running').length;
    expect(result.clusters).toHaveLength(40);
    expect(Object.keys(result.mixByCluster)).toHaveLength(40);
    expect(result.fleet.nodes).toBe(running);
    expect(result.mix.count).toBe(running);
    expect(result.clusters.reduce((sum, c) => sum + c.nodes, 0)).toBe(running);
    expect(result.mix.cells.every(cell => cell.count > 0)).toBe(true);
    expect(result.mix.unpricedInstanceTypes).toEqual([]);
    expect(result.gravitonCandidates.length).toBeGreaterThan(0);
    expect(result.wafs).toHaveLength(9);
  });
});

describe('filterRecords', () => {
  const input = records();

  it('returns everything for an empty filter', () => {
    expect(filterRecords(input, {})).toEqual(input);
  });

  it('filters by account', () => {
    const filtered = filterRecords(input, { accountId: OTHER_ACCOUNT });
    expect(filtered.clusters.map(c => c.name)).toEqual(['dev-eks']);
    expect(filtered.instances).toHaveLength(2);
    expect(filtered.utilisation).toHaveLength(1);
    expect(filtered.databases.map(d => d.identifier)).toEqual(['scratch']);
    expect(filtered.webAcls).toHaveLength(1);
    expect(filtered.stacks.map(s => s.stackId)).toEqual(['s2']);
    expect(filtered.sources.map(s => s.accountId)).toEqual([OTHER_ACCOUNT]);
    expect(filtered.prices).toBe(input.prices);
    expect(filtered.instanceTypes).toBe(input.instanceTypes);
  });

  it('filters by region', () => {
    const filtered = filterRecords(input, { region: 'us-east-1' });
    expect(filtered.clusters).toEqual([]);
    expect(filtered.instances).toEqual([]);
    expect(filtered.sources).toEqual([]);
  });

  it('filters by environment, following instances to their cluster', () => {
    const filtered = filterRecords(input, { environment: 'prod' });
    expect(filtered.clusters.map(c => c.name)).toEqual(['prod-eks']);
    expect(filtered.instances.map(i => i.cluster)).toEqual([
      'prod-eks',
      'prod-eks',
    ]);
    expect(filtered.utilisation.map(u => u.cluster)).toEqual(['prod-eks']);
    expect(filtered.databases.map(d => d.identifier)).toEqual(['orders']);
    expect(filtered.webAcls).toEqual([]);
    // Stacks and sources of the accounts that hold prod.
    expect(filtered.stacks.map(s => s.stackId)).toEqual(['s1']);
    expect(filtered.sources.map(s => s.accountId)).toEqual([ACCOUNT]);
    const snapshot = buildFleetSnapshot(filtered, { now: input.collectedAt });
    expect(snapshot.fleet.requestsKnown).toBe(true);
  });

  it('filters by cluster name or ARN, dropping records that belong to no cluster', () => {
    const byName = filterRecords(input, { cluster: 'dev-eks' });
    const byArn = filterRecords(input, { cluster: input.clusters[1].arn });
    expect(byArn).toEqual(byName);
    expect(byName.clusters.map(c => c.name)).toEqual(['dev-eks']);
    expect(byName.instances).toHaveLength(2);
    expect(byName.databases).toEqual([]);
    expect(byName.webAcls).toEqual([]);
    expect(byName.stacks).toEqual([]);
    expect(byName.sources.map(s => s.accountId)).toEqual([OTHER_ACCOUNT]);
  });

  it('drops instances of unknown clusters when filtering by environment', () => {
    const withStray = {
      ...input,
      instances: [...input.instances, instance({ cluster: 'ghost' })],
    };
    expect(
      filterRecords(withStray, { environment: 'prod' }).instances,
    ).toHaveLength(2);
    expect(
      filterRecords(withStray, { accountId: ACCOUNT }).instances,
    ).toHaveLength(3);
  });
});
