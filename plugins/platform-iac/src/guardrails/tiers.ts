import { parse as parseYaml } from 'yaml';
import { TIER_ANNOTATION } from '@platform-portal/platform-common';
import { Tier, TIERS } from '../types';

/**
 * How strict each tier is. Only `prod` needs more than the ordinary permission; `staging` sits
 * above `dev` and `other` so that an update never quietly lowers a staging environment either.
 */
export const TIER_STRICTNESS: Readonly<Record<Tier, number>> = {
  other: 0,
  dev: 0,
  staging: 1,
  prod: 2,
};

/** The tier an existing copy of the environment carries, and where that copy is. */
export interface ExistingTier {
  /** As read: may be missing or not a tier at all (a hand-edited file). */
  tier: string | undefined;
  /** For people: `catalog resource:default/x`, `main:environments/x/catalog-info.yaml`... */
  source: string;
}

export interface EffectiveTier {
  tier: Tier;
  /** The existing copy that made the tier stricter than requested; undefined when it is not. */
  raisedBy?: { tier: Tier; source: string };
}

function isTier(value: unknown): value is Tier {
  return (
    typeof value === 'string' && (TIERS as readonly string[]).includes(value)
  );
}

/**
 * The stricter of the requested tier and every existing copy of the environment (catalog, base
 * branch, open branch). A copy whose tier cannot be read counts as prod: a guard that cannot
 * read what it guards fails closed.
 */
export function effectiveTier(
  requested: Tier,
  existing: ExistingTier[],
): EffectiveTier {
  let result: EffectiveTier = { tier: requested };
  for (const copy of existing) {
    const tier: Tier = isTier(copy.tier) ? copy.tier : 'prod';
    const source = isTier(copy.tier)
      ? copy.source
      : `${copy.source}, which has no readable tier and counts as prod`;
    if (TIER_STRICTNESS[tier] > TIER_STRICTNESS[result.tier]) {
      result = { tier, raisedBy: { tier, source } };
    }
  }
  return result;
}

/**
 * The tier annotation of an environment's `catalog-info.yaml`; undefined when the text is not
 * YAML or has no such annotation (effectiveTier then counts it as prod).
 */
export function tierOfCatalogInfo(text: string): string | undefined {
  try {
    const tier = parseYaml(text)?.metadata?.annotations?.[TIER_ANNOTATION];
    return typeof tier === 'string' ? tier : undefined;
  } catch {
    return undefined;
  }
}

/** An aws-account by entity name and the 12-digit id Terraform deploys into. */
export interface AccountIdentity {
  name: string;
  accountId: string;
}

/**
 * The tier must match the account: a production account (by id, so another entity carrying
 * the same id is the same account) takes only prod-tier environments, and a prod-tier
 * environment goes only into a production account. Undefined when the pair is allowed.
 */
export function accountTierProblem(
  tier: Tier,
  account: AccountIdentity,
  productionAccounts: AccountIdentity[],
): string | undefined {
  const production = productionAccounts.find(
    p => p.accountId === account.accountId,
  );
  if (tier !== 'prod' && production) {
    return `account: ${account.name} (${account.accountId}) is the production account ${production.name} (platform.iac.productionAccounts); it takes only prod-tier environments, not ${tier}`;
  }
  if (tier === 'prod' && !production) {
    const names = productionAccounts.map(p => p.name).join(', ') || 'none';
    return `account: a prod-tier environment goes into a production account (platform.iac.productionAccounts: ${names}), not ${account.name} (${account.accountId})`;
  }
  return undefined;
}
