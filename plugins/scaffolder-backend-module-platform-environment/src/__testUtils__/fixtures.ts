import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { environmentCreateProdPermission } from '@platform-portal/platform-common';

export const account = (name: string, accountId: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    annotations: {
      'aws.amazon.com/account-id': accountId,
      'aws.amazon.com/region': 'eu-west-1',
    },
  },
  spec: { type: 'aws-account', owner: 'group:default/platform-team' },
});

export const environment = (name: string, cidr: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, annotations: { 'platform-portal.io/vpc-cidr': cidr } },
  spec: { type: 'environment', owner: 'group:default/platform-team' },
});

export function catalogWith(...extra: Entity[]) {
  return catalogServiceMock({
    entities: [
      account('dev-account', '000000000003'),
      account('prod-account', '000000000005'),
      account('shared-account', '000000000002'),
      ...extra,
    ],
  });
}

/** A permission service that grants the prod permission only to platform-team members. */
export function permissionsFor(member: boolean): PermissionsService {
  const permissions = mockServices.permissions.mock();
  permissions.authorize.mockImplementation(
    async requests =>
      requests.map(r => ({
        result:
          r.permission.name === environmentCreateProdPermission.name && !member
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })) as any,
  );
  return permissions;
}

export const config = new ConfigReader({});
export const userCredentials = () => mockCredentials.user('user:default/guest');

/** A complete, valid dev request as the template sends it. */
export const devInput = {
  name: 'qa',
  tier: 'dev' as const,
  account: 'resource:default/dev-account',
  region: 'eu-west-1',
  owner: 'group:default/team-orders',
  cidr: 'auto',
  singleNatGateway: true,
  kubernetesVersion: '1.33',
  domain: 'qa.example.com',
};
