import {
  WafMetric,
  WafSummary,
  WebAclRecord,
} from '@platform-portal/plugin-aws-insights-common';

/** The series name CloudWatch uses for the whole web ACL. */
export const ALL_RULES = 'ALL';

/** Time window over the points; ISO strings, `from` inclusive, `to` exclusive. */
export interface WafWindow {
  from?: string;
  to?: string;
}

type Point = { at: string; value: number };

function inWindow(points: readonly Point[], window?: WafWindow): Point[] {
  if (!window?.from && !window?.to) return [...points];
  const from = window.from ? Date.parse(window.from) : -Infinity;
  const to = window.to ? Date.parse(window.to) : Infinity;
  return points.filter(p => {
    const at = Date.parse(p.at);
    return at >= from && at < to;
  });
}

function sum(points: readonly Point[]): number {
  let total = 0;
  for (const p of points) total += p.value;
  return total;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The points of one metric for the whole ACL: the 'ALL' series, or, when CloudWatch has none,
 * the rule series added up per timestamp (an approximation: a request counted by two rules in
 * count mode is counted twice).
 */
function aclPoints(
  record: WebAclRecord,
  metric: WafMetric,
  window?: WafWindow,
): Point[] {
  const all = record.series.find(
    s => s.rule === ALL_RULES && s.metric === metric,
  );
  if (all) return inWindow(all.points, window);
  const byTime = new Map<string, number>();
  for (const series of record.series) {
    if (series.metric !== metric || series.rule === ALL_RULES) continue;
    for (const p of inWindow(series.points, window)) {
      byTime.set(p.at, (byTime.get(p.at) ?? 0) + p.value);
    }
  }
  return [...byTime]
    .map(([at, value]) => ({ at, value }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/**
 * The largest BlockedRequests point above max(3 x median, median + 100); the median is the
 * baseline. The absolute +100 keeps a quiet ACL (median 2) from calling 7 blocks a spike.
 */
export function findBlockSpike(
  points: readonly Point[],
): WafSummary['spike'] | undefined {
  if (points.length === 0) return undefined;
  const baseline = median(points.map(p => p.value));
  const threshold = Math.max(3 * baseline, baseline + 100);
  let spike: Point | undefined;
  for (const p of points) {
    if (p.value > threshold && (!spike || p.value > spike.value)) spike = p;
  }
  return spike ? { at: spike.at, blocked: spike.value, baseline } : undefined;
}

/**
 * Allowed/blocked/counted totals, block rate (0..1), rules ranked by blocked requests (rules
 * that blocked nothing are left out) and the largest block spike, over the window given
 * (default: every point in the record).
 */
export function summariseWebAcl(
  record: WebAclRecord,
  window?: WafWindow,
): WafSummary {
  const blockedPoints = aclPoints(record, 'BlockedRequests', window);
  const allowed = sum(aclPoints(record, 'AllowedRequests', window));
  const blocked = sum(blockedPoints);
  const counted = sum(aclPoints(record, 'CountedRequests', window));

  const blockedByRule = new Map<string, number>();
  for (const series of record.series) {
    if (series.metric !== 'BlockedRequests' || series.rule === ALL_RULES) {
      continue;
    }
    const total = sum(inWindow(series.points, window));
    blockedByRule.set(
      series.rule,
      (blockedByRule.get(series.rule) ?? 0) + total,
    );
  }
  const topRules = [...blockedByRule]
    .filter(([, ruleBlocked]) => ruleBlocked > 0)
    .map(([rule, ruleBlocked]) => ({ rule, blocked: ruleBlocked }))
    .sort((a, b) => b.blocked - a.blocked || a.rule.localeCompare(b.rule));

  const summary: WafSummary = {
    arn: record.arn,
    name: record.name,
    accountId: record.accountId,
    region: record.region,
    environment: record.environment,
    owner: record.owner,
    allowed,
    blocked,
    counted,
    blockRate: allowed + blocked > 0 ? blocked / (allowed + blocked) : 0,
    topRules,
  };
  const spike = findBlockSpike(blockedPoints);
  if (spike) summary.spike = spike;
  return summary;
}
