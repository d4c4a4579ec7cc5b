import {
  CloudFormationClient,
  CloudFormationClientConfig,
} from '@aws-sdk/client-cloudformation';
import { Config, ConfigReader } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { BootstrapSettings } from './bootstrapSettings';

type Credentials = NonNullable<CloudFormationClientConfig['credentials']>;

/** One manager per root config: it caches the STS sessions it hands out. */
const managers = new WeakMap<Config, DefaultAwsCredentialsManager>();

/**
 * Credentials for the target account. By default the `aws` section decides (as for every
 * Backstage AWS integration). With `platform.bootstrap.roleName` the portal assumes that role
 * (e.g. OrganizationAccountAccessRole) from the main account instead: the read-only role that
 * `aws.accounts` usually names for the insights backend cannot deploy.
 */
export async function bootstrapCredentials(
  config: Config,
  settings: BootstrapSettings,
  accountId: string,
): Promise<Credentials> {
  let manager = managers.get(config);
  if (!manager) {
    manager = settings.roleName
      ? DefaultAwsCredentialsManager.fromConfig(
          new ConfigReader({
            aws: {
              mainAccount: config.getOptional('aws.mainAccount') ?? {},
              accountDefaults: {
                roleName: settings.roleName,
                ...(settings.roleExternalId
                  ? { externalId: settings.roleExternalId }
                  : {}),
              },
            },
          }),
        )
      : DefaultAwsCredentialsManager.fromConfig(config);
    managers.set(config, manager);
  }
  const { sdkCredentialProvider } = await manager.getCredentialProvider({
    accountId,
  });
  return sdkCredentialProvider;
}

/** The client's settings: region, endpoint override (moto, LocalStack) and the SDK's retries. */
export function cloudFormationClientConfig(
  settings: Pick<
    BootstrapSettings,
    'cloudformationEndpoint' | 'maxAttempts' | 'retryMode'
  >,
  region: string,
  credentials: Credentials,
): CloudFormationClientConfig {
  return {
    region,
    credentials,
    endpoint: settings.cloudformationEndpoint,
    // Throttling and transient errors are retried by the SDK with backoff.
    maxAttempts: settings.maxAttempts,
    retryMode: settings.retryMode,
  };
}

export async function createCloudFormationClient(
  config: Config,
  settings: BootstrapSettings,
  accountId: string,
  region: string,
): Promise<CloudFormationClient> {
  const credentials = await bootstrapCredentials(config, settings, accountId);
  return new CloudFormationClient(
    cloudFormationClientConfig(settings, region, credentials),
  );
}
