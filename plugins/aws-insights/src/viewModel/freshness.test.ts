import { freshnessAt } from './freshness';

describe('freshnessAt', () => {
  const times = {
    generatedAt: '2025-06-02T09:00:00.000Z',
    dataAsOf: '2025-06-02T09:00:00.000Z',
    stale: false,
    staleAfter: '2025-06-02T09:11:00.000Z',
  };
  const at = (iso: string, t = times) => freshnessAt(t, Date.parse(iso));

  it('counts the age from the oldest data', () => {
    expect(at('2025-06-02T09:12:30.000Z').ageSeconds).toBe(750);
    // A client clock slightly behind the server's never shows a negative age.
    expect(at('2025-06-02T08:59:58.000Z').ageSeconds).toBe(0);
    // A refresh that just ran but serves data carried over from 08:40.
    const carried = {
      ...times,
      dataAsOf: '2025-06-02T08:40:00.000Z',
      stale: true,
      staleAfter: '2025-06-02T08:51:00.000Z',
    };
    expect(at('2025-06-02T09:00:30.000Z', carried)).toEqual({
      ageSeconds: 20 * 60 + 30,
      stale: true,
    });
  });

  it('turns stale after staleAfter', () => {
    expect(at('2025-06-02T09:11:00.000Z').stale).toBe(false);
    expect(at('2025-06-02T09:11:01.000Z').stale).toBe(true);
  });

  it('is stale at once when the body says some of its data is carried over', () => {
    expect(
      at('2025-06-02T09:00:01.000Z', { ...times, stale: true }).stale,
    ).toBe(true);
  });
});
