import {
  FleetRecords,
  InstanceRecord,
  PriceRecord,
  SourceReads,
  SourceStatus,
} from '@platform-portal/plugin-aws-insights-common';
import { SERVICE_OF } from '../collectors/collectorSupport';
import { carryOverFailedSources } from './carryOver';

const EARLIER = '2026-11-24T09:55:00Z';
const NOW = '2026-11-24T10:00:00Z';

const status = (
  reads: Exclude<SourceReads, 'sample'>,
  accountId: string,
  ok: boolean,
  fetchedAt: string,
  extra: Partial<SourceStatus> = {},
): SourceStatus => ({
  service: SERVICE_OF[reads],
  reads,
  accountId,
  region: 'eu-west-1',
  ok,
  fetchedAt,
  calls: 1,
  ...(ok
    ? {}
    : { error: { name: 'ThrottlingException', message: 'Rate exceeded' } }),
  ...extra,
});

const records = (over: Partial<FleetRecords>): FleetRecords => ({
  collectedAt: NOW,
  sample: false,
  sources: [],
  clusters: [],
  instances: [],
  instanceTypes: [],
  prices: [],
  utilisation: [],
  databases: [],
  webAcls: [],
  stacks: [],
  ...over,
});

const db = (accountId: string, identifier: string) =>
  ({
    accountId,
    region: 'eu-west-1',
    identifier,
  } as unknown as FleetRecords['databases'][number]);

const instance = (
  instanceId: string,
  instanceType = 'm6i.large',
  accountId = '000000000005',
): InstanceRecord => ({
  instanceId,
  cluster: 'prod',
  accountId,
  region: 'eu-west-1',
  availabilityZone: 'eu-west-1a',
  instanceType,
  lifecycle: 'spot',
  architecture: 'x86_64',
  launchTime: '2026-11-01T00:00:00Z',
  state: 'running',
});

const price = (
  instanceType: string,
  lifecycle: PriceRecord['lifecycle'],
  usdPerHour: number,
  source: PriceRecord['source'] = lifecycle === 'spot'
    ? 'spot-price-history'
    : 'pricing-api',
): PriceRecord => ({
  instanceType,
  region: 'eu-west-1',
  ...(lifecycle === 'spot' ? { availabilityZone: 'eu-west-1a' } : {}),
  lifecycle,
  usdPerHour,
  asOf: EARLIER,
  source,
});

const spec = (instanceType: string, vcpu: number) => ({
  instanceType,
  vcpu,
  memoryMiB: vcpu * 4096,
  architectures: ['x86_64' as const],
});

describe('carryOverFailedSources', () => {
  const previous = records({
    sources: [
      status('databases', '000000000005', true, EARLIER),
      status('databases', '000000000003', true, EARLIER),
    ],
    databases: [
      db('000000000005', 'prod-aurora'),
      db('000000000003', 'dev-postgres'),
    ],
  });

  it('keeps the last good records of a failed source and dates them', () => {
    const fresh = records({
      sources: [
        status('databases', '000000000005', false, NOW),
        status('databases', '000000000003', true, NOW),
      ],
      databases: [db('000000000003', 'dev-postgres-new')],
    });
    const merged = carryOverFailedSources(fresh, previous);
    expect(merged.databases.map(d => d.identifier).sort()).toEqual([
      'dev-postgres-new',
      'prod-aurora',
    ]);
    const failed = merged.sources.find(s => s.accountId === '000000000005')!;
    expect(failed).toMatchObject({
      ok: false,
      staleSince: EARLIER,
      error: { name: 'ThrottlingException' },
    });
  });

  it('replaces what a source read before failing part-way: 2 instances stay 2, not 4', () => {
    const before = records({
      sources: [status('instances', '000000000005', true, EARLIER)],
      instances: [instance('i-1'), instance('i-2')],
      instanceTypes: [spec('m6i.large', 2)],
    });
    const partial = records({
      sources: [status('instances', '000000000005', false, NOW)],
      // DescribeInstances read, DescribeInstanceTypes throttled.
      instances: [instance('i-1'), instance('i-2')],
    });
    const merged = carryOverFailedSources(partial, before);
    expect(merged.instances.map(i => i.instanceId)).toEqual(['i-1', 'i-2']);
    expect(merged.instanceTypes).toEqual([spec('m6i.large', 2)]);
  });

  it('keeps the original date across several failed refreshes', () => {
    const first = carryOverFailedSources(
      records({ sources: [status('databases', '000000000005', false, NOW)] }),
      previous,
    );
    const second = carryOverFailedSources(
      records({
        sources: [
          status('databases', '000000000005', false, '2026-11-24T10:05:00Z'),
        ],
      }),
      first,
    );
    expect(second.sources[0].staleSince).toBe(EARLIER);
    expect(second.databases.map(d => d.identifier)).toEqual(['prod-aurora']);
  });

  it('serves nothing old when the source never worked, and everything fresh when it works', () => {
    const neverWorked = carryOverFailedSources(
      records({
        sources: [status('web-acls', '000000000005', false, NOW)],
      }),
      previous,
    );
    expect(neverWorked.sources[0].staleSince).toBeUndefined();
    const healthy = records({
      sources: [status('databases', '000000000005', true, NOW)],
      databases: [],
    });
    expect(carryOverFailedSources(healthy, previous).databases).toEqual([]);
  });

  describe('what carried-over instances need', () => {
    // The last good refresh: instances with their specs, Spot and On-Demand prices.
    const lastGood = records({
      collectedAt: EARLIER,
      sources: [
        status('instances', '000000000005', true, EARLIER),
        status('spot-prices', '000000000005', true, EARLIER),
        status('on-demand-prices', '000000000005', false, EARLIER),
      ],
      instances: [instance('i-1'), instance('i-2', 'c6i.large')],
      instanceTypes: [spec('m6i.large', 2), spec('c6i.large', 2)],
      prices: [
        price('m6i.large', 'spot', 0.04),
        price('c6i.large', 'spot', 0.03),
        price('m6i.large', 'on-demand', 0.107, 'bundled-table'),
        price('m7g.large', 'on-demand', 0.0914, 'bundled-table'),
        price('r6i.large', 'on-demand', 0.141, 'bundled-table'),
      ],
    });

    it('brings their specs and prices, and names the price sources not read now', () => {
      // EC2 failed: no instances, so no prices were read in this refresh at all.
      const fresh = records({
        sources: [status('instances', '000000000005', false, NOW)],
      });
      const merged = carryOverFailedSources(fresh, lastGood);
      expect(merged.instances).toEqual(lastGood.instances);
      expect(merged.instanceTypes).toEqual(lastGood.instanceTypes);
      // Their own types and the Graviton equivalent (m7g) for the savings; not r6i.
      expect(merged.prices).toEqual(lastGood.prices.slice(0, 4));
      expect(merged.sources).toEqual([
        expect.objectContaining({ reads: 'instances', staleSince: EARLIER }),
        expect.objectContaining({
          reads: 'spot-prices',
          ok: false,
          fetchedAt: NOW,
          calls: 0,
          error: expect.objectContaining({ name: 'NotRead' }),
          staleSince: EARLIER,
        }),
        expect.objectContaining({
          reads: 'on-demand-prices',
          ok: false,
          error: expect.objectContaining({ name: 'NotRead' }),
          staleSince: EARLIER,
        }),
      ]);
    });

    it('prefers the last good price of a failed price read, keeping its fallback for new types', () => {
      const fresh = records({
        sources: [
          status('instances', '000000000005', true, NOW),
          status('on-demand-prices', '000000000005', false, NOW),
        ],
        instances: [instance('i-1'), instance('i-3', 'r6i.large')],
        instanceTypes: [spec('m6i.large', 2), spec('r6i.large', 2)],
        prices: [
          price('m6i.large', 'on-demand', 0.2, 'bundled-table'),
          price('r6i.large', 'on-demand', 0.15, 'bundled-table'),
        ],
      });
      const before = records({
        ...lastGood,
        sources: [status('on-demand-prices', '000000000005', true, EARLIER)],
        prices: [price('m6i.large', 'on-demand', 0.107)],
      });
      const merged = carryOverFailedSources(fresh, before);
      expect(merged.prices).toEqual([
        price('r6i.large', 'on-demand', 0.15, 'bundled-table'),
        price('m6i.large', 'on-demand', 0.107),
      ]);
      expect(merged.instances).toEqual(fresh.instances);
    });

    it('names a price source by its region: another account reading it is the same source', () => {
      const fresh = records({
        sources: [
          status('instances', '000000000005', false, NOW),
          status('instances', '000000000003', true, NOW),
          status('spot-prices', '000000000003', true, NOW),
        ],
        instances: [instance('i-9', 'm6i.large', '000000000003')],
        instanceTypes: [spec('m6i.large', 2)],
        prices: [price('m6i.large', 'spot', 0.05)],
      });
      const merged = carryOverFailedSources(fresh, lastGood);
      expect(merged.sources.filter(s => s.reads === 'spot-prices')).toEqual([
        fresh.sources[2],
      ]);
      // The fresh Spot price of m6i.large, the last good one of c6i.large: one per key.
      expect(merged.prices.filter(p => p.lifecycle === 'spot')).toEqual([
        price('m6i.large', 'spot', 0.05),
        price('c6i.large', 'spot', 0.03),
      ]);
    });

    it('carries nothing when every source worked, even if instances are gone', () => {
      const fresh = records({
        sources: [status('instances', '000000000005', true, NOW)],
      });
      expect(carryOverFailedSources(fresh, lastGood)).toEqual(fresh);
    });
  });
});
