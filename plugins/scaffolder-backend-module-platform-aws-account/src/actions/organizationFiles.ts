import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ORGANIZATION_FOLDER,
  renderOrganizationGuardrails,
  StateLocation,
} from '@platform-portal/platform-iac';
import {
  resolveAccount,
  ResolvedAccount,
} from '@platform-portal/platform-node';

/** `platform.bootstrap.organization`: the guardrails root, written with the management account's record. */
export interface OrganizationSettings {
  policyTargetIds: string[];
  allowedRegions: string[];
  /** Account entity name -> monthly budget; alerts go to `emails`, else the owner group's email. */
  budgets: Record<string, { monthlyUsd: number; emails?: string[] }>;
  /** Roles that deploy the bootstrap stack (`platform.bootstrap.roleName`). */
  deployerRoleNames: string[];
}

export function readOrganizationSettings(
  config: Config,
): OrganizationSettings | undefined {
  const c = config.getOptionalConfig('platform.bootstrap.organization');
  if (!c) return undefined;
  const budgets = c.getOptionalConfig('budgets');
  return {
    policyTargetIds: c.getStringArray('policyTargetIds'),
    allowedRegions: c.getStringArray('allowedRegions'),
    budgets: Object.fromEntries(
      (budgets?.keys() ?? []).map(name => [
        name,
        {
          monthlyUsd: budgets!.getNumber(`${name}.monthlyUsd`),
          emails: budgets!.getOptionalStringArray(`${name}.emails`),
        },
      ]),
    ),
    deployerRoleNames: [
      config.getOptionalString('platform.bootstrap.roleName') ??
        'OrganizationAccountAccessRole',
    ],
  };
}

/** The owning group's `spec.profile.email`, the default address of an account's budget alerts. */
async function ownerEmails(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  account: ResolvedAccount,
): Promise<string[]> {
  const owner = account.entity.spec?.owner;
  if (typeof owner !== 'string') return [];
  const ref = parseEntityRef(owner, { defaultKind: 'Group' });
  const group = await catalog.getEntityByRef(ref, { credentials });
  const email = (group?.spec?.profile as { email?: unknown } | undefined)
    ?.email;
  return typeof email === 'string' ? [email] : [];
}

/**
 * `organization/` for the management account: SCPs on the configured targets and one budget
 * per configured account, alerts to its owning team. Errors name the config key.
 */
export async function organizationFiles(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  managementAccount: ResolvedAccount;
  settings: OrganizationSettings;
  state: StateLocation;
}): Promise<Record<string, string>> {
  const { catalog, credentials, settings } = options;
  const accounts = [];
  for (const [name, budget] of Object.entries(settings.budgets)) {
    const field = `platform.bootstrap.organization.budgets.${name}`;
    const account = await resolveAccount(
      catalog,
      credentials,
      `resource:default/${name}`,
      field,
    );
    const emails =
      budget.emails ?? (await ownerEmails(catalog, credentials, account));
    if (emails.length === 0) {
      throw new InputError(
        `${field}: no emails, and the owner of ${name} has no spec.profile.email to send its budget alerts to`,
      );
    }
    accounts.push({
      name,
      id: account.accountId,
      ownerEmails: emails,
      monthlyBudgetUsd: budget.monthlyUsd,
    });
  }
  try {
    return renderOrganizationGuardrails({
      accounts,
      allowedRegions: settings.allowedRegions,
      managementAccountId: options.managementAccount.accountId,
      policyTargetIds: settings.policyTargetIds,
      state: options.state,
      bootstrapDeployerRoleNames: settings.deployerRoleNames,
    });
  } catch (error) {
    throw new InputError(
      `platform.bootstrap.organization: ${(error as Error).message}`,
    );
  }
}

export { ORGANIZATION_FOLDER };
