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
  /** The Argo CD hub that delivers stage 2 of every environment. */
  gitops: GitOpsConfig;
}

/** `platform.iac.gitops`: the hub's capability role and what its Applications read. */
export interface GitOpsConfig {
  /** Unset: `argocd-hub-capability` in the state account (the renderer's default). */
  hubRoleArn?: string;
  /** Unset: repositoryUrl; with a local repository, the renderer's example URL. */
  repoUrl?: string;
  revision: string;
  namespace: string;
  project: string;
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
    gitops: readGitOps(
      c?.getOptionalConfig('gitops'),
      repositoryUrl,
      baseBranch,
    ),
  };
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** `platform.iac.gitops` with its defaults: revision = baseBranch, namespace argocd, project platform. */
function readGitOps(
  c: Config | undefined,
  repositoryUrl: string | undefined,
  baseBranch: string,
): GitOpsConfig {
  const hubRoleArn = c?.getOptionalString('hubRoleArn');
  if (hubRoleArn !== undefined && !ROLE_ARN.test(hubRoleArn)) {
    throw new Error(
      `platform.iac.gitops.hubRoleArn must be an IAM role ARN (arn:aws:iam::<account>:role/<name>), got '${hubRoleArn}'`,
    );
  }
  const repoUrl = c?.getOptionalString('repoUrl');
  if (repoUrl !== undefined)
    parseRepositoryUrl(repoUrl, 'platform.iac.gitops.repoUrl');
  const revision = c?.getOptionalString('revision') ?? baseBranch;
  if (!BRANCH_NAME.test(revision)) {
    throw new Error(
      `platform.iac.gitops.revision must be a git branch or tag name, got '${revision}'`,
    );
  }
  const names = {
    namespace: c?.getOptionalString('namespace') ?? 'argocd',
    project: c?.getOptionalString('project') ?? 'platform',
  };
  for (const [key, value] of Object.entries(names)) {
    if (!DNS_LABEL.test(value)) {
      throw new Error(
        `platform.iac.gitops.${key} must be a Kubernetes name (lower-case letters, digits, '-'), got '${value}'`,
      );
    }
  }
  return {
    hubRoleArn,
    repoUrl:
      repoUrl ??
      (repositoryUrl
        ? parseRepositoryUrl(repositoryUrl, 'platform.iac.repositoryUrl').url
        : undefined),
    revision,
    ...names,
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
