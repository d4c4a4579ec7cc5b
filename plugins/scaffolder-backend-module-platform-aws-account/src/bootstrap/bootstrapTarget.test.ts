import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  accountsCatalog,
  awsAccount,
  platformMember,
} from './__testUtils__/bootstrapFixtures';
import { resolveBootstrapTarget } from './bootstrapTarget';

const iac = {
  stateAccount: 'shared-account',
  stateBucketPattern: 'tfstate-{accountId}-{region}',
};

function resolve(
  accountRef: string,
  options: {
    catalog?: ReturnType<typeof catalogServiceMock>;
    stateAccount?: string;
    workloadAccounts?: string[];
  } = {},
) {
  return resolveBootstrapTarget({
    catalog: options.catalog ?? accountsCatalog(),
    credentials: platformMember(),
    iac: { ...iac, stateAccount: options.stateAccount ?? iac.stateAccount },
    workloadAccounts: options.workloadAccounts ?? [],
    accountRef,
  });
}

describe('resolveBootstrapTarget', () => {
  it('makes the configured state account shared, with its bucket, reach and environments', async () => {
    const target = await resolve('resource:default/shared-account', {
      workloadAccounts: ['dev-account', 'dev-account'],
    });
    expect(target).toMatchObject({
      role: 'shared',
      region: 'eu-west-1',
      stateBucketName: 'tfstate-000000000002-eu-west-1',
      applyEnvironments: ['shared-account', 'dev-account'],
    });
    expect(target.workloadAccounts.map(a => a.accountId)).toEqual([
      '000000000003',
    ]);
  });

  it('gives a workload account its own environment and no reach', async () => {
    const target = await resolve('resource:default/dev-account', {
      workloadAccounts: ['org-root-account'],
    });
    expect(target).toMatchObject({
      role: 'workload',
      applyEnvironments: ['dev-account'],
      workloadAccounts: [],
      stateBucketName: undefined,
    });
    expect(target.stateAccount.accountId).toBe('000000000002');
  });

  it('keeps the management annotation', async () => {
    const target = await resolve('resource:default/org-root-account');
    expect(target.role).toBe('management');
  });

  it('follows platform.iac.stateAccount when it names another account', async () => {
    const target = await resolve('resource:default/dev-account', {
      stateAccount: 'org-root-account',
    });
    expect(target.stateAccount.accountId).toBe('000000000001');
  });

  it.each([
    [
      'the configured state account is missing',
      'resource:default/dev-account',
      { stateAccount: 'missing' },
      "platform.iac.stateAccount: 'resource:default/missing' is not an aws-account resource in the catalog",
    ],
    [
      'an entity carries the state account id under another name',
      'resource:default/twin',
      {
        catalog: catalogServiceMock({
          entities: [
            awsAccount('shared-account', '000000000002'),
            awsAccount('twin', '000000000002'),
          ],
        }),
      },
      'account: resource:default/twin has the account id of the state account resource:default/shared-account (platform.iac.stateAccount); bootstrap resource:default/shared-account itself',
    ],
    [
      'the state account is annotated as a workload',
      'resource:default/shared-account',
      {
        catalog: catalogServiceMock({
          entities: [awsAccount('shared-account', '000000000002', 'workload')],
        }),
      },
      "account: resource:default/shared-account is the state account (platform.iac.stateAccount 'shared-account') but has platform-portal.io/account-role 'workload'",
    ],
    [
      'an annotation names no role',
      'resource:default/odd',
      {
        catalog: catalogServiceMock({
          entities: [
            awsAccount('shared-account', '000000000002'),
            awsAccount('odd', '000000000007', 'prod'),
          ],
        }),
      },
      "account: resource:default/odd has platform-portal.io/account-role 'prod'; it must be one of shared, workload, management",
    ],
    [
      'the shared account would reach itself',
      'resource:default/shared-account',
      { workloadAccounts: ['shared-account'] },
      "platform.bootstrap.workloadAccounts[0]: 'shared-account' is the state account itself",
    ],
  ])(
    'refuses when %s, naming the field and the rule',
    async (_what, ref, options, message) => {
      const result = resolve(ref, options);
      await expect(result).rejects.toThrow(message);
      await expect(result).rejects.toMatchObject({ name: 'InputError' });
    },
  );
});
