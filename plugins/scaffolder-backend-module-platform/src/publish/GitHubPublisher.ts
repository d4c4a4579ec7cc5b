import { Octokit } from 'octokit';
import { IacPublisher, PublishRequest, PublishResult } from './types';

type TreeEntry = {
  path: string;
  mode: '100644';
  type: 'blob';
  content?: string;
  sha?: string | null;
};

/**
 * Publishes to a GitHub repository through the Git Data API: the tree and the commit are
 * built first (unreferenced objects are invisible and garbage-collected), then the branch ref
 * is created or moved, then the pull request is opened or updated. If the pull request step
 * fails, the ref is put back as it was, so nothing partial stays behind and a retry succeeds.
 */
export class GitHubPublisher implements IacPublisher {
  readonly target: string;

  constructor(
    private readonly octokit: Octokit,
    private readonly owner: string,
    private readonly repo: string,
    private readonly baseBranch = 'main',
    private readonly webBaseUrl = 'https://github.com',
  ) {
    this.target = `${owner}/${repo}`;
  }

  fileUrl(branch: string, path: string): string {
    return `${this.webBaseUrl}/${this.owner}/${this.repo}/blob/${branch}/${path}`;
  }

  async existingPaths(paths: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const path of paths) {
      if ((await this.getContent(path.replace(/\/+$/, ''))) !== undefined)
        found.add(path);
    }
    return found;
  }

  async readFile(path: string): Promise<string | undefined> {
    const data = await this.getContent(path);
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
    const data = await this.getContent(dir.replace(/\/+$/, ''));
    return Array.isArray(data)
      ? data.filter(e => e.type === 'dir').map(e => e.name)
      : [];
  }

  async publish(request: PublishRequest): Promise<PublishResult> {
    const { owner, repo } = this;
    const { data: baseRef } = await this.octokit.rest.git.getRef({
      owner,
      repo,
      ref: `heads/${this.baseBranch}`,
    });
    const baseSha = baseRef.object.sha;
    const { data: baseCommit } = await this.octokit.rest.git.getCommit({
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
    entries.push(...(await this.deletions(baseCommit.tree.sha, request)));

    const { data: tree } = await this.octokit.rest.git.createTree({
      owner,
      repo,
      base_tree: baseCommit.tree.sha,
      tree: entries,
    });
    const { data: commit } = await this.octokit.rest.git.createCommit({
      owner,
      repo,
      message: `${request.commitMessage}\n\n${request.pullRequest.body}`.trim(),
      tree: tree.sha,
      parents: [baseSha],
      ...(request.author ? { author: request.author } : {}),
    });

    const previousSha = await this.branchSha(request.branch);
    if (previousSha) {
      await this.octokit.rest.git.updateRef({
        owner,
        repo,
        ref: `heads/${request.branch}`,
        sha: commit.sha,
        force: true,
      });
    } else {
      await this.octokit.rest.git.createRef({
        owner,
        repo,
        ref: `refs/heads/${request.branch}`,
        sha: commit.sha,
      });
    }

    try {
      const pr = await this.openOrUpdatePullRequest(request);
      return {
        target: this.target,
        branch: request.branch,
        commitSha: commit.sha,
        commitUrl: `${this.webBaseUrl}/${owner}/${repo}/commit/${commit.sha}`,
        pullRequestUrl: pr.html_url,
        pullRequestNumber: pr.number,
        pullRequestReused: pr.reused,
      };
    } catch (error) {
      await this.restoreBranch(request.branch, previousSha);
      throw error;
    }
  }

  /** Deletion entries for files under the owned folders that the new file set no longer has. */
  private async deletions(
    baseTreeSha: string,
    request: PublishRequest,
  ): Promise<TreeEntry[]> {
    const folders = (request.replaceFolders ?? []).map(
      f => `${f.replace(/\/+$/, '')}/`,
    );
    if (folders.length === 0) return [];
    const { data } = await this.octokit.rest.git.getTree({
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

  private async openOrUpdatePullRequest(request: PublishRequest) {
    const { owner, repo } = this;
    const { data: open } = await this.octokit.rest.pulls.list({
      owner,
      repo,
      head: `${owner}:${request.branch}`,
      base: this.baseBranch,
      state: 'open',
    });
    if (open.length > 0) {
      const { data } = await this.octokit.rest.pulls.update({
        owner,
        repo,
        pull_number: open[0].number,
        title: request.pullRequest.title,
        body: request.pullRequest.body,
      });
      return { html_url: data.html_url, number: data.number, reused: true };
    }
    const { data } = await this.octokit.rest.pulls.create({
      owner,
      repo,
      head: request.branch,
      base: this.baseBranch,
      title: request.pullRequest.title,
      body: request.pullRequest.body,
    });
    return { html_url: data.html_url, number: data.number, reused: false };
  }

  private async restoreBranch(branch: string, previousSha: string | undefined) {
    const ref = `heads/${branch}`;
    if (previousSha) {
      await this.octokit.rest.git.updateRef({
        owner: this.owner,
        repo: this.repo,
        ref,
        sha: previousSha,
        force: true,
      });
    } else {
      await this.octokit.rest.git.deleteRef({
        owner: this.owner,
        repo: this.repo,
        ref,
      });
    }
  }

  private async branchSha(branch: string): Promise<string | undefined> {
    try {
      const { data } = await this.octokit.rest.git.getRef({
        owner: this.owner,
        repo: this.repo,
        ref: `heads/${branch}`,
      });
      return data.object.sha;
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw error;
    }
  }

  private async getContent(path: string) {
    try {
      const { data } = await this.octokit.rest.repos.getContent({
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
