import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import {
  AwsCredentialProvider,
  DefaultAwsCredentialsManager,
} from '@backstage/integration-aws-node';
import { readBootstrapConfig } from '../config/bootstrapConfig';

/** What AWS SDK v3 clients take as `credentials`. */
export type AwsSdkCredentials = AwsCredentialProvider['sdkCredentialProvider'];

/** AWS credentials for the portal's AWS calls, from the `aws` section of the app config. */
export interface AwsCredentialsFactory {
  /**
   * Credentials to read an account with, as every Backstage AWS integration gets them: the
   * account's `aws.accounts` entry (static keys or a role assumed from `aws.mainAccount`), else
   * `aws.accountDefaults`, else the main account.
   */
  forAccount(accountId: string): Promise<AwsSdkCredentials>;
  /**
   * Credentials to deploy into an account (the bootstrap stack). With
   * `platform.bootstrap.roleName` the portal assumes that role (e.g. OrganizationAccountAccessRole)
   * from `aws.mainAccount`: the read-only role `aws.accounts` names for the insights cannot
   * deploy. Without it, the same as forAccount.
   */
  forDeployment(accountId: string): Promise<AwsSdkCredentials>;
}

/**
 * One credentials manager per root config: the manager caches the STS role sessions it hands
 * out, so every caller in the backend shares them.
 */
export class DefaultAwsCredentialsFactory implements AwsCredentialsFactory {
  private static readonly byConfig = new WeakMap<
    Config,
    DefaultAwsCredentialsFactory
  >();

  /** The factory of this root config, created on first use. */
  static forConfig(config: Config): DefaultAwsCredentialsFactory {
    let factory = DefaultAwsCredentialsFactory.byConfig.get(config);
    if (!factory) {
      factory = new DefaultAwsCredentialsFactory(config);
      DefaultAwsCredentialsFactory.byConfig.set(config, factory);
    }
    return factory;
  }

  private readonly readers: DefaultAwsCredentialsManager;
  private deployers?: DefaultAwsCredentialsManager | null;

  private constructor(private readonly config: Config) {
    this.readers = DefaultAwsCredentialsManager.fromConfig(config);
  }

  async forAccount(accountId: string): Promise<AwsSdkCredentials> {
    const { sdkCredentialProvider } = await this.readers.getCredentialProvider({
      accountId,
    });
    return sdkCredentialProvider;
  }

  async forDeployment(accountId: string): Promise<AwsSdkCredentials> {
    const deployers = this.deploymentManager();
    if (!deployers) return this.forAccount(accountId);
    const { sdkCredentialProvider } = await deployers.getCredentialProvider({
      accountId,
    });
    return sdkCredentialProvider;
  }

  /** Built on first use, so a bad `platform.bootstrap` never stops the readers. */
  private deploymentManager(): DefaultAwsCredentialsManager | undefined {
    if (this.deployers === undefined) {
      const { roleName, roleExternalId } = readBootstrapConfig(this.config);
      this.deployers = roleName
        ? DefaultAwsCredentialsManager.fromConfig(
            new ConfigReader({
              aws: {
                mainAccount: this.config.getOptional('aws.mainAccount') ?? {},
                accountDefaults: {
                  roleName,
                  ...(roleExternalId ? { externalId: roleExternalId } : {}),
                },
              },
            }),
          )
        : null;
    }
    return this.deployers ?? undefined;
  }
}

/** Shorthand for code that holds the root config rather than the service. */
export function credentialsForAccount(
  config: Config,
  accountId: string,
): Promise<AwsSdkCredentials> {
  return DefaultAwsCredentialsFactory.forConfig(config).forAccount(accountId);
}

/** The AWS credentials factory as a root service: one per backend. */
export const awsCredentialsFactoryServiceRef =
  createServiceRef<AwsCredentialsFactory>({
    id: 'platform.aws-credentials',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: { config: coreServices.rootConfig },
        factory: ({ config }) => DefaultAwsCredentialsFactory.forConfig(config),
      }),
  });
