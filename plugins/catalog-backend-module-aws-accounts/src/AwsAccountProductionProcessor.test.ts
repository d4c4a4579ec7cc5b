import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { PRODUCTION_ACCOUNT_ANNOTATION } from '@platform-portal/platform-common';
import { AwsAccountProductionProcessor } from './AwsAccountProductionProcessor';

function account(
  name: string,
  extra: Partial<Entity['metadata']> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      annotations: { 'aws.amazon.com/account-id': '000000000005' },
      ...extra,
    },
    spec: { type: 'aws-account', owner: 'group:default/platform-team' },
  };
}

const productionAnnotation = (entity: Entity) =>
  entity.metadata.annotations?.[PRODUCTION_ACCOUNT_ANNOTATION];

describe('AwsAccountProductionProcessor', () => {
  it('marks the accounts of platform.iac.productionAccounts, keeping their other annotations', async () => {
    const processor = AwsAccountProductionProcessor.fromConfig(
      new ConfigReader({
        platform: { iac: { productionAccounts: ['prod-account', 'prod-eu'] } },
      }),
    );
    const prod = await processor.preProcessEntity(account('prod-eu'));
    expect(prod.metadata.annotations).toEqual({
      'aws.amazon.com/account-id': '000000000005',
      [PRODUCTION_ACCOUNT_ANNOTATION]: 'true',
    });
    expect(
      productionAnnotation(
        await processor.preProcessEntity(account('dev-account')),
      ),
    ).toBeUndefined();
  });

  it('defaults to prod-account, like the environment actions', async () => {
    const processor = AwsAccountProductionProcessor.fromConfig(
      new ConfigReader({}),
    );
    expect(
      productionAnnotation(
        await processor.preProcessEntity(account('prod-account')),
      ),
    ).toBe('true');
  });

  it('drops a value declared in a catalog file: only the config decides', async () => {
    const processor = new AwsAccountProductionProcessor(['prod-account']);
    const declared = account('dev-account', {
      annotations: { [PRODUCTION_ACCOUNT_ANNOTATION]: 'true' },
    });
    const result = await processor.preProcessEntity(declared);
    expect(result.metadata.annotations).toEqual({});
  });

  it('matches names in the default namespace only, as the actions resolve them', async () => {
    const processor = new AwsAccountProductionProcessor(['prod-account']);
    const elsewhere = account('prod-account', { namespace: 'team-x' });
    expect(
      productionAnnotation(await processor.preProcessEntity(elsewhere)),
    ).toBeUndefined();
    const explicitDefault = account('prod-account', { namespace: 'default' });
    expect(
      productionAnnotation(await processor.preProcessEntity(explicitDefault)),
    ).toBe('true');
  });

  it('leaves every other entity untouched', async () => {
    const processor = new AwsAccountProductionProcessor(['prod-account']);
    const database: Entity = {
      ...account('prod-account'),
      spec: { type: 'database' },
    };
    await expect(processor.preProcessEntity(database)).resolves.toBe(database);
  });
});
