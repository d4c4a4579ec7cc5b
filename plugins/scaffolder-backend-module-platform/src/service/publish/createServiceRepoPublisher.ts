import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { Octokit } from 'octokit';
import { resolve as resolvePath } from 'node:path';
import { RepoLocation } from '../inputRules';
import { GitHubServiceRepoPublisher } from './GitHubServiceRepoPublisher';
import { LocalServiceRepoPublisher } from './LocalServiceRepoPublisher';
import { ServiceRepoPublisher } from './types';

/** Default folder of the local service repositories (relative to the backend's cwd). */
export function defaultServiceRepositoriesDir(): string {
  return resolvePath(
    process.env.PORTAL_DATA_DIR ?? '../../data',
    'git',
    'services',
  );
}

export function serviceRepositoriesDir(config: Config): string {
  return resolvePath(
    config.getOptionalString('platform.services.localRepositoriesDir') ??
      defaultServiceRepositoriesDir(),
  );
}

/** Organisations the template may create repositories in (RepoUrlPicker allowedOwners too). */
export function allowedServiceOrgs(config: Config): string[] {
  return (
    config.getOptionalStringArray('platform.services.allowedGithubOrgs') ?? [
      'acme',
    ]
  );
}

/**
 * GitHub when an integration with credentials exists for the picked host; otherwise the local
 * bare repositories (the embedded default, like the environment template's publisher).
 */
export async function createServiceRepoPublisher(
  config: Config,
  location: RepoLocation,
  logger: LoggerService,
): Promise<ServiceRepoPublisher> {
  const integrations = ScmIntegrations.fromConfig(config);
  const integration = integrations.github.byHost(location.host);
  if (integration) {
    const { token } = await DefaultGithubCredentialsProvider.fromIntegrations(
      integrations,
    ).getCredentials({
      url: `https://${location.host}/${location.owner}/${location.repo}`,
    });
    if (token) {
      const octokit = new Octokit({
        auth: token,
        baseUrl: integration.config.apiBaseUrl,
      });
      return new GitHubServiceRepoPublisher(octokit, token, logger);
    }
  }
  return new LocalServiceRepoPublisher(serviceRepositoriesDir(config));
}
