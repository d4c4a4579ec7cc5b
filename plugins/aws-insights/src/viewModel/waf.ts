import { WebAclResponse } from '@platform-portal/plugin-aws-insights-common';

export type WafHours = 1 | 24 | 168;

export const WAF_RANGES: Array<{ hours: WafHours; label: string }> = [
  { hours: 1, label: '1h' },
  { hours: 24, label: '24h' },
  { hours: 168, label: '7d' },
];

/** Bucket width per window: at most ~100 points, whatever the metric period. */
const BUCKET_MINUTES: Record<WafHours, number> = { 1: 5, 24: 15, 168: 120 };

export interface WafTrafficPoint {
  at: number;
  allowed: number;
  blocked: number;
}

type Series = WebAclResponse['series'];

function allRulesSeries(series: Series, metric: string) {
  return (
    series.find(s => s.rule === 'ALL' && s.metric === metric)?.points ?? []
  );
}

/** The end of the data: the newest point of any series (the window ends there). */
export function seriesEnd(series: Series): number {
  let end = 0;
  for (const s of series) {
    for (const p of s.points) end = Math.max(end, Date.parse(p.at));
  }
  return end;
}

function inWindow(at: string, end: number, hours: WafHours) {
  const t = Date.parse(at);
  return t > end - hours * 3_600_000 && t <= end;
}

/** Allowed vs blocked requests of the whole web ACL over the window, in buckets. */
export function wafTraffic(series: Series, hours: WafHours): WafTrafficPoint[] {
  const end = seriesEnd(series);
  const bucketMs = BUCKET_MINUTES[hours] * 60_000;
  const buckets = new Map<number, WafTrafficPoint>();
  const add = (metric: string, field: 'allowed' | 'blocked') => {
    for (const p of allRulesSeries(series, metric)) {
      if (!inWindow(p.at, end, hours)) continue;
      // Buckets count back from the end: the newest one is never a partial bucket.
      const index = Math.floor((end - Date.parse(p.at)) / bucketMs);
      const at = end - index * bucketMs;
      const bucket = buckets.get(at) ?? { at, allowed: 0, blocked: 0 };
      bucket[field] += p.value;
      buckets.set(at, bucket);
    }
  };
  add('AllowedRequests', 'allowed');
  add('BlockedRequests', 'blocked');
  return [...buckets.values()].sort((a, b) => a.at - b.at);
}

/** How much of the requested window the series actually covers, in hours. */
export function coveredHours(series: Series, hours: WafHours): number {
  const points = allRulesSeries(series, 'BlockedRequests');
  if (points.length === 0) return 0;
  const end = seriesEnd(series);
  const start = Math.min(...points.map(p => Date.parse(p.at)));
  return Math.min(hours, Math.round((end - start) / 3_600_000));
}
