import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  AWS_ACCOUNT_ID_ANNOTATION,
  AWS_REGION_ANNOTATION,
} from '@platform-portal/platform-common';
import {
  applyAwsAccountOverride,
  readAwsAccountOverrides,
} from './accountOverrides';

const account = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    annotations: {
      [AWS_ACCOUNT_ID_ANNOTATION]: '000000000005',
      [AWS_REGION_ANNOTATION]: 'eu-west-1',
    },
  },
  spec: { type: 'aws-account', owner: 'group:default/platform-team' },
});

describe('readAwsAccountOverrides', () => {
  it('reads ids and regions keyed by entity name', () => {
    const overrides = readAwsAccountOverrides(
      new ConfigReader({
        platform: {
          awsAccounts: {
            prod: { accountId: '123456789012', region: 'us-east-1' },
            dev: { region: 'eu-central-1' },
          },
        },
      }),
    );
    expect(overrides.get('prod')).toEqual({
      accountId: '123456789012',
      region: 'us-east-1',
    });
    expect(overrides.get('dev')).toEqual({
      accountId: undefined,
      region: 'eu-central-1',
    });
  });

  it('returns no overrides when the section is absent', () => {
    expect(readAwsAccountOverrides(new ConfigReader({})).size).toBe(0);
  });

  it.each([
    ['12345', 'platform.awsAccounts.prod.accountId must be exactly 12 digits'],
    ['12345678901a', 'platform.awsAccounts.prod.accountId must be exactly 12'],
  ])('rejects account id %s naming the field', (accountId, message) => {
    expect(() =>
      readAwsAccountOverrides(
        new ConfigReader({
          platform: { awsAccounts: { prod: { accountId } } },
        }),
      ),
    ).toThrow(message);
  });

  it('rejects a region that is not a region code', () => {
    expect(() =>
      readAwsAccountOverrides(
        new ConfigReader({
          platform: { awsAccounts: { dev: { region: 'Ireland' } } },
        }),
      ),
    ).toThrow(
      "platform.awsAccounts.dev.region must be an AWS region code such as eu-west-1, got 'Ireland'",
    );
  });
});

describe('applyAwsAccountOverride', () => {
  const overrides = new Map([
    ['prod', { accountId: '123456789012', region: 'us-east-1' }],
    ['dev', { region: 'eu-central-1' }],
  ]);

  it('replaces id and region of a configured account', () => {
    const result = applyAwsAccountOverride(account('prod'), overrides);
    expect(result.metadata.annotations).toEqual({
      [AWS_ACCOUNT_ID_ANNOTATION]: '123456789012',
      [AWS_REGION_ANNOTATION]: 'us-east-1',
    });
  });

  it('keeps what the override leaves out', () => {
    const result = applyAwsAccountOverride(account('dev'), overrides);
    expect(result.metadata.annotations?.[AWS_ACCOUNT_ID_ANNOTATION]).toBe(
      '000000000005',
    );
    expect(result.metadata.annotations?.[AWS_REGION_ANNOTATION]).toBe(
      'eu-central-1',
    );
  });

  it('does not mutate the input entity', () => {
    const input = account('prod');
    applyAwsAccountOverride(input, overrides);
    expect(input.metadata.annotations?.[AWS_ACCOUNT_ID_ANNOTATION]).toBe(
      '000000000005',
    );
  });

  it('leaves other entities and unconfigured accounts alone', () => {
    const staging = account('staging');
    expect(applyAwsAccountOverride(staging, overrides)).toBe(staging);
    const database: Entity = {
      ...account('prod'),
      spec: { type: 'database', owner: 'group:default/platform-team' },
    };
    expect(applyAwsAccountOverride(database, overrides)).toBe(database);
  });
});
