import { accountTierProblem, effectiveTier, tierOfCatalogInfo } from './tiers';

const catalogInfo = (tier?: string) =>
  `apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: orders
  annotations:
${tier ? `    platform-portal.io/tier: ${tier}\n` : '    x: y\n'}spec:
  type: environment
`;

describe('effectiveTier', () => {
  it('is the requested tier when nothing exists yet', () => {
    expect(effectiveTier('dev', [])).toEqual({ tier: 'dev' });
  });

  it('is raised to the strictest existing copy, naming it', () => {
    expect(
      effectiveTier('dev', [
        { tier: 'staging', source: 'catalog' },
        { tier: 'prod', source: 'env/orders:environments/orders' },
        { tier: 'dev', source: 'main' },
      ]),
    ).toEqual({
      tier: 'prod',
      raisedBy: { tier: 'prod', source: 'env/orders:environments/orders' },
    });
  });

  it('keeps a stricter request (dev -> prod is an upgrade)', () => {
    expect(effectiveTier('prod', [{ tier: 'dev', source: 'main' }])).toEqual({
      tier: 'prod',
    });
  });

  it('treats dev and other as equally strict', () => {
    expect(effectiveTier('other', [{ tier: 'dev', source: 'main' }])).toEqual({
      tier: 'other',
    });
  });

  it.each([undefined, 'production', ''])(
    'counts an unreadable tier (%p) as prod',
    tier => {
      const result = effectiveTier('dev', [{ tier, source: 'main' }]);
      expect(result.tier).toBe('prod');
      expect(result.raisedBy?.source).toMatch(
        /which has no readable tier and counts as prod/,
      );
    },
  );
});

describe('tierOfCatalogInfo', () => {
  it('reads the tier annotation', () => {
    expect(tierOfCatalogInfo(catalogInfo('prod'))).toBe('prod');
  });
  it('is undefined without the annotation or for text that is not YAML', () => {
    expect(tierOfCatalogInfo(catalogInfo())).toBeUndefined();
    expect(tierOfCatalogInfo('a: [unclosed')).toBeUndefined();
  });
});

describe('accountTierProblem', () => {
  const prod = { name: 'prod-account', accountId: '000000000005' };
  const dev = { name: 'dev-account', accountId: '000000000003' };

  it('allows prod in a production account and dev elsewhere', () => {
    expect(accountTierProblem('prod', prod, [prod])).toBeUndefined();
    expect(accountTierProblem('dev', dev, [prod])).toBeUndefined();
    expect(accountTierProblem('staging', dev, [prod])).toBeUndefined();
  });

  it('refuses a dev environment in the production account, naming the config key', () => {
    expect(accountTierProblem('dev', prod, [prod])).toBe(
      'account: prod-account (000000000005) is the production account prod-account (platform.iac.productionAccounts); it takes only prod-tier environments, not dev',
    );
  });

  it('matches by account id: another entity carrying the production id is the same account', () => {
    expect(
      accountTierProblem(
        'dev',
        { name: 'look-alike', accountId: prod.accountId },
        [prod],
      ),
    ).toMatch(
      /^account: look-alike \(000000000005\) is the production account prod-account/,
    );
  });

  it('refuses a prod environment outside the production accounts', () => {
    expect(accountTierProblem('prod', dev, [prod])).toBe(
      'account: a prod-tier environment goes into a production account (platform.iac.productionAccounts: prod-account), not dev-account (000000000003)',
    );
  });
});
