import { freshnessOf, staleAfter } from './freshness';

describe('staleAfter', () => {
  it('is two refreshes and a minute after the refresh', () => {
    expect(staleAfter('2025-06-02T09:00:00.000Z', 5 * 60_000)).toBe(
      '2025-06-02T09:11:00.000Z',
    );
    expect(staleAfter('2025-06-02T09:00:00.000Z', 3_600_000)).toBe(
      '2025-06-02T11:01:00.000Z',
    );
  });

  it('assumes the default 5-minute refresh', () => {
    expect(staleAfter('2025-06-02T09:00:00.000Z')).toBe(
      '2025-06-02T09:11:00.000Z',
    );
  });
});

describe('freshnessOf', () => {
  const source = (staleSince?: string) => ({
    service: 'ec2' as const,
    reads: 'instances' as const,
    accountId: '000000000005',
    region: 'eu-west-1',
    ok: staleSince === undefined,
    fetchedAt: '2025-06-02T09:00:02.000Z',
    calls: 1,
    ...(staleSince ? { staleSince } : {}),
  });

  it('dates a body whose sources all worked by its refresh, not stale', () => {
    expect(
      freshnessOf([source(), source()], '2025-06-02T09:00:00.000Z'),
    ).toEqual({
      generatedAt: '2025-06-02T09:00:00.000Z',
      dataAsOf: '2025-06-02T09:00:00.000Z',
      stale: false,
      staleAfter: '2025-06-02T09:11:00.000Z',
    });
  });

  it('dates a body by its oldest carried-over data, and says it is stale', () => {
    expect(
      freshnessOf(
        [
          source(),
          source('2025-06-02T08:50:01.000Z'),
          source('2025-06-02T08:40:01.000Z'),
        ],
        '2025-06-02T09:00:00.000Z',
      ),
    ).toEqual({
      generatedAt: '2025-06-02T09:00:00.000Z',
      dataAsOf: '2025-06-02T08:40:01.000Z',
      stale: true,
      staleAfter: '2025-06-02T08:51:01.000Z',
    });
  });
});
