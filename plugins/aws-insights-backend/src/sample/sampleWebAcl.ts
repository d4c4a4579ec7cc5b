import {
  WafMetric,
  WafRule,
  WebAclRecord,
} from '@platform-portal/plugin-aws-insights-common';
import { SampleRandom } from './random';

const FIVE_MINUTES = 5 * 60_000;
const POINTS_PER_DAY = 288;

const RULES: WafRule[] = [
  {
    name: 'AWS-AWSManagedRulesCommonRuleSet',
    priority: 10,
    kind: 'managed-rule-group',
    action: 'none',
  },
  {
    name: 'AWS-AWSManagedRulesKnownBadInputsRuleSet',
    priority: 20,
    kind: 'managed-rule-group',
    action: 'none',
  },
  {
    name: 'AWS-AWSManagedRulesSQLiRuleSet',
    priority: 30,
    kind: 'managed-rule-group',
    action: 'none',
  },
  { name: 'rate-limit', priority: 40, kind: 'rate-based', action: 'block' },
];

/** Typical blocks per 5 minutes per rule, at traffic scale 1 (prod). */
const BASE_BLOCKS: Record<string, number> = {
  'AWS-AWSManagedRulesCommonRuleSet': 12,
  'AWS-AWSManagedRulesKnownBadInputsRuleSet': 4,
  'AWS-AWSManagedRulesSQLiRuleSet': 2,
  'rate-limit': 8,
};

export interface SampleWebAclOptions {
  environment: string;
  accountId: string;
  region: string;
  now: Date;
  random: SampleRandom;
  /** Allowed requests per 5 minutes at the daily peak. */
  peakAllowed: number;
  /** Multiplier of the rule block baselines. */
  blockScale: number;
  /** A rate-limit block spike: `factor` x baseline for `minutes`, ending `endsMinutesAgo`. */
  spike?: { factor: number; minutes: number; endsMinutesAgo: number };
  sampledBlocked?: WebAclRecord['sampledBlocked'];
}

/**
 * A regional web ACL with 24 h of 5-minute points (the last one 5 minutes before `now`):
 * per-rule blocked requests, a count-mode sub-rule in the common rule set, and the 'ALL'
 * series as CloudWatch reports it (the sum of the rules; allowed follows a daily curve).
 */
export function sampleWebAcl(options: SampleWebAclOptions): WebAclRecord {
  const { environment, accountId, region, now, random, spike } = options;
  const start = now.getTime() - POINTS_PER_DAY * FIVE_MINUTES;
  const spikeEnd = spike ? now.getTime() - spike.endsMinutesAgo * 60_000 : 0;
  const spikeStart = spike ? spikeEnd - spike.minutes * 60_000 : 0;
  const jitter = (base: number) =>
    Math.max(0, Math.round(base * random.between(0.5, 1.5)));

  const blocked = new Map<string, Array<{ at: string; value: number }>>(
    RULES.map(rule => [rule.name, []]),
  );
  const counted: Array<{ at: string; value: number }> = [];
  const allAllowed: Array<{ at: string; value: number }> = [];
  const allBlocked: Array<{ at: string; value: number }> = [];
  const allCounted: Array<{ at: string; value: number }> = [];

  for (let i = 0; i < POINTS_PER_DAY; i++) {
    const time = start + i * FIVE_MINUTES;
    const at = new Date(time).toISOString();
    let blockedTotal = 0;
    for (const rule of RULES) {
      let value = jitter(BASE_BLOCKS[rule.name] * options.blockScale);
      if (
        rule.name === 'rate-limit' &&
        spike &&
        time >= spikeStart &&
        time < spikeEnd
      ) {
        value = Math.round(
          BASE_BLOCKS[rule.name] * options.blockScale * spike.factor,
        );
      }
      blocked.get(rule.name)!.push({ at, value });
      blockedTotal += value;
    }
    const countedValue = jitter(5 * options.blockScale);
    counted.push({ at, value: countedValue });
    // Daily curve: quietest around 03:00 UTC, busiest around 15:00 UTC.
    const hour =
      new Date(time).getUTCHours() + new Date(time).getUTCMinutes() / 60;
    const daily = 0.65 + 0.35 * Math.sin(((hour - 9) / 24) * 2 * Math.PI);
    allAllowed.push({
      at,
      value: Math.round(
        options.peakAllowed * daily * random.between(0.92, 1.08),
      ),
    });
    allBlocked.push({ at, value: blockedTotal });
    allCounted.push({ at, value: countedValue });
  }

  const series: WebAclRecord['series'] = [];
  const add = (
    rule: string,
    metric: WafMetric,
    points: Array<{ at: string; value: number }>,
  ) => series.push({ rule, metric, points });
  add('ALL', 'AllowedRequests', allAllowed);
  add('ALL', 'BlockedRequests', allBlocked);
  add('ALL', 'CountedRequests', allCounted);
  for (const rule of RULES)
    add(rule.name, 'BlockedRequests', blocked.get(rule.name)!);
  add('AWS-AWSManagedRulesCommonRuleSet', 'CountedRequests', counted);

  const name = `${environment}-web-acl`;
  const id = `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-a${random.hex(
    3,
  )}-${random.hex(12)}`;
  const sampled = options.sampledBlocked ?? [];
  return {
    arn: `arn:aws:wafv2:${region}:${accountId}:regional/webacl/${name}/${id}`,
    id,
    name,
    accountId,
    region,
    environment,
    owner: 'group:default/platform-team',
    defaultAction: 'allow',
    rules: RULES,
    series,
    sampledAvailable: options.sampledBlocked !== undefined,
    sampledBlocked: sampled,
  };
}

/** A handful of sampled blocked requests, client IPs from the documentation ranges. */
export function sampleBlockedRequests(
  now: Date,
  spikeEndsMinutesAgo: number,
): WebAclRecord['sampledBlocked'] {
  const at = (minutesAgo: number) =>
    new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  const inSpike = spikeEndsMinutesAgo + 10;
  return [
    {
      at: at(inSpike + 2),
      clientIp: '203.0.113.14',
      country: 'BR',
      method: 'POST',
      uri: '/api/login',
      rule: 'rate-limit',
    },
    {
      at: at(inSpike + 1),
      clientIp: '203.0.113.14',
      country: 'BR',
      method: 'POST',
      uri: '/api/login',
      rule: 'rate-limit',
    },
    {
      at: at(inSpike),
      clientIp: '203.0.113.87',
      country: 'VN',
      method: 'POST',
      uri: '/api/login',
      rule: 'rate-limit',
    },
    {
      at: at(inSpike - 1),
      clientIp: '203.0.113.201',
      country: 'US',
      method: 'POST',
      uri: '/api/password-reset',
      rule: 'rate-limit',
    },
    {
      at: at(47),
      clientIp: '198.51.100.23',
      country: 'NL',
      method: 'GET',
      uri: '/api/search',
      rule: 'AWS-AWSManagedRulesSQLiRuleSet',
    },
    {
      at: at(12),
      clientIp: '198.51.100.77',
      country: 'DE',
      method: 'GET',
      uri: '/.git/config',
      rule: 'AWS-AWSManagedRulesKnownBadInputsRuleSet',
    },
  ];
}
