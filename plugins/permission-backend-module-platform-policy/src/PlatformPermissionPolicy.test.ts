import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  accountBootstrapPermission,
  environmentCreatePermission,
  environmentCreateProdPermission,
} from '@platform-portal/platform-common';
import { PlatformPermissionPolicy } from './PlatformPermissionPolicy';

import { mockCredentials } from '@backstage/backend-test-utils';

// The policy asks the user-info service for ownership refs; the credentials name the user.
const memberships: Record<string, string[]> = {};
const userInfo = {
  getUserInfo: async (credentials: any) => {
    const userEntityRef = credentials.principal.userEntityRef;
    return {
      userEntityRef,
      ownershipEntityRefs: memberships[userEntityRef] ?? [],
    };
  },
};
const user = (ownershipEntityRefs: string[]) => {
  const ref = `user:default/u${Object.keys(memberships).length}`;
  memberships[ref] = ownershipEntityRefs;
  return {
    credentials: mockCredentials.user(ref),
    info: { userEntityRef: ref, ownershipEntityRefs },
  };
};

describe('PlatformPermissionPolicy', () => {
  const policy = new PlatformPermissionPolicy(
    userInfo,
    'group:default/platform-team',
  );
  const member = user(['user:default/alice', 'group:default/platform-team']);
  const appDeveloper = user([
    'user:default/guest',
    'group:default/team-orders',
  ]);

  it.each([environmentCreateProdPermission, accountBootstrapPermission])(
    'allows %s to platform-team members only',
    async permission => {
      expect(await policy.handle({ permission }, member)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
      expect(await policy.handle({ permission }, appDeveloper)).toEqual({
        result: AuthorizeResult.DENY,
      });
      expect(await policy.handle({ permission }, undefined)).toEqual({
        result: AuthorizeResult.DENY,
      });
    },
  );

  it('matches the group ref case-insensitively', async () => {
    const shouting = user(['group:default/Platform-Team']);
    expect(
      await policy.handle(
        { permission: environmentCreateProdPermission },
        shouting,
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('allows non-production environments and everything else to signed-in users', async () => {
    for (const permission of [
      environmentCreatePermission,
      catalogEntityReadPermission,
    ]) {
      expect(await policy.handle({ permission }, appDeveloper)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });
});
