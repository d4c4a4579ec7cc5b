import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { accountBootstrapPermission } from '@platform-portal/platform-common';

export const awsAccount = (
  name: string,
  accountId: string,
  role?: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    annotations: {
      'aws.amazon.com/account-id': accountId,
      'aws.amazon.com/region': 'eu-west-1',
      ...(role ? { 'platform-portal.io/account-role': role } : {}),
    },
  },
  spec: { type: 'aws-account', owner: 'group:default/platform-team' },
});

export function accountsCatalog() {
  return catalogServiceMock({
    entities: [
      awsAccount('org-root-account', '000000000001', 'management'),
      awsAccount('shared-account', '000000000002', 'shared'),
      awsAccount('dev-account', '000000000003'),
    ],
  });
}

/** Grants accountBootstrapPermission only when `member` (as the platform policy does). */
export function bootstrapPermissions(member: boolean) {
  const permissions = mockServices.permissions.mock();
  permissions.authorize.mockImplementation(
    async requests =>
      requests.map(r => ({
        result:
          r.permission.name === accountBootstrapPermission.name && !member
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })) as any,
  );
  return permissions;
}

export const bootstrapConfig = (
  bootstrap: Record<string, unknown> = {},
  platform: Record<string, unknown> = {},
) =>
  new ConfigReader({
    platform: {
      ...platform,
      bootstrap: {
        portalPrincipalArn: 'arn:aws:iam::000000000002:role/platform-portal',
        externalId: 'portal-external-id-1234',
        githubRepository: 'acme/infrastructure',
        pollIntervalMs: 1,
        ...bootstrap,
      },
    },
  });

export const platformMember = () => mockCredentials.user('user:default/alice');
