import {
  FleetRecords,
  SourceStatus,
} from '@platform-portal/plugin-aws-insights-common';
import { carryOverFailedSources } from './carryOver';

const status = (
  service: SourceStatus['service'],
  accountId: string,
  ok: boolean,
  fetchedAt: string,
  extra: Partial<SourceStatus> = {},
): SourceStatus => ({
  service,
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
  collectedAt: '2026-11-24T10:00:00Z',
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

describe('carryOverFailedSources', () => {
  const previous = records({
    sources: [
      status('rds', '5', true, '2026-11-24T09:55:00Z'),
      status('rds', '3', true, '2026-11-24T09:55:00Z'),
    ],
    databases: [db('5', 'prod-aurora'), db('3', 'dev-postgres')],
  });

  it('keeps the last good records of a failed source and dates them', () => {
    const fresh = records({
      sources: [
        status('rds', '5', false, '2026-11-24T10:00:00Z'),
        status('rds', '3', true, '2026-11-24T10:00:00Z'),
      ],
      databases: [db('3', 'dev-postgres-new')],
    });
    const merged = carryOverFailedSources(fresh, previous);
    expect(merged.databases.map(d => d.identifier).sort()).toEqual([
      'dev-postgres-new',
      'prod-aurora',
    ]);
    const failed = merged.sources.find(s => s.accountId === '5')!;
    expect(failed).toMatchObject({
      ok: false,
      staleSince: '2026-11-24T09:55:00Z',
      error: { name: 'ThrottlingException' },
    });
  });

  it('keeps the original date across several failed refreshes', () => {
    const first = carryOverFailedSources(
      records({ sources: [status('rds', '5', false, '2026-11-24T10:00:00Z')] }),
      previous,
    );
    const second = carryOverFailedSources(
      records({ sources: [status('rds', '5', false, '2026-11-24T10:05:00Z')] }),
      first,
    );
    expect(second.sources[0].staleSince).toBe('2026-11-24T09:55:00Z');
    expect(second.databases.map(d => d.identifier)).toEqual(['prod-aurora']);
  });

  it('serves nothing old when the source never worked, and everything fresh when it works', () => {
    const neverWorked = carryOverFailedSources(
      records({
        sources: [status('wafv2', '5', false, '2026-11-24T10:00:00Z')],
      }),
      previous,
    );
    expect(neverWorked.sources[0].staleSince).toBeUndefined();
    const healthy = records({
      sources: [status('rds', '5', true, '2026-11-24T10:00:00Z')],
      databases: [],
    });
    expect(carryOverFailedSources(healthy, previous).databases).toEqual([]);
  });
});
