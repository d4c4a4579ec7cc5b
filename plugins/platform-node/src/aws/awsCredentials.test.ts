import { ConfigReader } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  credentialsForAccount,
  DefaultAwsCredentialsFactory,
} from './awsCredentials';

const resolve = async (provider: unknown) =>
  typeof provider === 'function' ? provider() : provider;

const staticKeys = {
  aws: {
    accounts: [
      {
        accountId: '000000000003',
        accessKeyId: 'AKIDDEV',
        secretAccessKey: 'dev-secret',
      },
    ],
  },
};

describe('DefaultAwsCredentialsFactory', () => {
  afterEach(() => jest.restoreAllMocks());

  it('builds one credentials manager per root config and reuses it', async () => {
    const fromConfig = jest.spyOn(DefaultAwsCredentialsManager, 'fromConfig');
    const config = new ConfigReader(staticKeys);
    const factory = DefaultAwsCredentialsFactory.forConfig(config);
    expect(DefaultAwsCredentialsFactory.forConfig(config)).toBe(factory);
    await factory.forAccount('000000000003');
    await credentialsForAccount(config, '000000000003');
    await factory.forDeployment('000000000003');
    expect(fromConfig).toHaveBeenCalledTimes(1);

    expect(
      DefaultAwsCredentialsFactory.forConfig(new ConfigReader(staticKeys)),
    ).not.toBe(factory);
  });

  it('takes the static keys of aws.accounts for reading and, without roleName, for deploying', async () => {
    const factory = DefaultAwsCredentialsFactory.forConfig(
      new ConfigReader(staticKeys),
    );
    expect(
      await resolve(await factory.forAccount('000000000003')),
    ).toMatchObject({ accessKeyId: 'AKIDDEV' });
    expect(
      await resolve(await factory.forDeployment('000000000003')),
    ).toMatchObject({ accessKeyId: 'AKIDDEV' });
  });

  it('deploys through platform.bootstrap.roleName from the main account, with a second manager built once', async () => {
    const fromConfig = jest.spyOn(DefaultAwsCredentialsManager, 'fromConfig');
    const factory = DefaultAwsCredentialsFactory.forConfig(
      new ConfigReader({
        ...staticKeys,
        platform: { bootstrap: { roleName: 'OrganizationAccountAccessRole' } },
      }),
    );
    const reader = await factory.forAccount('000000000003');
    const deployer = await factory.forDeployment('000000000003');
    await factory.forDeployment('000000000004');
    expect(deployer).not.toBe(reader);
    expect(fromConfig).toHaveBeenCalledTimes(2);
    const deployConfig = fromConfig.mock.calls[1][0];
    expect(deployConfig.get('aws.accountDefaults')).toEqual({
      roleName: 'OrganizationAccountAccessRole',
    });
  });
});
