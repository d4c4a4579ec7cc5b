import { Config } from '@backstage/config';
import { readIacConfig } from '../config/iacConfig';
import { GitHosting } from '../git/gitHosting';
import { GitHubInfrastructureRepository } from './GitHubInfrastructureRepository';
import { LocalInfrastructureRepository } from './LocalInfrastructureRepository';
import { InfrastructureRepository } from './types';

/**
 * The infrastructure repository `platform.iac` names, decided once:
 * - no `platform.iac.repositoryUrl`: the local bare repository (`localRepositoryDir`, by default
 *   under the data dir), the embedded default;
 * - `repositoryUrl` with an `integrations.github` entry that has credentials for its host: GitHub;
 * - `repositoryUrl` without such an entry: an error, at start-up. Falling back to the local
 *   repository would publish where nobody looks while the catalog reads GitHub.
 */
export function createInfrastructureRepository(
  config: Config,
  hosting: GitHosting = GitHosting.fromConfig(config),
): InfrastructureRepository {
  const iac = readIacConfig(config);
  const coordinates = iac.repository;
  if (!coordinates) {
    return new LocalInfrastructureRepository(
      iac.localRepositoryDir,
      iac.baseBranch,
    );
  }
  const github = hosting.github(coordinates.url);
  if (!github) {
    throw new Error(
      `platform.iac.repositoryUrl is ${coordinates.url}, but integrations.github has no entry with a token or a GitHub App for ${coordinates.host}. ` +
        `Add one (integrations.github[].host: ${coordinates.host} with token or apps), or remove platform.iac.repositoryUrl to publish to the local repository ${iac.localRepositoryDir}.`,
    );
  }
  return new GitHubInfrastructureRepository({
    octokit: () => github.octokit(coordinates.url),
    owner: coordinates.owner,
    repo: coordinates.repo,
    baseBranch: iac.baseBranch,
    webBaseUrl: coordinates.webBaseUrl,
  });
}
