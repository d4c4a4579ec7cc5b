import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** `platform.bootstrap` with its defaults; see config.d.ts. */
export interface BootstrapSettings {
  portalPrincipalArn?: string;
  externalId?: string;
  githubRepository?: string;
  existingOidcProviderArn?: string;
  deployRoleManagedPolicyArn?: string;
  /** Role assumed in the target account to deploy the stack; unset uses `aws.accounts`. */
  roleName?: string;
  roleExternalId?: string;
  cloudformationEndpoint?: string;
  pollIntervalMs: number;
  timeoutMs: number;
  maxAttempts: number;
  retryMode: 'standard' | 'adaptive';
}

export function readBootstrapSettings(config: Config): BootstrapSettings {
  const c = config.getOptionalConfig('platform.bootstrap');
  const retryMode = c?.getOptionalString('retryMode') ?? 'adaptive';
  if (retryMode !== 'standard' && retryMode !== 'adaptive') {
    throw new InputError(
      `platform.bootstrap.retryMode must be standard or adaptive, got '${retryMode}'`,
    );
  }
  const positive = (key: string, fallback: number) => {
    const value = c?.getOptionalNumber(key) ?? fallback;
    if (!(value > 0)) {
      throw new InputError(
        `platform.bootstrap.${key} must be a positive number, got ${value}`,
      );
    }
    return value;
  };
  return {
    portalPrincipalArn: c?.getOptionalString('portalPrincipalArn'),
    externalId: c?.getOptionalString('externalId'),
    githubRepository: c?.getOptionalString('githubRepository'),
    existingOidcProviderArn: c?.getOptionalString('existingOidcProviderArn'),
    deployRoleManagedPolicyArn: c?.getOptionalString(
      'deployRoleManagedPolicyArn',
    ),
    roleName: c?.getOptionalString('roleName'),
    roleExternalId: c?.getOptionalString('roleExternalId'),
    cloudformationEndpoint: c?.getOptionalString('endpoints.cloudformation'),
    pollIntervalMs: positive('pollIntervalMs', 5_000),
    timeoutMs: positive('timeoutMinutes', 30) * 60_000,
    maxAttempts: positive('maxAttempts', 5),
    retryMode,
  };
}

/** A setting the stack cannot do without; the error names the config key. */
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
