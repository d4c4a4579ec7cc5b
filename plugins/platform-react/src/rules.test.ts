import {
  accountUnavailableReason,
  isProductionAccount,
  PROD_TIER_CHECKING_REASON,
  PROD_TIER_DENIED_REASON,
  tierUnavailableReason,
} from './rules';
import { awsAccount } from './__testUtils__/fieldProps';

const devAccount = awsAccount('dev-account', 'dev (workloads)');
const prodAccount = awsAccount('prod-account', 'prod (workloads)', {
  production: true,
});

describe('tierUnavailableReason', () => {
  const allowed = { loading: false, allowed: true };
  const denied = { loading: false, allowed: false };

  it('leaves every tier but prod open, whatever the decision', () => {
    for (const tier of ['dev', 'staging', 'other']) {
      expect(tierUnavailableReason(tier, denied)).toBeUndefined();
    }
  });

  it('opens prod only on an allow decision', () => {
    expect(tierUnavailableReason('prod', allowed)).toBeUndefined();
    expect(tierUnavailableReason('prod', denied)).toBe(PROD_TIER_DENIED_REASON);
  });

  it('keeps prod closed while the decision is pending or failed', () => {
    expect(
      tierUnavailableReason('prod', { loading: true, allowed: false }),
    ).toBe(PROD_TIER_CHECKING_REASON);
    expect(
      tierUnavailableReason('prod', {
        loading: false,
        allowed: false,
        error: new Error('503 Service Unavailable'),
      }),
    ).toBe(
      'Could not check whether you may create production environments: 503 Service Unavailable',
    );
  });
});

describe('accountUnavailableReason', () => {
  it('reads the production mark the catalog module sets', () => {
    expect(isProductionAccount(prodAccount)).toBe(true);
    expect(isProductionAccount(devAccount)).toBe(false);
  });

  it('keeps a production account for prod environments', () => {
    for (const tier of ['dev', 'staging', 'other']) {
      expect(accountUnavailableReason(tier, prodAccount)).toBe(
        'prod-account takes only production environments',
      );
    }
    expect(accountUnavailableReason('prod', prodAccount)).toBeUndefined();
  });

  it('sends prod environments to a production account only', () => {
    expect(accountUnavailableReason('prod', devAccount)).toBe(
      'production environments go to a production account',
    );
    expect(accountUnavailableReason('dev', devAccount)).toBeUndefined();
  });

  it('leaves every account open until a tier is chosen', () => {
    expect(accountUnavailableReason(undefined, prodAccount)).toBeUndefined();
    expect(accountUnavailableReason(undefined, devAccount)).toBeUndefined();
  });
});
