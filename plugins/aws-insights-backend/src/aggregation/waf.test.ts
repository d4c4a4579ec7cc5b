import { points, webAcl } from './__testUtils__/fixtures';
import { findBlockSpike, median, summariseWebAcl } from './waf';

const flat = (value: number, length = 12) =>
  new Array<number>(length).fill(value);

describe('summariseWebAcl', () => {
  const acl = webAcl([
    { rule: 'ALL', metric: 'AllowedRequests', values: flat(100) },
    { rule: 'ALL', metric: 'BlockedRequests', values: flat(10) },
    { rule: 'ALL', metric: 'CountedRequests', values: flat(1) },
    { rule: 'rate-limit', metric: 'BlockedRequests', values: flat(6) },
    {
      rule: 'AWS-AWSManagedRulesSQLiRuleSet',
      metric: 'BlockedRequests',
      values: flat(4),
    },
    {
      rule: 'AWS-AWSManagedRulesKnownBadInputsRuleSet',
      metric: 'BlockedRequests',
      values: flat(0),
    },
    {
      rule: 'AWS-AWSManagedRulesCommonRuleSet',
      metric: 'CountedRequests',
      values: flat(1),
    },
  ]);

  it('totals the ALL series', () => {
    expect(summariseWebAcl(acl)).toMatchObject({
      arn: acl.arn,
      name: 'edge',
      environment: 'prod',
      allowed: 1200,
      blocked: 120,
      counted: 12,
      blockRate: 120 / 1320,
    });
  });

  it('ranks rules by blocked requests, leaving out ALL and rules that blocked nothing', () => {
    expect(summariseWebAcl(acl).topRules).toEqual([
      { rule: 'rate-limit', blocked: 72 },
      { rule: 'AWS-AWSManagedRulesSQLiRuleSet', blocked: 48 },
    ]);
  });

  it('falls back to the sum of rule series when ALL is missing', () => {
    const noAll = webAcl([
      { rule: 'rate-limit', metric: 'BlockedRequests', values: [1, 2, 300] },
      { rule: 'sqli', metric: 'BlockedRequests', values: [3, 4, 5] },
      { rule: 'common', metric: 'CountedRequests', values: [1, 1, 1] },
    ]);
    const summary = summariseWebAcl(noAll);
    expect(summary).toMatchObject({
      allowed: 0,
      blocked: 315,
      counted: 3,
      blockRate: 1,
    });
    expect(summary.spike).toEqual({
      at: points([0, 0, 0])[2].at,
      blocked: 305,
      baseline: 6,
    });
  });

  it('has a zero block rate without traffic', () => {
    expect(summariseWebAcl(webAcl([]))).toMatchObject({
      allowed: 0,
      blocked: 0,
      blockRate: 0,
      topRules: [],
    });
    expect(summariseWebAcl(webAcl([])).spike).toBeUndefined();
  });

  it('reports the largest block spike with its baseline', () => {
    const values = flat(20, 24);
    values[10] = 400;
    values[11] = 900;
    values[12] = 500;
    const summary = summariseWebAcl(
      webAcl([{ rule: 'ALL', metric: 'BlockedRequests', values }]),
    );
    expect(summary.spike).toEqual({
      at: points(values)[11].at,
      blocked: 900,
      baseline: 20,
    });
  });

  it('has no spike when nothing rises above the baseline', () => {
    const summary = summariseWebAcl(
      webAcl([
        {
          rule: 'ALL',
          metric: 'BlockedRequests',
          values: [10, 12, 9, 11, 100],
        },
      ]),
    );
    expect(summary.spike).toBeUndefined();
  });

  it('restricts every figure to the window', () => {
    const windowed = summariseWebAcl(acl, {
      from: points(flat(0))[2].at,
      to: points(flat(0))[5].at,
    });
    expect(windowed).toMatchObject({ allowed: 300, blocked: 30, counted: 3 });
    expect(windowed.topRules[0]).toEqual({ rule: 'rate-limit', blocked: 18 });
  });
});

describe('findBlockSpike', () => {
  it('needs 3 x the median on a busy ACL', () => {
    const busy = points([100, 100, 100, 250, 301]);
    expect(findBlockSpike(busy)).toEqual({
      at: busy[4].at,
      blocked: 301,
      baseline: 100,
    });
  });

  it('needs median + 100 on a quiet ACL', () => {
    expect(findBlockSpike(points([2, 2, 2, 90]))).toBeUndefined();
    expect(findBlockSpike(points([2, 2, 2, 103]))?.blocked).toBe(103);
  });

  it('is undefined without points', () => {
    expect(findBlockSpike([])).toBeUndefined();
  });
});

describe('median', () => {
  it('handles odd, even and empty inputs', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });
});
