import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ENVIRONMENT_NAME_PATTERN,
  environmentCreatePermission,
  environmentCreateProdPermission,
  TIER_ANNOTATION,
} from '@platform-portal/platform-common';
import {
  AccountIdentity,
  accountTierProblem,
  EffectiveTier,
  effectiveTier,
  environmentFolder,
  ExistingTier,
  Tier,
  tierOfCatalogInfo,
} from '@platform-portal/platform-iac';
import {
  InfrastructureRepository,
  resolveAccount,
} from '@platform-portal/platform-node';

export interface EnvironmentGuardOptions {
  catalog: CatalogService;
  /** The guard reads with the module's own credentials: what it guards must not hide from it. */
  auth: AuthService;
  permissions: PermissionsService;
  repository: InfrastructureRepository;
  /** `platform.iac.productionAccounts` (entity names). */
  productionAccounts: string[];
  /** `platform.permissions.platformTeam`, named when a request is refused. */
  platformTeam: string;
}

/**
 * The server-side rules of an environment change, shared by plan and publish so that each
 * authorizes for itself: the effective tier (the stricter of the request and every existing
 * copy of the environment), the permission for it, and the account that tier may use.
 */
export class EnvironmentGuard {
  constructor(private readonly options: EnvironmentGuardOptions) {}

  /**
   * The effective tier, authorized for `credentials` (the initiating user). Refuses a user
   * without the permission for it, and a request that would lower the tier of an existing
   * environment (it would be re-rendered with weaker settings and its branch moved).
   */
  async authorizeTier(
    name: string,
    requested: Tier,
    credentials: BackstageCredentials,
  ): Promise<EffectiveTier> {
    if (!ENVIRONMENT_NAME_PATTERN.test(name)) {
      throw new InputError(
        `name: '${name}' must match ${ENVIRONMENT_NAME_PATTERN}`,
      );
    }
    const effective = effectiveTier(requested, await this.existingTiers(name));
    const { raisedBy } = effective;
    const permission =
      effective.tier === 'prod'
        ? environmentCreateProdPermission
        : environmentCreatePermission;
    const [decision] = await this.options.permissions.authorize(
      [{ permission }],
      { credentials },
    );
    const team = this.options.platformTeam;
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        raisedBy
          ? `tier: environment '${name}' is ${raisedBy.tier}-tier (${raisedBy.source}); changing it requires membership in ${team}`
          : this.deniedMessage(effective.tier),
      );
    }
    if (raisedBy) {
      throw new InputError(
        `tier: environment '${name}' is ${raisedBy.tier}-tier (${raisedBy.source}); an update never lowers the tier, so request tier ${raisedBy.tier}, not ${requested}`,
      );
    }
    return effective;
  }

  /** Refuses an account the tier may not use (see accountTierProblem in platform-iac). */
  async checkAccount(tier: Tier, account: AccountIdentity): Promise<void> {
    const problem = accountTierProblem(
      tier,
      account,
      await this.productionAccounts(),
    );
    if (problem) throw new InputError(problem);
  }

  /**
   * Every existing copy of the environment: its catalog entity, and its catalog-info.yaml on
   * the base branch and on open `env/*` branches of the infrastructure repository.
   */
  async existingTiers(name: string): Promise<ExistingTier[]> {
    const { catalog, auth, repository } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const found: ExistingTier[] = [];
    const ref = `resource:default/${name}`;
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (entity?.spec?.type === 'environment') {
      found.push({
        tier: entity.metadata.annotations?.[TIER_ANNOTATION],
        source: `catalog ${ref}`,
      });
    }
    const path = `${environmentFolder(name)}/catalog-info.yaml`;
    for (const file of await repository.readEnvironmentFiles()) {
      if (file.path !== path) continue;
      found.push({
        tier: tierOfCatalogInfo(file.content),
        source: `${file.branch}:${file.path} of ${repository.target}`,
      });
    }
    return found;
  }

  /**
   * The production accounts with their ids, from the catalog's entities of the configured names
   * (the org's own location; platform.awsAccounts overrides their ids). A name that does not
   * resolve fails closed: the rule cannot be checked without it.
   */
  private async productionAccounts(): Promise<AccountIdentity[]> {
    const { catalog, auth, productionAccounts } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const accounts: AccountIdentity[] = [];
    for (const name of productionAccounts) {
      const account = await resolveAccount(
        catalog,
        credentials,
        `resource:default/${name}`,
        'platform.iac.productionAccounts',
      );
      accounts.push({ name: account.name, accountId: account.accountId });
    }
    return accounts;
  }

  private deniedMessage(tier: Tier): string {
    return tier === 'prod'
      ? `tier: creating a prod-tier environment requires membership in ${this.options.platformTeam}`
      : 'tier: you are not allowed to create environments';
  }
}
