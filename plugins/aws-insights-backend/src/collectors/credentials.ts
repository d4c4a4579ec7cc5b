import { Config } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { AwsCredentials } from './clients';

/** One manager per root config: it caches the STS role sessions it hands out. */
const managers = new WeakMap<Config, DefaultAwsCredentialsManager>();

/**
 * The SDK credential provider for one account, from the `aws` section of the app config
 * (main account credentials, per-account roles, account defaults), as the catalog's AWS
 * integrations use it.
 */
export async function credentialsForAccount(
  config: Config,
  accountId: string,
): Promise<AwsCredentials> {
  let manager = managers.get(config);
  if (!manager) {
    manager = DefaultAwsCredentialsManager.fromConfig(config);
    managers.set(config, manager);
  }
  const { sdkCredentialProvider } = await manager.getCredentialProvider({
    accountId,
  });
  return sdkCredentialProvider;
}
