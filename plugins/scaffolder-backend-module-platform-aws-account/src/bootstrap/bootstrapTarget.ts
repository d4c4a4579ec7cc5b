import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ACCOUNT_ROLE_ANNOTATION } from '@platform-portal/platform-common';
import {
  IacConfig,
  resolveAccount,
  ResolvedAccount as Account,
} from '@platform-portal/platform-node';
import { ACCOUNT_ROLES, AccountRole, stateBucketName } from './stackParameters';

export interface BootstrapTarget {
  account: Account;
  role: AccountRole;
  region: string;
  /** The account holding Terraform state: `platform.iac.stateAccount`, never a catalog annotation. */
  stateAccount: Account;
  stateBucketName?: string;
  /** Shared account only: the accounts of `platform.bootstrap.workloadAccounts`. */
  workloadAccounts: Account[];
  /** GitHub environments whose jobs may run terraform apply in this account. */
  applyEnvironments: string[];
}

/**
 * The account to bootstrap, its role and the accounts it trusts, all decided by config: the
 * state account is `platform.iac.stateAccount` (an entity name in the default namespace) and the
 * shared account's cross-account reach is `platform.bootstrap.workloadAccounts`. An entity's
 * `account-role` annotation may only say `management`; it can never make an account the state
 * account, so registering an entity annotated `shared` changes nothing.
 *
 * GitHub environments are named after the account entities: a workload account's apply role
 * trusts its own environment; the shared account's, every listed account's and its own.
 */
export async function resolveBootstrapTarget(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  iac: Pick<IacConfig, 'stateAccount' | 'stateBucketPattern'>;
  /** `platform.bootstrap.workloadAccounts`: entity names. */
  workloadAccounts: readonly string[];
  accountRef: string;
  region?: string;
}): Promise<BootstrapTarget> {
  const { catalog, credentials, iac } = options;
  const account = await resolveAccount(
    catalog,
    credentials,
    options.accountRef,
    'account',
  );
  const stateAccount = await resolveAccount(
    catalog,
    credentials,
    `resource:default/${iac.stateAccount}`,
    'platform.iac.stateAccount',
  );
  const role = accountRoleOf(account, stateAccount, iac.stateAccount);
  const region = options.region ?? account.region ?? 'us-east-1';
  const workloadAccounts =
    role === 'shared'
      ? await resolveWorkloadAccounts(
          catalog,
          credentials,
          options.workloadAccounts,
          stateAccount,
        )
      : [];
  return {
    account,
    role,
    region,
    stateAccount,
    stateBucketName:
      role === 'shared'
        ? stateBucketName(iac.stateBucketPattern, account.accountId, region)
        : undefined,
    workloadAccounts,
    applyEnvironments: [account.name, ...workloadAccounts.map(a => a.name)],
  };
}

/**
 * shared for the configured state account (and only for it), else the annotation's management
 * or workload. The error names the field, the annotation or config key, and the rule.
 */
export function accountRoleOf(
  account: Account,
  stateAccount: Account,
  configuredStateAccount: string,
): AccountRole {
  const ref = stringifyEntityRef(account.entity);
  const annotation = account.entity.metadata.annotations?.[
    ACCOUNT_ROLE_ANNOTATION
  ] as string | undefined;
  if (annotation !== undefined && !ACCOUNT_ROLES.includes(annotation as any)) {
    throw new InputError(
      `account: ${ref} has ${ACCOUNT_ROLE_ANNOTATION} '${annotation}'; it must be one of ${ACCOUNT_ROLES.join(
        ', ',
      )}`,
    );
  }
  const stateRef = stringifyEntityRef(stateAccount.entity);
  if (account.accountId === stateAccount.accountId) {
    if (ref !== stateRef) {
      throw new InputError(
        `account: ${ref} has the account id of the state account ${stateRef} (platform.iac.stateAccount); bootstrap ${stateRef} itself`,
      );
    }
    if (annotation !== undefined && annotation !== 'shared') {
      throw new InputError(
        `account: ${ref} is the state account (platform.iac.stateAccount '${configuredStateAccount}') but has ${ACCOUNT_ROLE_ANNOTATION} '${annotation}'; remove the annotation or set it to shared`,
      );
    }
    return 'shared';
  }
  if (annotation === 'shared') {
    throw new InputError(
      `account: ${ref} has ${ACCOUNT_ROLE_ANNOTATION} 'shared', but only platform.iac.stateAccount ('${configuredStateAccount}', ${stateAccount.accountId}) holds Terraform state; the annotation cannot make another account the state account`,
    );
  }
  return annotation === 'management' ? 'management' : 'workload';
}

async function resolveWorkloadAccounts(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  names: readonly string[],
  stateAccount: Account,
): Promise<Account[]> {
  const accounts: Account[] = [];
  for (const [i, name] of names.entries()) {
    const field = `platform.bootstrap.workloadAccounts[${i}]`;
    const account = await resolveAccount(
      catalog,
      credentials,
      `resource:default/${name}`,
      field,
    );
    if (account.accountId === stateAccount.accountId) {
      throw new InputError(
        `${field}: '${name}' is the state account itself; list only the accounts Terraform deploys into`,
      );
    }
    if (!accounts.some(a => a.accountId === account.accountId)) {
      accounts.push(account);
    }
  }
  return accounts;
}
