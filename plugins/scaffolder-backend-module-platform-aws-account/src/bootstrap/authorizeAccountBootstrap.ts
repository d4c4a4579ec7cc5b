import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { accountBootstrapPermission } from '@platform-portal/platform-common';

/**
 * Fails with NotAllowedError naming the permission unless the initiator holds it. Both actions
 * check it for themselves: each may be used in a template of its own.
 */
export async function authorizeAccountBootstrap(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  platformTeam: string,
): Promise<void> {
  const [decision] = await permissions.authorize(
    [{ permission: accountBootstrapPermission }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `${accountBootstrapPermission.name}: bootstrapping an AWS account requires membership in ${platformTeam}`,
    );
  }
}
