import {
  CloudWatchClient,
  GetMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  GetSampledRequestsCommand,
  GetWebACLCommand,
  ListTagsForResourceCommand,
  ListWebACLsCommand,
  WAFV2Client,
  WebACL,
} from '@aws-sdk/client-wafv2';
import { mockClient } from 'aws-sdk-client-mock';
import { collectWafv2 } from './wafv2';
import { awsError, testContext, TEST_NOW } from './__testUtils__/testContext';

const waf = mockClient(WAFV2Client);
const cloudwatch = mockClient(CloudWatchClient);

function webAcl(name: string): WebACL {
  const visibility = (MetricName: string) => ({
    SampledRequestsEnabled: true,
    CloudWatchMetricsEnabled: true,
    MetricName,
  });
  return {
    Name: name,
    Id: `${name}-id`,
    ARN: `arn:aws:wafv2:eu-west-1:1:regional/webacl/${name}/${name}-id`,
    DefaultAction: { Block: {} },
    VisibilityConfig: visibility(`${name}-metric`),
    Rules: [
      {
        Name: 'common',
        Priority: 2,
        OverrideAction: { None: {} },
        Statement: {
          ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'Common' },
        },
        VisibilityConfig: visibility('common-metric'),
      },
      {
        Name: 'rate',
        Priority: 1,
        Action: { Block: {} },
        Statement: {
          RateBasedStatement: { Limit: 100, AggregateKeyType: 'IP' },
        },
        VisibilityConfig: visibility('rate-metric'),
      },
      {
        Name: 'office',
        Priority: 0,
        Action: { Allow: {} },
        Statement: { IPSetReferenceStatement: { ARN: 'arn:ipset' } },
        VisibilityConfig: visibility('office-metric'),
      },
    ],
  };
}

beforeEach(() => {
  waf.reset();
  cloudwatch.reset();
  waf
    .on(ListWebACLsCommand)
    .resolvesOnce({ WebACLs: [{ Name: 'a', Id: 'a-id' }], NextMarker: 'm2' })
    .resolves({ WebACLs: [{ Name: 'b', Id: 'b-id' }] });
  waf.on(GetWebACLCommand).callsFake(input => ({ WebACL: webAcl(input.Name) }));
  waf.on(ListTagsForResourceCommand).resolves({
    TagInfoForResource: {
      TagList: [
        { Key: 'environment', Value: 'production' },
        { Key: 'owner', Value: 'group:default/edge' },
      ],
    },
  });
  cloudwatch.on(GetMetricDataCommand).callsFake(input => ({
    MetricDataResults: input.MetricDataQueries.map((q: any) => ({
      Id: q.Id,
      Values: [5],
      Timestamps: [TEST_NOW],
    })),
  }));
});

describe('collectWafv2', () => {
  it('follows NextMarker, maps rules, tags and series', async () => {
    waf.on(GetSampledRequestsCommand).resolves({ SampledRequests: [] });
    const { webAcls, status } = await collectWafv2(testContext());
    expect(waf.commandCalls(ListWebACLsCommand)).toHaveLength(2);
    expect(webAcls.map(a => a.name)).toEqual(['a', 'b']);
    const [a] = webAcls;
    expect(a).toMatchObject({
      environment: 'production',
      owner: 'group:default/edge',
      defaultAction: 'block',
      rules: [
        { name: 'office', priority: 0, kind: 'custom', action: 'allow' },
        { name: 'rate', priority: 1, kind: 'rate-based', action: 'block' },
        {
          name: 'common',
          priority: 2,
          kind: 'managed-rule-group',
          action: 'none',
        },
      ],
    });
    // ('ALL' + 3 rules) x 3 metrics, labelled by rule name.
    expect(a.series).toHaveLength(12);
    expect(a.series[0]).toEqual({
      rule: 'ALL',
      metric: 'AllowedRequests',
      points: [{ at: TEST_NOW.toISOString(), value: 5 }],
    });
    const [metricsCall] = cloudwatch.commandCalls(GetMetricDataCommand);
    expect(cloudwatch.commandCalls(GetMetricDataCommand)).toHaveLength(1);
    expect(metricsCall.args[0].input.MetricDataQueries).toHaveLength(24);
    expect(
      metricsCall.args[0].input.MetricDataQueries![3].MetricStat,
    ).toMatchObject({
      Metric: {
        Namespace: 'AWS/WAFV2',
        MetricName: 'AllowedRequests',
        Dimensions: [
          { Name: 'WebACL', Value: 'a-metric' },
          { Name: 'Region', Value: 'eu-west-1' },
          { Name: 'Rule', Value: 'common-metric' },
        ],
      },
      Period: 300,
      Stat: 'Sum',
    });
    expect(status).toMatchObject({ service: 'wafv2', ok: true });
  });

  it('samples the blocked requests of the rules that can block', async () => {
    waf.on(GetSampledRequestsCommand).callsFake(input => ({
      SampledRequests: [
        {
          Action: 'BLOCK',
          Timestamp: TEST_NOW,
          Weight: 1,
          RuleNameWithinRuleGroup:
            input.RuleMetricName === 'common-metric'
              ? 'SizeRestrictions'
              : undefined,
          Request: {
            ClientIP: '198.51.100.7',
            Country: 'NL',
            Method: 'POST',
            URI: '/login',
            Headers: [],
          },
        },
        {
          Action: 'ALLOW',
          Timestamp: TEST_NOW,
          Weight: 1,
          Request: { URI: '/' },
        },
      ],
    }));
    const [a] = (await collectWafv2(testContext())).webAcls;
    const sampleCalls = waf.commandCalls(GetSampledRequestsCommand);
    // 2 ACLs x 2 blocking rules (rate, common); the allow rule is not sampled.
    expect(sampleCalls).toHaveLength(4);
    expect(sampleCalls[0].args[0].input.TimeWindow!.StartTime).toEqual(
      new Date(TEST_NOW.getTime() - 3 * 3600_000),
    );
    expect(a.sampledAvailable).toBe(true);
    expect(a.sampledBlocked.map(s => s.rule).sort()).toEqual([
      'common/SizeRestrictions',
      'rate',
    ]);
    expect(a.sampledBlocked[0]).toMatchObject({
      clientIp: '198.51.100.7',
      country: 'NL',
      method: 'POST',
      uri: '/login',
    });
  });

  it('carries on without samples when GetSampledRequests is unavailable', async () => {
    waf
      .on(GetSampledRequestsCommand)
      .rejects(awsError('WAFInternalErrorException', 'x', 500));
    const { webAcls, status } = await collectWafv2(testContext());
    expect(waf.commandCalls(GetSampledRequestsCommand)).toHaveLength(1);
    expect(
      webAcls.every(a => !a.sampledAvailable && a.sampledBlocked.length === 0),
    ).toBe(true);
    expect(webAcls[0].series).toHaveLength(12);
    expect(status.ok).toBe(true);
  });

  it('keeps the ACLs it could read when one GetWebACL is denied', async () => {
    waf.on(GetSampledRequestsCommand).resolves({ SampledRequests: [] });
    waf
      .on(GetWebACLCommand, { Name: 'b' })
      .rejects(awsError('WAFNonexistentItemException', 'gone'));
    const { webAcls, status } = await collectWafv2(testContext());
    expect(webAcls.map(a => a.name)).toEqual(['a']);
    expect(status).toMatchObject({
      ok: false,
      error: { name: 'WAFNonexistentItemException' },
    });
  });
});
