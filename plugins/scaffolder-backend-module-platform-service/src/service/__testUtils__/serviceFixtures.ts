import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ServiceRepoPublisher } from '../publish/types';
import { resolve as resolvePath } from 'node:path';

export const TEMPLATE_DIR = resolvePath(
  __dirname,
  '../../../../../templates/flask-react-service',
);

const ACCOUNT_BY_TIER: Record<string, string> = {
  prod: '000000000005',
  staging: '000000000004',
};

export const environmentEntity = (
  name: string,
  tier: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    annotations: {
      'aws.amazon.com/account-id': ACCOUNT_BY_TIER[tier] ?? '000000000003',
      'aws.amazon.com/region': 'eu-west-1',
      'platform-portal.io/tier': tier,
      ...annotations,
    },
  },
  spec: { type: 'environment', owner: 'group:default/platform-team' },
});

export const sharedAccount: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'shared-account',
    annotations: {
      'aws.amazon.com/account-id': '000000000002',
      'aws.amazon.com/region': 'eu-west-1',
    },
  },
  spec: { type: 'aws-account', owner: 'group:default/platform-team' },
};

/** Like catalog/environments.yaml: the account is the dependsOn target, not an annotation. */
export function referenceEnvironment(
  name: string,
  accountId: string,
): Entity[] {
  const env = environmentEntity(name, name);
  delete env.metadata.annotations!['aws.amazon.com/account-id'];
  env.spec = { ...env.spec, dependsOn: [`resource:default/${name}-account`] };
  const account: Entity = {
    ...sharedAccount,
    metadata: {
      name: `${name}-account`,
      annotations: { 'aws.amazon.com/account-id': accountId },
    },
  };
  return [env, account];
}

/** dev (reference, account via dependsOn), staging, prod and qa (from the environment template). */
export function serviceCatalog(...extra: Entity[]) {
  return catalogServiceMock({
    entities: [
      sharedAccount,
      ...referenceEnvironment('dev', '000000000003'),
      environmentEntity('staging', 'staging'),
      environmentEntity('prod', 'prod'),
      environmentEntity('qa', 'dev', {
        'platform-portal.io/vpc-cidr': '10.1.0.0/16',
        'platform-portal.io/domain': 'qa.example.com',
      }),
      ...extra,
    ],
  });
}

export const serviceConfig = (extra: Record<string, unknown> = {}) =>
  new ConfigReader({
    integrations: { github: [] },
    platform: { services: { allowedGithubOrgs: ['acme'] } },
    ...extra,
  });

/** A publisher that records what it was asked to do. */
export function recordingPublisher(existing: string[] = []) {
  const created: string[] = [];
  const publisher: ServiceRepoPublisher = {
    kind: 'local',
    exists: async l => existing.includes(l.repo) || created.includes(l.repo),
    create: async request => {
      created.push(request.location.repo);
      return {
        remoteUrl: `file:///repos/${request.location.repo}.git`,
        htmlUrl: `file:///repos/${request.location.repo}.git`,
        defaultBranch: 'main',
        commitSha: 'a'.repeat(40),
      };
    },
    firstWorkflowRunUrl: async () => undefined,
  };
  return { publisher, created };
}

export const validForm = {
  name: 'orders',
  description: "Order intake API and the shop's back-office UI",
  owner: 'group:default/team-orders',
  environments: ['resource:default/dev'],
  scheduling: 'spot-ok',
  database: true,
  repoUrl: 'github.com?owner=acme&repo=orders',
};

export const mockLogger = () => mockServices.logger.mock();
