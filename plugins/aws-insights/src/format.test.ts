import {
  formatAge,
  formatBytes,
  formatCompact,
  formatCount,
  formatFreshness,
  formatGiB,
  formatPercent,
  formatSeconds,
  formatShare,
  formatUsd,
  formatVcpu,
  secondsSince,
} from './format';

describe('format', () => {
  it('writes dollars with two decimals and thousands separators', () => {
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(formatUsd(4365.254)).toBe('$4,365.25');
    expect(formatUsd(0)).toBe('$0.00');
  });

  it('writes percentages and shares with one decimal', () => {
    expect(formatPercent(12.34)).toBe('12.3 %');
    expect(formatShare(0.5591397849462365)).toBe('55.9 %');
    expect(formatPercent(undefined)).toBe('—');
  });

  it('writes capacity units', () => {
    expect(formatVcpu(128)).toBe('128 vCPU');
    expect(formatVcpu(12.25)).toBe('12.3 vCPU');
    expect(formatGiB(1.5)).toBe('1.5 GiB');
    expect(formatGiB(700)).toBe('700 GiB');
    expect(formatGiB(2048)).toBe('2.0 TiB');
    expect(formatBytes(197568495616)).toBe('184.0 GiB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatCount(2810006)).toBe('2,810,006');
    expect(formatCompact(8803)).toBe('8.8k');
    expect(formatCompact(2810006)).toBe('2.8M');
  });

  it('writes durations and ages', () => {
    expect(formatSeconds(45)).toBe('45 s');
    expect(formatSeconds(125)).toBe('2 min 5 s');
    expect(formatAge(30)).toBe('just now');
    expect(formatAge(12 * 60 + 5)).toBe('12 min');
    expect(formatAge(3 * 3600 + 5 * 60)).toBe('3 h 5 min');
    expect(formatAge(52 * 3600)).toBe('2 d 4 h');
  });

  it('stamps the data with its clock time and age', () => {
    const at = new Date(2025, 5, 2, 9, 0).toISOString();
    expect(formatFreshness(at, 12 * 60)).toBe('data from 09:00, 12 min old');
    expect(formatFreshness(at, 10)).toBe('data from 09:00, just now');
    expect(secondsSince(at, Date.parse(at) + 90_000)).toBe(90);
  });
});
