import { Entity } from '@backstage/catalog-model';
import { PRODUCTION_ACCOUNT_ANNOTATION } from '@platform-portal/platform-common';

/*
 * What the forms disable and why, as pure functions of what the server decides with: the
 * permission decision for environmentCreateProdPermission (PlatformPermissionPolicy) and the
 * production-account annotation the aws-accounts catalog module derives from
 * `platform.iac.productionAccounts`. The server (platform:environment:plan and
 * platform:iac:publish) checks both again; these only keep people from choosing what it refuses.
 */

/** The tier that needs environmentCreateProdPermission. */
export const PRODUCTION_TIER = 'prod';

/** Why the prod tier is disabled when the permission is denied. */
export const PROD_TIER_DENIED_REASON =
  'Production environments need membership in the platform team';

/** Shown on the prod tier while the permission decision is on its way. */
export const PROD_TIER_CHECKING_REASON =
  'Checking whether you may create production environments…';

/** A permission decision as `usePermission` returns it. */
export interface PermissionState {
  loading: boolean;
  allowed: boolean;
  error?: Error;
}

/**
 * Why `tier` cannot be chosen, or undefined when it can. Only prod needs more than signing in;
 * a failed or pending decision disables it too (the server would decide the same way).
 */
export function tierUnavailableReason(
  tier: string,
  prodPermission: PermissionState,
): string | undefined {
  if (tier !== PRODUCTION_TIER) return undefined;
  if (prodPermission.loading) return PROD_TIER_CHECKING_REASON;
  if (prodPermission.error) {
    return `Could not check whether you may create production environments: ${prodPermission.error.message}`;
  }
  return prodPermission.allowed ? undefined : PROD_TIER_DENIED_REASON;
}

/** Whether the catalog marks this aws-account as one of `platform.iac.productionAccounts`. */
export function isProductionAccount(account: Entity): boolean {
  return (
    account.metadata.annotations?.[PRODUCTION_ACCOUNT_ANNOTATION] === 'true'
  );
}

/**
 * Why `account` cannot take an environment of `tier`, or undefined when it can: a production
 * account takes only prod environments, and prod environments go only to a production account.
 * Without a tier (not chosen yet) every account is open.
 */
export function accountUnavailableReason(
  tier: string | undefined,
  account: Entity,
): string | undefined {
  if (!tier) return undefined;
  const production = isProductionAccount(account);
  if (production && tier !== PRODUCTION_TIER) {
    return `${account.metadata.name} takes only production environments`;
  }
  if (!production && tier === PRODUCTION_TIER) {
    return 'production environments go to a production account';
  }
  return undefined;
}
