import { requestChecks } from '../policy/requestChecks';
import { parseEnvironmentRequest } from './parse';

const input = (tier: string, extra: Record<string, unknown> = {}) => ({
  name: `web-${tier}`,
  tier,
  account: { name: 'workloads', accountId: '000000000005' },
  region: 'eu-west-1',
  owner: 'group:default/team-orders',
  network: { singleNatGateway: tier !== 'prod' },
  kubernetes: {},
  database: {},
  waf: {},
  ingress: { domain: `${tier}.example.com` },
  state: {
    bucket: 'tfstate-000000000002-eu-west-1',
    region: 'eu-west-1',
    accountId: '000000000002',
  },
  ...extra,
});

describe('tier database defaults', () => {
  it('gives staging a Multi-AZ database with a read replica by default', () => {
    const { database } = parseEnvironmentRequest(input('staging'));
    expect(database).toMatchObject({ multiAz: true, readReplicas: 1 });
  });

  it('keeps dev single-AZ without replicas by default, and Multi-AZ a choice', () => {
    expect(parseEnvironmentRequest(input('dev')).database).toMatchObject({
      multiAz: false,
      readReplicas: 0,
    });
    expect(
      parseEnvironmentRequest(
        input('dev', { database: { multiAz: true, readReplicas: 1 } }),
      ).database,
    ).toMatchObject({ multiAz: true, readReplicas: 1 });
  });

  it('lets staging opt out of the standby and replica', () => {
    expect(
      parseEnvironmentRequest(
        input('staging', { database: { multiAz: false, readReplicas: 0 } }),
      ).database,
    ).toMatchObject({ multiAz: false, readReplicas: 0 });
  });
});

describe('prod-on-demand-capacity', () => {
  const check = (karpenter: Record<string, unknown>) => {
    const request = parseEnvironmentRequest(
      input('prod', { kubernetes: { karpenter } }),
    );
    return requestChecks(request).find(
      r => r.id === 'prod-on-demand-capacity',
    )!;
  };

  it('allows Spot first with On-Demand fallback in prod', () => {
    expect(
      check({ allowSpot: true, instanceCategories: ['c', 'm', 'r'] }),
    ).toMatchObject({
      passed: true,
      severity: 'warning',
      message: expect.stringMatching(/Spot first .*On-Demand fallback/),
    });
    expect(check({ allowSpot: false })).toMatchObject({ passed: true });
  });

  it('warns when prod Spot has a single instance category to fall back across', () => {
    expect(check({ allowSpot: true, instanceCategories: ['m'] })).toMatchObject(
      {
        passed: false,
        severity: 'warning',
        message: expect.stringMatching(/at least 2 instance categories/),
      },
    );
  });
});
