import {
  CloudFormationClient,
  CloudFormationClientConfig,
} from '@aws-sdk/client-cloudformation';
import {
  AwsCredentialsFactory,
  BootstrapConfig,
} from '@platform-portal/platform-node';

type Credentials = NonNullable<CloudFormationClientConfig['credentials']>;

/** A CloudFormation client for one account and region. */
export type CloudFormationClientFactory = (
  accountId: string,
  region: string,
) => Promise<CloudFormationClient>;

/** The client's settings: region, endpoint override (moto, LocalStack) and the SDK's retries. */
export function cloudFormationClientConfig(
  settings: Pick<
    BootstrapConfig,
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

/**
 * Clients that deploy: credentials from the shared AWS credentials factory's deployment variant
 * (`platform.bootstrap.roleName` when set, else `aws.accounts`).
 */
export function cloudFormationClients(
  credentials: AwsCredentialsFactory,
  settings: BootstrapConfig,
): CloudFormationClientFactory {
  return async (accountId, region) =>
    new CloudFormationClient(
      cloudFormationClientConfig(
        settings,
        region,
        await credentials.forDeployment(accountId),
      ),
    );
}
