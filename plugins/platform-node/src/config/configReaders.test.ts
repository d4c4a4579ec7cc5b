import { ConfigReader } from '@backstage/config';
import { resolve as resolvePath } from 'node:path';
import { readBootstrapConfig } from './bootstrapConfig';
import { readIacConfig } from './iacConfig';
import { readServicesConfig } from './servicesConfig';

describe('readIacConfig', () => {
  it('applies every default in one place', () => {
    expect(readIacConfig(new ConfigReader({}))).toEqual({
      repository: undefined,
      baseBranch: 'main',
      localRepositoryDir: resolvePath(
        process.env.PORTAL_DATA_DIR ?? '../../data',
        'git/infrastructure.git',
      ),
      stateAccount: 'shared-account',
      stateBucketPattern: 'tfstate-{accountId}-{region}',
      cidrPool: '10.0.0.0/8',
      productionAccounts: ['prod-account'],
      gitops: {
        hubRoleArn: undefined,
        repoUrl: undefined,
        revision: 'main',
        namespace: 'argocd',
        project: 'platform',
      },
    });
  });

  it('reads the Argo CD hub, defaulting its repository and revision to the infrastructure repository', () => {
    expect(
      readIacConfig(
        new ConfigReader({
          platform: {
            iac: {
              repositoryUrl: 'https://github.com/acme/infra.git',
              baseBranch: 'trunk',
              gitops: {
                hubRoleArn:
                  'arn:aws:iam::999988887777:role/platform/argocd-hub',
              },
            },
          },
        }),
      ).gitops,
    ).toEqual({
      hubRoleArn: 'arn:aws:iam::999988887777:role/platform/argocd-hub',
      repoUrl: 'https://github.com/acme/infra',
      revision: 'trunk',
      namespace: 'argocd',
      project: 'platform',
    });
  });

  it('parses the repository URL into its parts', () => {
    expect(
      readIacConfig(
        new ConfigReader({
          platform: {
            iac: { repositoryUrl: 'https://github.com/acme/infra.git/' },
          },
        }),
      ).repository,
    ).toEqual({
      url: 'https://github.com/acme/infra',
      host: 'github.com',
      owner: 'acme',
      repo: 'infra',
      webBaseUrl: 'https://github.com',
    });
  });

  it.each([
    [
      { baseBranch: 'main branch' },
      "platform.iac.baseBranch must be a git branch name (letters, digits, '.', '_', '-', '/'), got 'main branch'",
    ],
    [
      { baseBranch: '../main' },
      "platform.iac.baseBranch must be a git branch name (letters, digits, '.', '_', '-', '/'), got '../main'",
    ],
    [
      { stateBucketPattern: 'tfstate-{region}' },
      "platform.iac.stateBucketPattern must contain {accountId} (bucket names are global), got 'tfstate-{region}'",
    ],
    [
      { repositoryUrl: 'git@github.com:acme/infra.git' },
      "platform.iac.repositoryUrl must look like https://<host>/<owner>/<repo> (e.g. https://github.com/acme/infrastructure), got 'git@github.com:acme/infra.git'",
    ],
    [
      { gitops: { hubRoleArn: 'argocd-hub' } },
      "platform.iac.gitops.hubRoleArn must be an IAM role ARN (arn:aws:iam::<account>:role/<name>), got 'argocd-hub'",
    ],
    [
      { gitops: { namespace: 'Argo_CD' } },
      "platform.iac.gitops.namespace must be a Kubernetes name (lower-case letters, digits, '-'), got 'Argo_CD'",
    ],
    [
      { gitops: { revision: '../main' } },
      "platform.iac.gitops.revision must be a git branch or tag name, got '../main'",
    ],
    [
      { gitops: { repoUrl: 'git@github.com:acme/infra.git' } },
      "platform.iac.gitops.repoUrl must look like https://<host>/<owner>/<repo> (e.g. https://github.com/acme/infrastructure), got 'git@github.com:acme/infra.git'",
    ],
    [
      { productionAccounts: [] },
      'platform.iac.productionAccounts must name at least one aws-account entity (or be left out for the default [prod-account])',
    ],
    [
      { productionAccounts: ['resource:default/prod-account'] },
      "platform.iac.productionAccounts must hold aws-account entity names such as prod-account, got 'resource:default/prod-account'",
    ],
  ])('refuses %j with the key and the rule', (iac, message) => {
    expect(() =>
      readIacConfig(new ConfigReader({ platform: { iac } })),
    ).toThrow(message);
  });
});

describe('readServicesConfig', () => {
  it('applies the defaults', () => {
    expect(readServicesConfig(new ConfigReader({}))).toEqual({
      allowedGithubOrgs: ['acme'],
      localRepositoriesDir: resolvePath(
        process.env.PORTAL_DATA_DIR ?? '../../data',
        'git/services',
      ),
      registryAccount: 'shared-account',
    });
  });

  it('refuses an empty or malformed organisation list', () => {
    expect(() =>
      readServicesConfig(
        new ConfigReader({ platform: { services: { allowedGithubOrgs: [] } } }),
      ),
    ).toThrow(/^platform\.services\.allowedGithubOrgs must list at least one/);
    expect(() =>
      readServicesConfig(
        new ConfigReader({
          platform: { services: { allowedGithubOrgs: ['acme', 'no/slash'] } },
        }),
      ),
    ).toThrow(
      "platform.services.allowedGithubOrgs must hold GitHub organisation names (letters, digits, dashes), got 'no/slash'",
    );
  });
});

describe('readBootstrapConfig', () => {
  it('applies the defaults', () => {
    expect(readBootstrapConfig(new ConfigReader({}))).toMatchObject({
      pollIntervalMs: 5000,
      timeoutMs: 30 * 60_000,
      maxAttempts: 5,
      retryMode: 'adaptive',
      roleName: undefined,
    });
  });

  it('refuses an unknown retry mode and non-positive numbers, naming the key', () => {
    expect(() =>
      readBootstrapConfig(
        new ConfigReader({ platform: { bootstrap: { retryMode: 'eager' } } }),
      ),
    ).toThrow(
      "platform.bootstrap.retryMode must be standard or adaptive, got 'eager'",
    );
    expect(() =>
      readBootstrapConfig(
        new ConfigReader({ platform: { bootstrap: { maxAttempts: 0 } } }),
      ),
    ).toThrow(
      'platform.bootstrap.maxAttempts must be a positive number, got 0',
    );
  });
});
