import { freshnessAt } from './freshness';

describe('freshnessAt', () => {
  const times = {
    generatedAt: '2025-06-02T09:00:00.000Z',
    staleAfter: '2025-06-02T09:11:00.000Z',
  };
  const at = (iso: string) => freshnessAt(times, Date.parse(iso));

  it('counts the age from generatedAt', () => {
    expect(at('2025-06-02T09:12:30.000Z').ageSeconds).toBe(750);
    // A client clock slightly behind the server's never shows a negative age.
    expect(at('2025-06-02T08:59:58.000Z').ageSeconds).toBe(0);
  });

  it('turns stale after staleAfter', () => {
    expect(at('2025-06-02T09:11:00.000Z').stale).toBe(false);
    expect(at('2025-06-02T09:11:01.000Z').stale).toBe(true);
  });
});
