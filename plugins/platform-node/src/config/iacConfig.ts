import { Config } from '@backstage/config';
import { resolve as resolvePath } from 'node:path';
import { portalDataDir } from './dataDir';

/** `platform.iac` with its defaults applied; see config.d.ts. */
export interface IacConfig {
  /** The GitHub repository, when `platform.iac.repositoryUrl` names one. */
  repository?: RepositoryCoordinates;
  baseBranch: string;
  /** Absolute path of the local bare repository (used when `repository` is unset). */
  localRepositoryDir: string;
  stateAccount: string;
  stateBucketPattern: string;
  cidrPool: string;
  /** aws-account entity names that take only prod-tier environments (and all of them). */
  productionAccounts: string[];
}

/** A repository named by URL: https://<host>/<owner>/<repo>. */
export interface RepositoryCoordinates {
  url: string;
  host: string;
  owner: string;
  repo: string;
  /** https://<host>, where people browse it. */
  webBaseUrl: string;
}

/** git's own rules for a branch name, in short: no spaces, no `..`, no leading dash or slash. */
const BRANCH_NAME =
  /^(?!-|\/)(?!.*\.\.)(?!.*\/\/)[A-Za-z0-9._/-]+(?<!\/|\.lock|\.)$/;

/**
 * Parses https://<host>/<owner>/<repo>[.git] (http for a GitHub Enterprise server without TLS,
 * or a test server on loopback); the error names `key` and the expected form.
 */
export function parseRepositoryUrl(
  url: string,
  key: string,
): RepositoryCoordinates {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  const match = parsed?.pathname.match(/^\/([^/]+)\/([^/]+?)(\.git)?\/?$/);
  if (!parsed || !['https:', 'http:'].includes(parsed.protocol) || !match) {
    throw new Error(
      `${key} must look like https://<host>/<owner>/<repo> (e.g. https://github.com/acme/infrastructure), got '${url}'`,
    );
  }
  return {
    url: `${parsed.origin}/${match[1]}/${match[2]}`,
    host: parsed.host,
    owner: match[1],
    repo: match[2],
    webBaseUrl: parsed.origin,
  };
}

/**
 * Reads `platform.iac` once, with every default in this one place. Bad values fail with the key
 * and the rule.
 */
export function readIacConfig(config: Config): IacConfig {
  const c = config.getOptionalConfig('platform.iac');
  const repositoryUrl = c?.getOptionalString('repositoryUrl');
  const baseBranch = c?.getOptionalString('baseBranch') ?? 'main';
  if (!BRANCH_NAME.test(baseBranch)) {
    throw new Error(
      `platform.iac.baseBranch must be a git branch name (letters, digits, '.', '_', '-', '/'), got '${baseBranch}'`,
    );
  }
  const stateBucketPattern =
    c?.getOptionalString('stateBucketPattern') ??
    'tfstate-{accountId}-{region}';
  if (!stateBucketPattern.includes('{accountId}')) {
    throw new Error(
      `platform.iac.stateBucketPattern must contain {accountId} (bucket names are global), got '${stateBucketPattern}'`,
    );
  }
  return {
    repository: repositoryUrl
      ? parseRepositoryUrl(repositoryUrl, 'platform.iac.repositoryUrl')
      : undefined,
    baseBranch,
    localRepositoryDir: resolvePath(
      c?.getOptionalString('localRepositoryDir') ??
        resolvePath(portalDataDir(), 'git', 'infrastructure.git'),
    ),
    stateAccount: c?.getOptionalString('stateAccount') ?? 'shared-account',
    stateBucketPattern,
    cidrPool: c?.getOptionalString('cidrPool') ?? '10.0.0.0/8',
    productionAccounts: readProductionAccounts(c),
  };
}

const ENTITY_NAME = /^[a-z0-9A-Z][a-z0-9A-Z._-]{0,62}$/;

/** `platform.iac.productionAccounts`: entity names, at least one (the default: prod-account). */
function readProductionAccounts(c: Config | undefined): string[] {
  const names = c?.getOptionalStringArray('productionAccounts') ?? [
    'prod-account',
  ];
  if (names.length === 0) {
    throw new Error(
      'platform.iac.productionAccounts must name at least one aws-account entity (or be left out for the default [prod-account])',
    );
  }
  for (const name of names) {
    if (!ENTITY_NAME.test(name)) {
      throw new Error(
        `platform.iac.productionAccounts must hold aws-account entity names such as prod-account, got '${name}'`,
      );
    }
  }
  return names;
}
