import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { platformTeamOnlyPermissions } from '@platform-portal/platform-common';

const PLATFORM_TEAM_ONLY = new Set(
  platformTeamOnlyPermissions.map(p => p.name),
);

/**
 * Platform-team-only permissions need membership of the platform team (the user's ownership
 * refs, which sign-in fills from the catalog's memberOf); every other permission is allowed, as
 * with the allow-all policy this replaces.
 */
export class PlatformPermissionPolicy implements PermissionPolicy {
  private readonly platformTeamRef: string;

  constructor(
    private readonly userInfo: Pick<UserInfoService, 'getUserInfo'>,
    platformTeamRef: string,
  ) {
    this.platformTeamRef = platformTeamRef.toLocaleLowerCase('en-US');
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!PLATFORM_TEAM_ONLY.has(request.permission.name)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!user) return { result: AuthorizeResult.DENY };
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    const isMember = ownershipEntityRefs.some(
      ref => ref.toLocaleLowerCase('en-US') === this.platformTeamRef,
    );
    return { result: isMember ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  }
}
