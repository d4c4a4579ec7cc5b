import {
  GetSampledRequestsCommand,
  GetWebACLCommand,
  ListTagsForResourceCommand,
  ListWebACLsCommand,
  WebACL,
  WebACLSummary,
} from '@aws-sdk/client-wafv2';
import {
  SourceStatus,
  WebAclRecord,
} from '@platform-portal/plugin-aws-insights-common';
import {
  CollectorContext,
  FirstError,
  sourceStatus,
  tagsToRecord,
} from './collectorSupport';
import { getMetricSeries } from './metricData';
import {
  canBlock,
  toSampledBlocked,
  toWafRule,
  toWebAclRecord,
  wafMetricQueries,
} from './wafMapping';

export interface WafCollection {
  webAcls: WebAclRecord[];
  status: SourceStatus;
}

const SERIES_WINDOW_MS = 24 * 60 * 60 * 1000;
const SERIES_PERIOD_SECONDS = 300;
const SAMPLE_WINDOW_MS = 3 * 60 * 60 * 1000;
const MAX_SAMPLES = 500;

/**
 * Regional web ACLs of one account and region with rules, tags, 24 h request series and the
 * blocked-request samples of the last 3 h. Calls: ListWebACLs pages + per ACL (GetWebACL +
 * ListTagsForResource + GetSampledRequests per rule that can block) + GetMetricData per 500
 * queries. Sampled requests are optional: when GetSampledRequests fails the ACLs say
 * `sampledAvailable: false`, no further samples are requested, and the status stays ok.
 */
export async function collectWafv2(
  ctx: CollectorContext,
): Promise<WafCollection> {
  const waf = ctx.clients.wafv2;
  const summaries: WebACLSummary[] = [];
  try {
    let marker: string | undefined;
    do {
      const page = await waf.send(
        new ListWebACLsCommand({
          Scope: 'REGIONAL',
          Limit: 100,
          NextMarker: marker,
        }),
      );
      summaries.push(...(page.WebACLs ?? []));
      // The marker is returned even on the last page; an empty page ends the loop.
      marker = page.WebACLs?.length ? page.NextMarker : undefined;
    } while (marker);
  } catch (error) {
    return { webAcls: [], status: sourceStatus('web-acls', ctx, error) };
  }

  const failure = new FirstError();
  const acls: Array<{ acl: WebACL; record: WebAclRecord }> = [];
  for (const summary of summaries) {
    try {
      const { WebACL: acl } = await waf.send(
        new GetWebACLCommand({
          Scope: 'REGIONAL',
          Name: summary.Name,
          Id: summary.Id,
        }),
      );
      if (!acl) continue;
      const tags = await waf.send(
        new ListTagsForResourceCommand({ ResourceARN: acl.ARN, Limit: 100 }),
      );
      const record = toWebAclRecord(
        acl,
        tagsToRecord(tags.TagInfoForResource?.TagList),
        ctx.accountId,
        ctx.region,
      );
      acls.push({ acl, record });
    } catch (error) {
      failure.record(error);
    }
  }

  if (acls.length > 0) {
    try {
      const series = await getMetricSeries(
        ctx.clients.cloudwatch,
        acls.flatMap(({ acl }) =>
          wafMetricQueries(acl, ctx.region, SERIES_PERIOD_SECONDS),
        ),
        new Date(ctx.now.getTime() - SERIES_WINDOW_MS),
        ctx.now,
      );
      const byArn = new Map(acls.map(({ record }) => [record.arn, record]));
      for (const { key, points } of series) {
        byArn.get(key.acl)?.series.push({
          rule: key.rule,
          metric: key.metric,
          points: points.map(p => ({ at: p.at.toISOString(), value: p.value })),
        });
      }
    } catch (error) {
      failure.record(error);
    }
  }

  await sampleBlockedRequests(ctx, acls);
  return {
    webAcls: acls.map(a => a.record),
    status: sourceStatus('web-acls', ctx, failure.value),
  };
}

async function sampleBlockedRequests(
  ctx: CollectorContext,
  acls: Array<{ acl: WebACL; record: WebAclRecord }>,
): Promise<void> {
  const timeWindow = {
    StartTime: new Date(ctx.now.getTime() - SAMPLE_WINDOW_MS),
    EndTime: ctx.now,
  };
  for (const { acl, record } of acls) {
    const rules = (acl.Rules ?? []).filter(rule => canBlock(toWafRule(rule)));
    try {
      for (const rule of rules) {
        const response = await ctx.clients.wafv2.send(
          new GetSampledRequestsCommand({
            WebAclArn: acl.ARN,
            RuleMetricName: rule.VisibilityConfig?.MetricName ?? rule.Name,
            Scope: 'REGIONAL',
            TimeWindow: timeWindow,
            MaxItems: MAX_SAMPLES,
          }),
        );
        record.sampledBlocked.push(
          ...(response.SampledRequests ?? [])
            .filter(s => s.Action?.toUpperCase() === 'BLOCK')
            .map(s => toSampledBlocked(s, rule.Name ?? '')),
        );
      }
      record.sampledAvailable = true;
      record.sampledBlocked.sort((a, b) => b.at.localeCompare(a.at));
    } catch {
      // Not available (unsupported endpoint, denied): the rest would fail the same way.
      record.sampledBlocked = [];
      return;
    }
  }
}
