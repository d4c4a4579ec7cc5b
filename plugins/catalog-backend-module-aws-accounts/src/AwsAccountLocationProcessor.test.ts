import { Entity } from '@backstage/catalog-model';
import { AwsAccountLocationProcessor } from './AwsAccountLocationProcessor';

const account: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'prod-account' },
  spec: { type: 'aws-account', owner: 'group:default/platform-team' },
};
const processor = new AwsAccountLocationProcessor([
  'https://github.com/acme/portal-config/blob/main/',
]);

describe('AwsAccountLocationProcessor', () => {
  it('accepts aws-account resources from file locations and trusted URL prefixes', async () => {
    for (const location of [
      { type: 'file', target: '/app/catalog/aws-accounts.yaml' },
      {
        type: 'url',
        target:
          'https://github.com/acme/portal-config/blob/main/aws-accounts.yaml',
      },
    ]) {
      await expect(processor.preProcessEntity(account, location)).resolves.toBe(
        account,
      );
    }
  });

  it('refuses aws-account resources from anywhere else, naming the location and the rule', async () => {
    for (const target of [
      'https://github.com/mallory/accounts/blob/main/catalog-info.yaml',
      'https://github.com/acme/portal-config-fork/blob/main/aws-accounts.yaml',
    ]) {
      await expect(
        processor.preProcessEntity(account, { type: 'url', target }),
      ).rejects.toThrow(
        new RegExp(`prod-account.*${target}.*only the organisation`),
      );
    }
  });

  it('leaves every other entity alone', async () => {
    const database = { ...account, spec: { type: 'database' } };
    await expect(
      processor.preProcessEntity(database, {
        type: 'url',
        target: 'https://github.com/mallory/x/blob/main/catalog-info.yaml',
      }),
    ).resolves.toBe(database);
  });
});
