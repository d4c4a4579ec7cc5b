import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { initRepoAndPush } from '@backstage/plugin-scaffolder-node';
import { GitHubAccess } from '@platform-portal/platform-node';
import { RepoLocation, repoUrlOf } from '../inputRules';
import { CreateRepoRequest, CreatedRepo, ServiceRepoPublisher } from './types';

/**
 * A new private repository in the organisation, pushed with the integration's token. Credentials
 * are fetched per operation: GitHub App installation tokens expire.
 */
export class GitHubServiceRepoPublisher implements ServiceRepoPublisher {
  readonly kind = 'github' as const;

  constructor(
    private readonly github: Pick<GitHubAccess, 'octokit' | 'token'>,
    private readonly logger: LoggerService,
    private readonly options: {
      pollAttempts?: number;
      pollDelayMs?: number;
    } = {},
  ) {}

  async exists(location: RepoLocation): Promise<boolean> {
    const octokit = await this.github.octokit(repoUrlOf(location));
    try {
      await octokit.rest.repos.get({
        owner: location.owner,
        repo: location.repo,
      });
      return true;
    } catch (error) {
      if ((error as { status?: number }).status === 404) return false;
      throw error;
    }
  }

  async create(request: CreateRepoRequest): Promise<CreatedRepo> {
    const { owner, repo } = request.location;
    const url = repoUrlOf(request.location);
    const octokit = await this.github.octokit(url);
    let created;
    try {
      created = await octokit.rest.repos.createInOrg({
        org: owner,
        name: repo,
        description: request.description,
        private: true,
        auto_init: false,
        has_wiki: false,
        delete_branch_on_merge: true,
      });
    } catch (error) {
      if ((error as { status?: number }).status === 422) {
        throw new ConflictError(
          `repoUrl: ${owner}/${repo} already exists on GitHub; it is never overwritten`,
        );
      }
      throw error;
    }
    const { commitHash } = await initRepoAndPush({
      dir: request.sourceDir,
      remoteUrl: created.data.clone_url,
      auth: {
        username: 'x-access-token',
        password: await this.github.token(url),
      },
      logger: this.logger,
      defaultBranch: 'main',
      commitMessage: request.commitMessage,
      gitAuthorInfo: request.author,
    });
    return {
      remoteUrl: created.data.clone_url,
      htmlUrl: created.data.html_url,
      defaultBranch: 'main',
      commitSha: commitHash,
      catalogInfoUrl: `${created.data.html_url}/blob/main/catalog-info.yaml`,
    };
  }

  /** GitHub starts the delivery workflow on the first push; it may take a few seconds to list. */
  async firstWorkflowRunUrl(
    location: RepoLocation,
  ): Promise<string | undefined> {
    const attempts = this.options.pollAttempts ?? 10;
    const octokit = await this.github.octokit(repoUrlOf(location));
    for (let i = 0; i < attempts; i++) {
      const { data } = await octokit.rest.actions.listWorkflowRunsForRepo({
        owner: location.owner,
        repo: location.repo,
        per_page: 1,
      });
      const run = data.workflow_runs[data.workflow_runs.length - 1];
      if (run) return run.html_url;
      await new Promise(r => setTimeout(r, this.options.pollDelayMs ?? 2000));
    }
    return undefined;
  }
}
