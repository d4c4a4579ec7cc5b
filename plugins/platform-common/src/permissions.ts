import { createPermission } from '@backstage/plugin-permission-common';

/** Create (plan and publish) an environment of a non-production tier. Open to signed-in users. */
export const environmentCreatePermission = createPermission({
  name: 'platform.environment.create',
  attributes: { action: 'create' },
});

/** Create or update a production-tier environment. Platform team only. */
export const environmentCreateProdPermission = createPermission({
  name: 'platform.environment.create.prod',
  attributes: { action: 'create' },
});

/** Bootstrap an AWS account (CloudFormation stack with state bucket and roles). Platform team only. */
export const accountBootstrapPermission = createPermission({
  name: 'platform.account.bootstrap',
  attributes: { action: 'create' },
});

export const platformPermissions = [
  environmentCreatePermission,
  environmentCreateProdPermission,
  accountBootstrapPermission,
];

/** Permissions that only members of the platform team are granted. */
export const platformTeamOnlyPermissions = [
  environmentCreateProdPermission,
  accountBootstrapPermission,
];

/** Default group whose members hold the platform-team-only permissions. */
export const DEFAULT_PLATFORM_TEAM_REF = 'group:default/platform-team';
