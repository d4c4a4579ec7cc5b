import { GENERATED_AT, webAclResponse } from '../__fixtures__/fleet';
import { coveredHours, seriesEnd, wafTraffic } from './waf';

describe('waf view model', () => {
  const { series } = webAclResponse();

  it('ends the window at the newest point', () => {
    expect(new Date(seriesEnd(series)).toISOString()).toBe(GENERATED_AT);
  });

  it('buckets allowed and blocked requests per window, newest bucket complete', () => {
    const hour = wafTraffic(series, 1);
    expect(hour).toHaveLength(12);
    expect(hour[11]).toEqual({
      at: seriesEnd(series),
      allowed: 9758,
      blocked: 25,
    });

    const day = wafTraffic(series, 24);
    expect(day).toHaveLength(96);
    // Three 5-minute points per 15-minute bucket.
    expect(day[95]).toEqual({
      at: seriesEnd(series),
      allowed: 3 * 9758,
      blocked: 75,
    });
    expect(day.reduce((s, p) => s + p.blocked, 0)).toBe(287 * 25 + 900);
  });

  it('keeps the spike in its bucket', () => {
    const day = wafTraffic(series, 24);
    expect(Math.max(...day.map(p => p.blocked))).toBe(900 + 2 * 25);
  });

  it('says how much of a 7-day window the metrics cover', () => {
    expect(coveredHours(series, 168)).toBe(24);
    expect(coveredHours(series, 1)).toBe(1);
    expect(coveredHours([], 24)).toBe(0);
  });
});
