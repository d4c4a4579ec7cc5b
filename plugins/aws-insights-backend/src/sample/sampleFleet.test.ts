import { buildFleetSnapshot } from '../aggregation';
import { SAMPLE_ACCOUNTS } from './catalog';
import { createRandom } from './random';
import { SAMPLE_NOW, sampleFleetRecords } from './sampleFleet';
import { sampleFleetOfSize } from './sampleFleetOfSize';

describe('sampleFleetRecords', () => {
  const records = sampleFleetRecords();
  const snapshot = buildFleetSnapshot(records, { now: records.collectedAt });

  it('is deterministic', () => {
    expect(sampleFleetRecords()).toEqual(records);
    const later = new Date('2026-01-01T00:00:00.000Z');
    expect(sampleFleetRecords(later)).toEqual(sampleFleetRecords(later));
    expect(records.collectedAt).toBe(SAMPLE_NOW.toISOString());
  });

  it('moves every timestamp with now', () => {
    const later = sampleFleetRecords(new Date('2026-01-01T00:00:00.000Z'));
    expect(later.collectedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(later.instances.every(i => i.launchTime < later.collectedAt)).toBe(
      true,
    );
  });

  it('is labelled as the sample, every source included', () => {
    expect(records.sample).toBe(true);
    expect(snapshot.sample).toBe(true);
    expect(records.sources.length).toBeGreaterThan(0);
    expect(records.sources.every(s => s.service === 'sample' && s.ok)).toBe(
      true,
    );
  });

  it('uses the fake accounts of the catalog', () => {
    const accounts = new Set(records.sources.map(s => s.accountId));
    expect([...accounts].sort()).toEqual(Object.values(SAMPLE_ACCOUNTS).sort());
    expect(
      records.clusters.map(c => [
        c.name,
        c.accountId,
        c.region,
        c.tags.environment,
      ]),
    ).toEqual([
      ['dev-eks', '000000000003', 'eu-west-1', 'dev'],
      ['staging-eks', '000000000004', 'eu-west-1', 'staging'],
      ['prod-eks', '000000000005', 'eu-west-1', 'prod'],
      ['prod-eks-euc1', '000000000005', 'eu-central-1', 'prod'],
    ]);
  });

  it('has the core node group of two m7g.large and Karpenter pools per cluster', () => {
    for (const cluster of snapshot.clusters) {
      expect(cluster.pools.map(p => `${p.kind}:${p.pool}`)).toEqual([
        'karpenter:critical',
        'karpenter:general',
        'nodegroup:core',
      ]);
      const core = cluster.pools.find(p => p.pool === 'core')!;
      expect(core.byInstanceType).toEqual([
        { instanceType: 'm7g.large', count: 2 },
      ]);
    }
    const critical = records.instances.filter(i => i.nodePool === 'critical');
    expect(critical.every(i => i.lifecycle === 'on-demand')).toBe(true);
  });

  it('prices every instance type, Spot at 30-40 % of On-Demand', () => {
    expect(snapshot.mix.unpricedInstanceTypes).toEqual([]);
    const onDemand = new Map(
      records.prices
        .filter(p => p.lifecycle === 'on-demand')
        .map(p => [`${p.region}|${p.instanceType}`, p.usdPerHour]),
    );
    for (const price of records.prices.filter(p => p.lifecycle === 'spot')) {
      const ratio =
        price.usdPerHour /
        onDemand.get(`${price.region}|${price.instanceType}`)!;
      expect(ratio).toBeGreaterThanOrEqual(0.299);
      expect(ratio).toBeLessThanOrEqual(0.401);
    }
  });

  it('yields all four mix cells', () => {
    for (const cell of snapshot.mix.cells) {
      expect(cell.count).toBeGreaterThan(0);
      expect(cell.vcpu).toBeGreaterThan(0);
      expect(cell.usdPerHour).toBeGreaterThan(0);
    }
    expect(snapshot.mix.savingsUsdPerMonth).toBeGreaterThan(0);
  });

  it('yields Graviton candidates', () => {
    expect(snapshot.gravitonCandidates).toContainEqual(
      expect.objectContaining({
        cluster: 'prod-eks',
        pool: 'critical',
        instanceType: 'm7i.2xlarge',
        armInstanceType: 'm7g.2xlarge',
        count: 3,
      }),
    );
  });

  it('knows requests for prod and staging but not dev', () => {
    const byName = new Map(snapshot.clusters.map(c => [c.cluster, c]));
    expect(byName.get('dev-eks')).toMatchObject({
      requestsKnown: false,
      lowHeadroom: false,
    });
    expect(byName.get('dev-eks')!.headroomPercent).toBeUndefined();
    expect(byName.get('staging-eks')!.requestsKnown).toBe(true);
    expect(byName.get('prod-eks')).toMatchObject({
      requestsKnown: true,
      lowHeadroom: true,
    });
  });

  it('leaves out instances that are not running', () => {
    expect(records.instances.some(i => i.state !== 'running')).toBe(true);
    expect(snapshot.fleet.nodes).toBe(
      records.instances.filter(i => i.state === 'running').length,
    );
  });

  it('has the dev database critical and the prod reader lagging', () => {
    const health = new Map(
      snapshot.databases.map(d => [d.record.identifier, d]),
    );
    expect(health.get('dev-postgres')).toMatchObject({ verdict: 'critical' });
    expect(health.get('dev-postgres')!.reasons).toContain(
      'backup retention 1 day < 7',
    );
    expect(
      health.get('dev-postgres')!.record.pendingModifications,
    ).toHaveLength(1);
    expect(health.get('prod-aurora-pg')).toMatchObject({
      verdict: 'warning',
      reasons: ['replica lag 45 s'],
    });
    expect(
      health.get('prod-aurora-pg')!.record.members.map(m => m.role),
    ).toEqual(['writer', 'reader', 'reader']);
    expect(health.get('staging-postgres')!.verdict).toBe('healthy');
  });

  it('has a WAF block spike in prod about two hours ago, and only there', () => {
    const byEnvironment = new Map(snapshot.wafs.map(w => [w.environment, w]));
    const prod = byEnvironment.get('prod')!;
    expect(prod.spike).toBeDefined();
    expect(prod.spike!.blocked).toBeGreaterThan(10 * prod.spike!.baseline);
    const hoursAgo =
      (SAMPLE_NOW.getTime() - Date.parse(prod.spike!.at)) / 3_600_000;
    expect(hoursAgo).toBeGreaterThan(1.5);
    expect(hoursAgo).toBeLessThan(2.5);
    expect(prod.topRules.map(r => r.rule)).toContain('rate-limit');
    expect(byEnvironment.get('staging')!.spike).toBeUndefined();
    expect(byEnvironment.get('dev')!.spike).toBeUndefined();
  });

  it('has 24 h of 5-minute WAF points and documentation-range client IPs', () => {
    for (const acl of records.webAcls) {
      expect(acl.series.every(s => s.points.length === 288)).toBe(true);
    }
    const prod = records.webAcls.find(a => a.environment === 'prod')!;
    expect(prod.sampledAvailable).toBe(true);
    expect(prod.sampledBlocked.length).toBeGreaterThanOrEqual(4);
    for (const request of prod.sampledBlocked) {
      expect(request.clientIp).toMatch(/^(198\.51\.100|203\.0\.113)\.\d+$/);
    }
  });

  it('has a bootstrap stack per account, one with recent events', () => {
    expect(records.stacks.map(s => [s.accountId, s.name])).toEqual(
      Object.values(SAMPLE_ACCOUNTS).map(a => [a, 'platform-bootstrap']),
    );
    expect(
      records.stacks.every(s => /^(CREATE|UPDATE)_COMPLETE$/.test(s.status)),
    ).toBe(true);
    expect(records.stacks.filter(s => s.events.length > 0)).toHaveLength(1);
  });
});

describe('sampleFleetOfSize', () => {
  const size = { clusters: 40, instances: 10_000, regions: 3 };

  it('builds the requested size, deterministically', () => {
    const fleet = sampleFleetOfSize(size);
    expect(fleet.sample).toBe(true);
    expect(fleet.clusters).toHaveLength(40);
    expect(fleet.instances).toHaveLength(10_000);
    expect(new Set(fleet.clusters.map(c => c.region)).size).toBe(3);
    expect(new Set(fleet.instances.map(i => i.instanceId)).size).toBe(10_000);
    expect(sampleFleetOfSize(size)).toEqual(fleet);
    expect(sampleFleetOfSize({ ...size, seed: 7 })).not.toEqual(fleet);
  });

  it('handles tiny sizes', () => {
    const tiny = sampleFleetOfSize({ clusters: 1, instances: 3, regions: 1 });
    expect(tiny.instances.map(i => i.nodegroup ?? i.nodePool)).toEqual([
      'core',
      'core',
      expect.any(String),
    ]);
    expect(
      sampleFleetOfSize({ clusters: 0, instances: 5, regions: 1 }).instances,
    ).toEqual([]);
  });
});

describe('createRandom', () => {
  it('repeats for a seed and stays in range', () => {
    const a = createRandom(1);
    const b = createRandom(1);
    const values = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(values);
    expect(values.every(v => v >= 0 && v < 1)).toBe(true);
    const c = createRandom(2);
    expect(c.int(3, 3)).toBe(3);
    expect(c.hex(12)).toMatch(/^[0-9a-f]{12}$/);
    expect(['x', 'y']).toContain(c.pick(['x', 'y']));
  });
});
