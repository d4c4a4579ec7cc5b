import { InputError } from '@backstage/errors';

/** A `platform.bootstrap` setting the stack cannot do without; the error names the config key. */
export function requiredSetting(
  value: string | undefined,
  key: string,
): string {
  if (!value) {
    throw new InputError(
      `platform.bootstrap.${key} is not configured; the account bootstrap needs it (see the README, "Bootstrap an AWS account")`,
    );
  }
  return value;
}
