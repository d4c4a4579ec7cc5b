import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotFoundError, NotModifiedError } from '@backstage/errors';
import { Entity } from '@backstage/catalog-model';
import { bareRepoWith, devRecord } from './__testUtils__/bareRepo';
import { AwsAccountBootstrapProcessor } from './AwsAccountBootstrapProcessor';
import { DEPLOY_ROLE_ARN_ANNOTATION } from './bootstrapRecord';
import {
  LocalRepoBootstrapRecordReader,
  UrlBootstrapRecordReader,
} from './bootstrapRecordReaders';
import { bootstrapRecordReader } from './module';

describe('LocalRepoBootstrapRecordReader', () => {
  it('reads accounts/<name>.json from the base branch of the bare repository', async () => {
    const repo = bareRepoWith({ 'accounts/dev-account.json': devRecord() });
    const reader = new LocalRepoBootstrapRecordReader(repo, 'main');
    expect(await reader.read('dev-account')).toEqual({
      text: devRecord(),
      source: `local:${repo}#main:accounts/dev-account.json`,
    });
    expect(await reader.read('prod-account')).toBeUndefined();
    expect(await reader.read('../etc')).toBeUndefined();
  });

  it('finds nothing while the repository does not exist yet', async () => {
    const reader = new LocalRepoBootstrapRecordReader(
      '/nonexistent/infrastructure.git',
    );
    expect(await reader.read('dev-account')).toBeUndefined();
  });
});

describe('UrlBootstrapRecordReader', () => {
  const URL =
    'https://github.com/acme/infrastructure/blob/main/accounts/dev-account.json';

  it('reads the file on the base branch and reuses it while its ETag holds', async () => {
    const urlReader = mockServices.urlReader.mock();
    urlReader.readUrl
      .mockResolvedValueOnce({
        buffer: async () => Buffer.from(devRecord()),
        etag: 'e1',
      } as any)
      .mockRejectedValueOnce(new NotModifiedError('same'));
    const reader = new UrlBootstrapRecordReader(
      urlReader,
      'https://github.com/acme/infrastructure.git',
      'main',
    );
    expect(await reader.read('dev-account')).toEqual({
      text: devRecord(),
      source: URL,
    });
    expect(await reader.read('dev-account')).toEqual({
      text: devRecord(),
      source: URL,
    });
    expect(urlReader.readUrl).toHaveBeenLastCalledWith(URL, { etag: 'e1' });
  });

  it('finds nothing before the pull request is merged', async () => {
    const urlReader = mockServices.urlReader.mock();
    urlReader.readUrl.mockRejectedValue(new NotFoundError('missing'));
    const reader = new UrlBootstrapRecordReader(
      urlReader,
      'https://github.com/acme/infrastructure',
    );
    expect(await reader.read('dev-account')).toBeUndefined();
  });
});

describe('choice of reader', () => {
  const urlReader = mockServices.urlReader.mock();
  it('follows the publisher: GitHub with credentials, the local repository otherwise', () => {
    const github = new ConfigReader({
      platform: {
        iac: { repositoryUrl: 'https://github.com/acme/infrastructure' },
      },
      integrations: { github: [{ host: 'github.com', token: 't' }] },
    });
    expect(bootstrapRecordReader(github, urlReader)).toBeInstanceOf(
      UrlBootstrapRecordReader,
    );
    const noCredentials = new ConfigReader({
      platform: {
        iac: { repositoryUrl: 'https://github.com/acme/infrastructure' },
      },
      integrations: { github: [{ host: 'github.com' }] },
    });
    expect(bootstrapRecordReader(noCredentials, urlReader)).toBeInstanceOf(
      LocalRepoBootstrapRecordReader,
    );
    expect(
      bootstrapRecordReader(new ConfigReader({}), urlReader),
    ).toBeInstanceOf(LocalRepoBootstrapRecordReader);
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
    expect(result.metadata.annotations?.[DEPLOY_ROLE_ARN_ANNOTATION]).toBe(
      'arn:aws:iam::000000000003:role/terraform-deploy',
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
