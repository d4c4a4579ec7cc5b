import { createHmac } from 'node:crypto';
import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import { Octokit } from 'octokit';

/** What the portal may do on one GitHub host: fresh credentials for each operation. */
export interface GitHubAccess {
  host: string;
  /** REST base URL of the host (https://api.github.com, or the GHES / test server's). */
  apiBaseUrl: string;
  /** A token for `url`; GitHub App installation tokens expire, so ask per operation. */
  token(url: string): Promise<string>;
  /** An Octokit authenticated for `url`, built with a fresh token. */
  octokit(url: string): Promise<Octokit>;
  /**
   * A keyed digest of `text` under this integration's own secrets (its token, its GitHub Apps'
   * private keys): a mark only this portal can put on a GitHub object, e.g. to recognise a
   * repository it created. Stable across restarts; changes when those credentials are rotated.
   */
  signature(text: string): string;
}

/**
 * THE decision between GitHub and a repository on this machine, for the infrastructure
 * repository and for new service repositories alike: a repository URL is on GitHub for the
 * portal when an `integrations.github` entry for its host has credentials (a token or a GitHub
 * App). Static, so it can be decided at start-up without calling GitHub.
 */
export class GitHosting {
  static fromConfig(config: Config): GitHosting {
    const integrations = ScmIntegrations.fromConfig(config);
    return new GitHosting(
      integrations,
      DefaultGithubCredentialsProvider.fromIntegrations(integrations),
    );
  }

  constructor(
    private readonly integrations: ScmIntegrationRegistry,
    private readonly credentials: GithubCredentialsProvider,
  ) {}

  /** Hosts that have an `integrations.github` entry (with or without credentials). */
  githubHosts(): string[] {
    return this.integrations.github.list().map(i => i.config.host);
  }

  /**
   * GitHub access for the repository at `url`, or undefined when no `integrations.github` entry
   * with a token or a GitHub App exists for its host (the repository is then local, or an
   * error, as the caller decides).
   */
  github(url: string): GitHubAccess | undefined {
    const integration = this.integrations.github.byUrl(url);
    const { token, apps } = integration?.config ?? {};
    if (!integration || (!token && !apps?.length)) return undefined;
    const apiBaseUrl =
      integration.config.apiBaseUrl ?? 'https://api.github.com';
    const tokenFor = async (repoUrl: string) => {
      const found = await this.credentials.getCredentials({ url: repoUrl });
      if (!found.token) {
        throw new Error(
          `integrations.github for ${integration.config.host} gave no token for ${repoUrl}; check its token or GitHub App installation`,
        );
      }
      return found.token;
    };
    const secrets = JSON.stringify([
      token ?? null,
      ...(apps ?? []).map(app => app.privateKey),
    ]);
    return {
      host: integration.config.host,
      apiBaseUrl,
      token: tokenFor,
      signature: text =>
        createHmac('sha256', secrets).update(text).digest('hex').slice(0, 24),
      octokit: async repoUrl =>
        new Octokit({ auth: await tokenFor(repoUrl), baseUrl: apiBaseUrl }),
    };
  }
}
