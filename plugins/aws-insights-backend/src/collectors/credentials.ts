import { stringifyError } from '@backstage/errors';
import { AwsCredentials } from './clients';

// One AWS credentials manager per root config for the whole backend: platform-node's factory.
export { credentialsForAccount } from '@platform-portal/platform-node';

/**
 * Credentials that could not be had for an account (no `aws.accounts` entry, STS unreachable
 * for the main account's id...). Handed to the collectors like any other, they fail every
 * read of that account alone: each of its sources reports the reason, the others go on.
 */
export function unavailableCredentials(
  accountId: string,
  cause: unknown,
): AwsCredentials {
  const error = new Error(
    `no AWS credentials for account ${accountId}: ${stringifyError(cause)}`,
  );
  error.name = 'CredentialsUnavailable';
  return async () => {
    throw error;
  };
}
