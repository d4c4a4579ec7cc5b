import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { APPLY_ROLE_ARN_ANNOTATION } from '@platform-portal/platform-common';
import { LocalInfrastructureRepository } from '@platform-portal/platform-node';
import { mockInfrastructureRepository } from '@platform-portal/platform-node/testUtils';
import { bareRepoWith, devRecord } from './__testUtils__/bareRepo';
import { AwsAccountBootstrapProcessor } from './AwsAccountBootstrapProcessor';
import { RepositoryBootstrapRecordReader } from './bootstrapRecordReader';

describe('RepositoryBootstrapRecordReader', () => {
  it('reads accounts/<name>.json from the base branch of a local repository', async () => {
    const repo = await bareRepoWith({
      'accounts/dev-account.json': devRecord(),
    });
    const reader = new RepositoryBootstrapRecordReader(
      new LocalInfrastructureRepository(repo, 'main'),
    );
    expect(await reader.read('dev-account')).toEqual({
      text: devRecord(),
      source: `local:${repo}#main:accounts/dev-account.json`,
    });
    expect(await reader.read('prod-account')).toBeUndefined();
    expect(await reader.read('../etc')).toBeUndefined();
  });

  it('finds nothing while the local repository does not exist yet, and creates nothing', async () => {
    const reader = new RepositoryBootstrapRecordReader(
      new LocalInfrastructureRepository('/nonexistent/infrastructure.git'),
    );
    expect(await reader.read('dev-account')).toBeUndefined();
  });

  it('names the file on GitHub as its source, and finds nothing before the merge', async () => {
    const merged = new RepositoryBootstrapRecordReader(
      mockInfrastructureRepository({
        kind: 'github',
        base: { 'accounts/dev-account.json': devRecord() },
      }).repository,
    );
    expect(await merged.read('dev-account')).toEqual({
      text: devRecord(),
      source:
        'https://github.com/acme/infra/blob/main/accounts/dev-account.json',
    });
    const unmerged = new RepositoryBootstrapRecordReader(
      mockInfrastructureRepository({ kind: 'github' }).repository,
    );
    expect(await unmerged.read('dev-account')).toBeUndefined();
  });
});

describe('AwsAccountBootstrapProcessor', () => {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'dev-account',
      annotations: { 'aws.amazon.com/account-id': '000000000003' },
    },
    spec: { type: 'aws-account', owner: 'group:default/platform-team' },
  };

  it('applies the record of the account', async () => {
    const processor = new AwsAccountBootstrapProcessor(
      { read: async () => ({ text: devRecord(), source: 's' }) },
      mockServices.logger.mock(),
    );
    const result = await processor.preProcessEntity(entity);
    expect(result.metadata.annotations?.[APPLY_ROLE_ARN_ANNOTATION]).toBe(
      'arn:aws:iam::000000000003:role/terraform-apply',
    );
  });

  it('keeps the entity and warns when the record is broken or unreadable', async () => {
    const logger = mockServices.logger.mock();
    const broken = new AwsAccountBootstrapProcessor(
      {
        read: async () => ({ text: '{', source: 'accounts/dev-account.json' }),
      },
      logger,
    );
    expect(await broken.preProcessEntity(entity)).toBe(entity);
    const failing = new AwsAccountBootstrapProcessor(
      {
        read: async () => {
          throw new Error('rate limited');
        },
      },
      logger,
    );
    expect(await failing.preProcessEntity(entity)).toBe(entity);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /dev-account not applied: accounts\/dev-account.json is not valid JSON/,
      ),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/dev-account not applied: rate limited/),
    );
  });
});
