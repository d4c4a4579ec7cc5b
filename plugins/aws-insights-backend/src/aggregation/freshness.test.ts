import { staleAfter } from './freshness';

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
