import { Config } from '@backstage/config';

/**
 * `platform.bootstrap` with its defaults applied; its schema is in the aws-account scaffolder
 * module (config.d.ts there).
 */
export interface BootstrapConfig {
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

/** Reads `platform.bootstrap` once; bad values fail with the key and the rule. */
export function readBootstrapConfig(config: Config): BootstrapConfig {
  const c = config.getOptionalConfig('platform.bootstrap');
  const retryMode = c?.getOptionalString('retryMode') ?? 'adaptive';
  if (retryMode !== 'standard' && retryMode !== 'adaptive') {
    throw new Error(
      `platform.bootstrap.retryMode must be standard or adaptive, got '${retryMode}'`,
    );
  }
  const positive = (key: string, fallback: number) => {
    const value = c?.getOptionalNumber(key) ?? fallback;
    if (!(value > 0)) {
      throw new Error(
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
