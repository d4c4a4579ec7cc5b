import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { initRepoAndPush } from '@backstage/plugin-scaffolder-node';
import { GitHubAccess } from '@platform-portal/platform-node';
import { Octokit } from 'octokit';
import { RepoLocation, repoUrlOf } from '../inputRules';
import { CreateRepoRequest, CreatedRepo, ServiceRepoPublisher } from './types';

/**
 * Ends the description of a repository this portal created and has not pushed to yet. The
 * digest is keyed with the integration's secrets and bound to the repository's name, so nobody
 * can mark a repository of their own to have the portal adopt it.
 */
export function pendingPushMark(
  github: Pick<GitHubAccess, 'signature'>,
  location: RepoLocation,
): string {
  const { owner, repo } = location;
  return `[Platform Portal: first push pending ${github.signature(
    `service-repository:${owner}/${repo}`,
  )}]`;
}

type Repository = { clone_url: string; html_url: string };

/**
 * A new private repository in the organisation, pushed with the integration's token. Credentials
 * are fetched per operation: GitHub App installation tokens expire.
 *
 * Creating is two writes, and the push can fail (or the backend restart) after the repository
 * exists. The repository is therefore created with a pending mark in its description, removed
 * after the first push; a rerun that finds the name taken by an EMPTY repository carrying this
 * portal's mark for this name pushes into it instead of refusing. Anything else is never touched.
 */
export class GitHubServiceRepoPublisher implements ServiceRepoPublisher {
  readonly kind = 'github' as const;

  constructor(
    private readonly github: Pick<
      GitHubAccess,
      'octokit' | 'token' | 'signature'
    >,
    private readonly logger: LoggerService,
    private readonly options: {
      pollAttempts?: number;
      pollDelayMs?: number;
    } = {},
  ) {}

  /** True when the name is taken; a repository left empty by a failed run of the portal is not. */
  async exists(location: RepoLocation): Promise<boolean> {
    const octokit = await this.github.octokit(repoUrlOf(location));
    const found = await this.find(octokit, location);
    return !!found && !(await this.isLeftover(octokit, location, found));
  }

  async create(request: CreateRepoRequest): Promise<CreatedRepo> {
    const { location } = request;
    const { owner, repo } = location;
    const url = repoUrlOf(location);
    const octokit = await this.github.octokit(url);
    const created = await this.createOrReuse(octokit, request);
    const commitHash = await this.pushFirstCommit(octokit, request, created);
    // Done: the description loses its pending mark (a leftover mark is harmless, as the
    // repository is no longer empty).
    await octokit.rest.repos
      .update({ owner, repo, description: request.description })
      .catch(error =>
        this.logger.warn(
          `Could not set the description of ${owner}/${repo}: ${error}`,
        ),
      );
    return {
      remoteUrl: created.clone_url,
      htmlUrl: created.html_url,
      defaultBranch: 'main',
      commitSha: commitHash,
      catalogInfoUrl: `${created.html_url}/blob/main/catalog-info.yaml`,
    };
  }

  private async createOrReuse(
    octokit: Octokit,
    request: CreateRepoRequest,
  ): Promise<Repository> {
    const { location } = request;
    const { owner, repo } = location;
    try {
      const { data } = await octokit.rest.repos.createInOrg({
        org: owner,
        name: repo,
        description: `${request.description} ${pendingPushMark(
          this.github,
          location,
        )}`,
        private: true,
        auto_init: false,
        has_wiki: false,
        delete_branch_on_merge: true,
      });
      return data;
    } catch (error) {
      if ((error as { status?: number }).status !== 422) throw error;
    }
    const existing = await this.find(octokit, location);
    if (existing && (await this.isLeftover(octokit, location, existing))) {
      this.logger.info(
        `Reusing ${owner}/${repo}: an earlier run of the portal created it and stopped before its first push (it is empty and carries the portal's pending mark)`,
      );
      return existing;
    }
    throw new ConflictError(
      `repoUrl: ${owner}/${repo} already exists on GitHub; it is never overwritten`,
    );
  }

  /**
   * Pushes a copy of the workspace without any `.git` (a failed attempt may have left one), so
   * every attempt pushes exactly one commit.
   */
  private async pushFirstCommit(
    octokit: Octokit,
    request: CreateRepoRequest,
    repository: Repository,
  ): Promise<string> {
    const { owner, repo } = request.location;
    const staging = await fs.mkdtemp(join(tmpdir(), 'portal-service-push-'));
    try {
      await fs.cp(request.sourceDir, staging, {
        recursive: true,
        filter: source => basename(source) !== '.git',
      });
      const { commitHash } = await initRepoAndPush({
        dir: staging,
        remoteUrl: repository.clone_url,
        auth: {
          username: 'x-access-token',
          password: await this.github.token(repoUrlOf(request.location)),
        },
        logger: this.logger,
        defaultBranch: 'main',
        commitMessage: request.commitMessage,
        gitAuthorInfo: request.author,
      });
      return commitHash;
    } catch (error) {
      if (!(await this.isEmpty(octokit, request.location))) {
        throw new ConflictError(
          `repoUrl: ${owner}/${repo} got its first commit from another run meanwhile; it is never overwritten`,
        );
      }
      throw new Error(
        `Pushing the first commit to ${owner}/${repo} failed: ${
          (error as Error).message
        }; the repository stays empty and marked as the portal's, so a rerun pushes into it`,
      );
    } finally {
      await fs.rm(staging, { recursive: true, force: true });
    }
  }

  private async find(octokit: Octokit, location: RepoLocation) {
    try {
      const { data } = await octokit.rest.repos.get({
        owner: location.owner,
        repo: location.repo,
      });
      return data;
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw error;
    }
  }

  /** Empty and marked by this portal for this name: what a run that failed to push leaves. */
  private async isLeftover(
    octokit: Octokit,
    location: RepoLocation,
    repository: { description: string | null },
  ): Promise<boolean> {
    const marked = (repository.description ?? '').endsWith(
      pendingPushMark(this.github, location),
    );
    return marked && (await this.isEmpty(octokit, location));
  }

  /** No branch at all. GitHub answers `409 Git Repository is empty` to ref reads of such one. */
  private async isEmpty(
    octokit: Octokit,
    location: RepoLocation,
  ): Promise<boolean> {
    try {
      const { data } = await octokit.rest.repos.listBranches({
        owner: location.owner,
        repo: location.repo,
        per_page: 1,
        request: { retries: 0 }, // a 409 here is the answer, not a hiccup to retry
      });
      return data.length === 0;
    } catch (error) {
      if ((error as { status?: number }).status === 409) return true;
      throw error;
    }
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
