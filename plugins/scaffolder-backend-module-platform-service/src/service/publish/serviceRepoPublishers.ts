import { LoggerService } from '@backstage/backend-plugin-api';
import { GitHosting } from '@platform-portal/platform-node';
import { RepoLocation, repoUrlOf } from '../inputRules';
import { GitHubServiceRepoPublisher } from './GitHubServiceRepoPublisher';
import { LocalServiceRepoPublisher } from './LocalServiceRepoPublisher';
import { ServiceRepoPublisher } from './types';

/** The publisher for a picked repository location. */
export type ServiceRepoPublisherFor = (
  location: RepoLocation,
  logger: LoggerService,
) => ServiceRepoPublisher;

/**
 * GitHub when GitHosting (the one GitHub-or-local decision, shared with the infrastructure
 * repository) finds credentials for the picked host; otherwise the local bare repositories, the
 * embedded default.
 */
export function serviceRepoPublishers(
  hosting: GitHosting,
  localRepositoriesDir: string,
): ServiceRepoPublisherFor {
  const local = new LocalServiceRepoPublisher(localRepositoriesDir);
  return (location, logger) => {
    const github = hosting.github(repoUrlOf(location));
    return github ? new GitHubServiceRepoPublisher(github, logger) : local;
  };
}
