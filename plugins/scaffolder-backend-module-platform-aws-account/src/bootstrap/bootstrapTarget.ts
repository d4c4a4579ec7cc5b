import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ACCOUNT_ROLE_ANNOTATION } from '@platform-portal/platform-common';
import {
  IacConfig,
  resolveAccount,
  ResolvedAccount as Account,
} from '@platform-portal/platform-node';
import { accountRoleOf, AccountRole, stateBucketName } from './stackParameters';

export interface BootstrapTarget {
  account: Account;
  role: AccountRole;
  region: string;
  /** The account holding Terraform state, when the catalog names one. */
  stateAccount?: Account;
  stateBucketName?: string;
}

/**
 * The account to bootstrap, its role, and the shared (state) account: the aws-account entity
 * annotated `platform-portal.io/account-role: shared`, else `platform.iac.stateAccount`
 * (default shared-account).
 */
export async function resolveBootstrapTarget(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  iac: Pick<IacConfig, 'stateAccount' | 'stateBucketPattern'>;
  accountRef: string;
  region?: string;
  accountRole?: AccountRole;
}): Promise<BootstrapTarget> {
  const { catalog, credentials, iac } = options;
  const account = await resolveAccount(
    catalog,
    credentials,
    options.accountRef,
    'account',
  );
  const stateAccount = await findStateAccount(
    catalog,
    credentials,
    iac.stateAccount,
  );
  const isStateAccount =
    !!stateAccount && stateAccount.accountId === account.accountId;
  const role =
    options.accountRole ??
    accountRoleOf({
      annotation:
        account.entity.metadata.annotations?.[ACCOUNT_ROLE_ANNOTATION],
      isStateAccount,
      field: 'account',
    });
  const region = options.region ?? account.region ?? 'us-east-1';
  return {
    account,
    role,
    region,
    stateAccount,
    stateBucketName:
      role === 'shared'
        ? stateBucketName(iac.stateBucketPattern, account.accountId, region)
        : undefined,
  };
}

async function findStateAccount(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  configuredStateAccount: string,
): Promise<Account | undefined> {
  const { items } = await catalog.getEntities(
    {
      filter: {
        kind: 'Resource',
        'spec.type': 'aws-account',
        [`metadata.annotations.${ACCOUNT_ROLE_ANNOTATION}`]: 'shared',
      },
    },
    { credentials },
  );
  const ref = items[0]
    ? `resource:${items[0].metadata.namespace ?? 'default'}/${
        items[0].metadata.name
      }`
    : `resource:default/${configuredStateAccount}`;
  return resolveAccount(
    catalog,
    credentials,
    ref,
    'platform.iac.stateAccount',
  ).catch(() => undefined);
}
