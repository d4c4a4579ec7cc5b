import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { InputError } from '@backstage/errors';
import { Octokit } from 'octokit';
import { resolve as resolvePath } from 'node:path';
import { GitHubPublisher } from './GitHubPublisher';
import { LocalGitPublisher } from './LocalGitPublisher';
import { IacPublisher } from './types';

/** Default location of the embedded infrastructure repository (relative to the backend's cwd). */
export function defaultLocalRepositoryDir(): string {
  return resolvePath(
    process.env.PORTAL_DATA_DIR ?? '../../data',
    'git',
    'infrastructure.git',
  );
}

/**
 * GitHub when `platform.iac.repositoryUrl` names a repository whose host has an integration
 * with credentials; the local bare repository otherwise (the embedded default).
 */
export async function createPublisher(config: Config): Promise<IacPublisher> {
  const baseBranch =
    config.getOptionalString('platform.iac.baseBranch') ?? 'main';
  const repositoryUrl = config.getOptionalString('platform.iac.repositoryUrl');
  if (repositoryUrl) {
    const integrations = ScmIntegrations.fromConfig(config);
    const integration = integrations.github.byUrl(repositoryUrl);
    if (integration) {
      const match = new URL(repositoryUrl).pathname.match(
        /^\/([^/]+)\/([^/]+?)(\.git)?\/?$/,
      );
      if (!match) {
        throw new InputError(
          `platform.iac.repositoryUrl must look like https://github.com/<owner>/<repo>, got '${repositoryUrl}'`,
        );
      }
      const credentials =
        DefaultGithubCredentialsProvider.fromIntegrations(integrations);
      const { token } = await credentials.getCredentials({
        url: repositoryUrl,
      });
      if (token) {
        const octokit = new Octokit({
          auth: token,
          baseUrl: integration.config.apiBaseUrl,
        });
        return new GitHubPublisher(
          octokit,
          match[1],
          match[2],
          baseBranch,
          new URL(repositoryUrl).origin,
        );
      }
    }
  }
  const dir =
    config.getOptionalString('platform.iac.localRepositoryDir') ??
    defaultLocalRepositoryDir();
  return new LocalGitPublisher(resolvePath(dir), baseBranch);
}
