import { Octokit } from 'octokit';
import {
  branchHead,
  commitParents,
  compareAndSwapBranch,
  GitHubRepository,
  restoreBranch,
} from './gitHubBranchRefs';
import {
  branchOrder,
  ChangeRequest,
  ENVIRONMENT_FILE,
  InfrastructureRepository,
  isEnvironmentBranch,
  ProposedChange,
  RepositoryFile,
} from './types';

type TreeEntry = {
  path: string;
  mode: '100644';
  type: 'blob';
  content?: string;
  sha?: string | null;
};

export interface GitHubInfrastructureRepositoryOptions {
  /**
   * An Octokit with fresh credentials. Called once per operation: GitHub App installation
   * tokens expire after an hour, so a client built at start-up would stop working.
   */
  octokit: () => Promise<Octokit>;
  owner: string;
  repo: string;
  baseBranch?: string;
  /** https://<host>, where people browse the repository. */
  webBaseUrl?: string;
}

/**
 * A GitHub repository. Changes go through the Git Data API: the tree and the commit are built
 * first (unreferenced objects are invisible and garbage-collected), then the branch ref is
 * created or moved, then the pull request is opened or updated. If the pull request step fails,
 * the ref is put back as it was, so nothing partial stays behind and a retry succeeds.
 *
 * The ref write is a compare-and-swap against the branch head read when the publish started
 * (see gitHubBranchRefs): of two concurrent publishes exactly one lands, the other gets a
 * ConflictError, writes nothing visible and opens no pull request.
 */
export class GitHubInfrastructureRepository
  implements InfrastructureRepository
{
  readonly kind = 'github' as const;
  readonly target: string;
  readonly url: string;
  readonly baseBranch: string;
  private readonly owner: string;
  private readonly repo: string;
  private readonly client: () => Promise<Octokit>;
  /** Environment files per commit sha: a commit's tree never changes. */
  private readonly filesByCommit = new Map<
    string,
    Array<{ path: string; sha: string }>
  >();
  /** File contents per blob sha: a blob never changes either. */
  private readonly blobs = new Map<string, string>();

  constructor(options: GitHubInfrastructureRepositoryOptions) {
    this.owner = options.owner;
    this.repo = options.repo;
    this.baseBranch = options.baseBranch ?? 'main';
    this.client = options.octokit;
    this.target = `${this.owner}/${this.repo}`;
    this.url = `${options.webBaseUrl ?? 'https://github.com'}/${this.owner}/${
      this.repo
    }`;
  }

  fileUrl(branch: string, path: string): string {
    return `${this.url}/blob/${branch}/${path}`;
  }

  /**
   * One call lists every branch head; trees and blobs are fetched only for commits and blobs not
   * seen before. An unchanged repository therefore costs one call per refresh.
   */
  async readEnvironmentFiles(): Promise<RepositoryFile[]> {
    const octokit = await this.client();
    const { owner, repo } = this;
    const { data: refs } = await octokit.rest.git.listMatchingRefs({
      owner,
      repo,
      ref: 'heads/',
    });
    const heads = refs
      .map(r => ({
        branch: r.ref.replace(/^refs\/heads\//, ''),
        sha: r.object.sha,
      }))
      .filter(h => isEnvironmentBranch(h.branch, this.baseBranch))
      .sort((a, b) => branchOrder(this.baseBranch)(a.branch, b.branch));
    const files: RepositoryFile[] = [];
    for (const head of heads) {
      let entries = this.filesByCommit.get(head.sha);
      if (!entries) {
        const { data: commit } = await octokit.rest.git.getCommit({
          owner,
          repo,
          commit_sha: head.sha,
        });
        const { data: tree } = await octokit.rest.git.getTree({
          owner,
          repo,
          tree_sha: commit.tree.sha,
          recursive: 'true',
        });
        entries = tree.tree
          .filter(e => e.type === 'blob' && ENVIRONMENT_FILE.test(e.path ?? ''))
          .map(e => ({ path: e.path!, sha: e.sha! }));
        this.filesByCommit.set(head.sha, entries);
      }
      for (const entry of entries) {
        let content = this.blobs.get(entry.sha);
        if (content === undefined) {
          const { data: blob } = await octokit.rest.git.getBlob({
            owner,
            repo,
            file_sha: entry.sha,
          });
          content = Buffer.from(blob.content, 'base64').toString('utf8');
          this.blobs.set(entry.sha, content);
        }
        files.push({
          branch: head.branch,
          path: entry.path,
          content,
          location: this.fileUrl(head.branch, entry.path),
        });
      }
    }
    this.forgetAllBut(new Set(heads.map(h => h.sha)));
    return files;
  }

  /** Keeps the caches to what the current branch heads still reference. */
  private forgetAllBut(commits: Set<string>) {
    for (const sha of this.filesByCommit.keys()) {
      if (!commits.has(sha)) this.filesByCommit.delete(sha);
    }
    const blobsInUse = new Set(
      [...this.filesByCommit.values()].flat().map(e => e.sha),
    );
    for (const sha of this.blobs.keys()) {
      if (!blobsInUse.has(sha)) this.blobs.delete(sha);
    }
  }

  async existingPaths(paths: string[]): Promise<Set<string>> {
    const octokit = await this.client();
    const found = new Set<string>();
    for (const path of paths) {
      if (
        (await this.getContent(octokit, path.replace(/\/+$/, ''))) !== undefined
      )
        found.add(path);
    }
    return found;
  }

  async readFile(path: string): Promise<string | undefined> {
    const data = await this.getContent(await this.client(), path);
    if (
      !data ||
      Array.isArray(data) ||
      data.type !== 'file' ||
      !('content' in data)
    ) {
      return undefined;
    }
    return Buffer.from(data.content, 'base64').toString('utf8');
  }

  async listFolders(dir: string): Promise<string[]> {
    const data = await this.getContent(
      await this.client(),
      dir.replace(/\/+$/, ''),
    );
    return Array.isArray(data)
      ? data.filter(e => e.type === 'dir').map(e => e.name)
      : [];
  }

  async proposeChange(request: ChangeRequest): Promise<ProposedChange> {
    const octokit = await this.client();
    const { owner, repo } = this;
    const github: GitHubRepository = {
      octokit,
      owner,
      repo,
      target: this.target,
    };
    const { data: baseRef } = await octokit.rest.git.getRef({
      owner,
      repo,
      ref: `heads/${this.baseBranch}`,
    });
    const baseSha = baseRef.object.sha;
    // What the branch points at now: the ref write below succeeds only from there.
    const previousSha =
      request.branch === this.baseBranch
        ? baseSha
        : await branchHead(github, request.branch);
    const { data: baseCommit } = await octokit.rest.git.getCommit({
      owner,
      repo,
      commit_sha: baseSha,
    });

    const entries: TreeEntry[] = Object.entries(request.files).map(
      ([path, content]) => ({
        path,
        mode: '100644',
        type: 'blob',
        content,
      }),
    );
    entries.push(
      ...(await this.deletions(octokit, baseCommit.tree.sha, request)),
    );

    const { data: tree } = await octokit.rest.git.createTree({
      owner,
      repo,
      base_tree: baseCommit.tree.sha,
      tree: entries,
    });
    const { data: commit } = await octokit.rest.git.createCommit({
      owner,
      repo,
      message: `${request.commitMessage}\n\n${request.pullRequest.body}`.trim(),
      tree: tree.sha,
      parents: commitParents(previousSha, baseSha),
      ...(request.author ? { author: request.author } : {}),
    });

    await compareAndSwapBranch(github, request.branch, commit.sha, previousSha);

    try {
      const pr = await this.openOrUpdatePullRequest(octokit, request);
      return {
        target: this.target,
        branch: request.branch,
        commitSha: commit.sha,
        commitUrl: `${this.url}/commit/${commit.sha}`,
        pullRequestUrl: pr.html_url,
        pullRequestNumber: pr.number,
        pullRequestReused: pr.reused,
      };
    } catch (error) {
      await restoreBranch(github, request.branch, commit.sha, previousSha);
      throw error;
    }
  }

  /** Deletion entries for files under the owned folders that the new file set no longer has. */
  private async deletions(
    octokit: Octokit,
    baseTreeSha: string,
    request: ChangeRequest,
  ): Promise<TreeEntry[]> {
    const folders = (request.replaceFolders ?? []).map(
      f => `${f.replace(/\/+$/, '')}/`,
    );
    if (folders.length === 0) return [];
    const { data } = await octokit.rest.git.getTree({
      owner: this.owner,
      repo: this.repo,
      tree_sha: baseTreeSha,
      recursive: 'true',
    });
    return data.tree
      .filter(
        e =>
          e.type === 'blob' &&
          e.path !== undefined &&
          folders.some(f => e.path!.startsWith(f)) &&
          !(e.path! in request.files),
      )
      .map(e => ({ path: e.path!, mode: '100644', type: 'blob', sha: null }));
  }

  private async openOrUpdatePullRequest(
    octokit: Octokit,
    request: ChangeRequest,
  ) {
    const { owner, repo } = this;
    const { data: open } = await octokit.rest.pulls.list({
      owner,
      repo,
      head: `${owner}:${request.branch}`,
      base: this.baseBranch,
      state: 'open',
    });
    if (open.length > 0) {
      const { data } = await octokit.rest.pulls.update({
        owner,
        repo,
        pull_number: open[0].number,
        title: request.pullRequest.title,
        body: request.pullRequest.body,
      });
      return { html_url: data.html_url, number: data.number, reused: true };
    }
    const { data } = await octokit.rest.pulls.create({
      owner,
      repo,
      head: request.branch,
      base: this.baseBranch,
      title: request.pullRequest.title,
      body: request.pullRequest.body,
    });
    return { html_url: data.html_url, number: data.number, reused: false };
  }

  private async getContent(octokit: Octokit, path: string) {
    try {
      const { data } = await octokit.rest.repos.getContent({
        owner: this.owner,
        repo: this.repo,
        path,
        ref: this.baseBranch,
      });
      return data;
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw error;
    }
  }
}
