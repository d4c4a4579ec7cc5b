import { Config } from '@backstage/config';
import { resolve as resolvePath } from 'node:path';
import { portalDataDir } from './dataDir';

/** `platform.services` with its defaults applied; its schema is in the service scaffolder module. */
export interface ServicesConfig {
  /** Organisations new service repositories may be created in. */
  allowedGithubOrgs: string[];
  /** Absolute folder of the local bare service repositories (`<dir>/<repo>.git`). */
  localRepositoriesDir: string;
  /** aws-account entity whose ECR registry receives the images. */
  registryAccount: string;
}

const GITHUB_ORG = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;

/** Reads `platform.services` once, with every default in this one place. */
export function readServicesConfig(config: Config): ServicesConfig {
  const c = config.getOptionalConfig('platform.services');
  const allowedGithubOrgs = c?.getOptionalStringArray('allowedGithubOrgs') ?? [
    'acme',
  ];
  if (allowedGithubOrgs.length === 0) {
    throw new Error(
      'platform.services.allowedGithubOrgs must list at least one GitHub organisation (or be left out for the default [acme])',
    );
  }
  for (const org of allowedGithubOrgs) {
    if (!GITHUB_ORG.test(org)) {
      throw new Error(
        `platform.services.allowedGithubOrgs must hold GitHub organisation names (letters, digits, dashes), got '${org}'`,
      );
    }
  }
  return {
    allowedGithubOrgs,
    localRepositoriesDir: resolvePath(
      c?.getOptionalString('localRepositoriesDir') ??
        resolvePath(portalDataDir(), 'git', 'services'),
    ),
    registryAccount:
      c?.getOptionalString('registryAccount') ?? 'shared-account',
  };
}
