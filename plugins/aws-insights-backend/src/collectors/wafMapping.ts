import { Rule, SampledHTTPRequest, WebACL } from '@aws-sdk/client-wafv2';
import {
  WafMetric,
  WafRule,
  WebAclRecord,
} from '@platform-portal/plugin-aws-insights-common';
import { MetricQuery } from './metricData';

export const WAF_METRICS: WafMetric[] = [
  'AllowedRequests',
  'BlockedRequests',
  'CountedRequests',
];
/** The Rule dimension value for the web ACL as a whole. */
export const ALL_RULES = 'ALL';

export function ruleKind(rule: Rule): WafRule['kind'] {
  if (rule.Statement?.RateBasedStatement) return 'rate-based';
  if (rule.Statement?.ManagedRuleGroupStatement) return 'managed-rule-group';
  return 'custom';
}

/** Action for plain rules, OverrideAction for rule-group references ('none' = the group decides). */
export function ruleAction(rule: Rule): WafRule['action'] {
  const action = rule.Action;
  if (action?.Block) return 'block';
  if (action?.Allow) return 'allow';
  if (action?.Count) return 'count';
  if (action?.Captcha) return 'captcha';
  if (action?.Challenge) return 'challenge';
  if (rule.OverrideAction?.Count) return 'count';
  return 'none';
}

export function toWafRule(rule: Rule): WafRule {
  return {
    name: rule.Name ?? '',
    priority: rule.Priority ?? 0,
    kind: ruleKind(rule),
    action: ruleAction(rule),
  };
}

/** Rules whose matches can be blocked: explicit blocks and rule groups left to decide. */
export function canBlock(rule: WafRule): boolean {
  return (
    rule.action === 'block' ||
    (rule.action === 'none' && rule.kind !== 'custom')
  );
}

export function toWebAclRecord(
  acl: WebACL,
  tags: Record<string, string>,
  accountId: string,
  region: string,
): WebAclRecord {
  return {
    arn: acl.ARN ?? '',
    id: acl.Id ?? '',
    name: acl.Name ?? '',
    accountId,
    region,
    environment: tags.environment,
    owner: tags.owner,
    defaultAction: acl.DefaultAction?.Block ? 'block' : 'allow',
    rules: [...(acl.Rules ?? [])]
      .sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0))
      .map(toWafRule),
    series: [],
    sampledAvailable: false,
    sampledBlocked: [],
  };
}

export type WafSeriesKey = { acl: string; rule: string; metric: WafMetric };

/**
 * AWS/WAFV2 queries for one ACL: 'ALL' and every rule, three metrics each. The WebACL and Rule
 * dimensions carry the visibility-config metric names; the series are labelled by rule name.
 */
export function wafMetricQueries(
  acl: WebACL,
  region: string,
  periodSeconds: number,
): Array<MetricQuery<WafSeriesKey>> {
  const aclMetricName = acl.VisibilityConfig?.MetricName ?? acl.Name ?? '';
  const rules = [
    { label: ALL_RULES, metricName: ALL_RULES },
    ...(acl.Rules ?? []).map(rule => ({
      label: rule.Name ?? '',
      metricName: rule.VisibilityConfig?.MetricName ?? rule.Name ?? '',
    })),
  ];
  return rules.flatMap(rule =>
    WAF_METRICS.map(metric => ({
      key: { acl: acl.ARN ?? '', rule: rule.label, metric },
      namespace: 'AWS/WAFV2',
      metricName: metric,
      dimensions: {
        WebACL: aclMetricName,
        Region: region,
        Rule: rule.metricName,
      },
      stat: 'Sum' as const,
      periodSeconds,
    })),
  );
}

export function toSampledBlocked(
  sample: SampledHTTPRequest,
  ruleName: string,
): WebAclRecord['sampledBlocked'][number] {
  const within = sample.RuleNameWithinRuleGroup;
  return {
    at: sample.Timestamp?.toISOString() ?? '',
    clientIp: sample.Request?.ClientIP ?? '',
    country: sample.Request?.Country,
    method: sample.Request?.Method,
    uri: sample.Request?.URI ?? '',
    rule: within ? `${ruleName}/${within}` : ruleName,
  };
}
