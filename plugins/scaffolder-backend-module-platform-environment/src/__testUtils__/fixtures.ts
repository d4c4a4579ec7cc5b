import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { environmentCreateProdPermission } from '@platform-portal/platform-common';
import { InfrastructureRepository } from '@platform-portal/platform-node';
import { mockInfrastructureRepository } from '@platform-portal/platform-node/testUtils';
import { EnvironmentGuard } from '../guards/environmentGuard';
import { PlanTokens } from '../guards/planToken';

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

export const environment = (
  name: string,
  cidr: string,
  tier = 'dev',
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    annotations: {
      'platform-portal.io/vpc-cidr': cidr,
      'platform-portal.io/tier': tier,
    },
  },
  spec: { type: 'environment', owner: 'group:default/platform-team' },
});

/** An environment's catalog-info.yaml as the plan renders it (only what the guard reads). */
export const catalogInfo = (name: string, tier: string) =>
  [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Resource',
    'metadata:',
    `  name: ${name}`,
    '  annotations:',
    `    platform-portal.io/tier: ${tier}`,
    'spec:',
    '  type: environment',
    '',
  ].join('\n');

/**
 * The in-memory repository of platform-node with open branches: `branches` maps a branch name to
 * its environment files (what readEnvironmentFiles reports besides the base branch).
 */
export function repositoryWith(
  options: {
    base?: Record<string, string>;
    branches?: Record<string, Record<string, string>>;
    kind?: 'github' | 'local';
  } = {},
) {
  const mock = mockInfrastructureRepository(options);
  const base = mock.repository.readEnvironmentFiles.bind(mock.repository);
  const repository: InfrastructureRepository = {
    ...mock.repository,
    async readEnvironmentFiles() {
      const onBranches = Object.entries(options.branches ?? {}).flatMap(
        ([branch, files]) =>
          Object.entries(files).map(([path, content]) => ({
            branch,
            path,
            content,
            location: `memory#${branch}:${path}`,
          })),
      );
      return [...(await base()), ...onBranches];
    },
  };
  return { repository, proposed: mock.proposed };
}

/** The guard as the module builds it, with a member or non-member of platform-team. */
export function guardFor(options: {
  member: boolean;
  catalog?: ReturnType<typeof catalogWith>;
  repository?: InfrastructureRepository;
  productionAccounts?: string[];
}) {
  return new EnvironmentGuard({
    catalog: options.catalog ?? catalogWith(),
    auth: mockServices.auth(),
    permissions: permissionsFor(options.member),
    repository: options.repository ?? repositoryWith().repository,
    productionAccounts: options.productionAccounts ?? ['prod-account'],
    platformTeam: 'group:default/platform-team',
  });
}

/** One signing key for a test file: plan and publish must share it, as in the module. */
export const planTokens = PlanTokens.withRandomKey();

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
