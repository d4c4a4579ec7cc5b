import { ApiError } from '../http';
import { isoNow, PullRecord, RepoRecord } from '../store';

const notMergeable = () => new ApiError(405, 'Pull Request is not mergeable');

/** GitHub commits merges made on the web as itself. */
const GITHUB_COMMITTER = { name: 'GitHub', email: 'noreply@github.com' };

export interface MergeOptions {
  method: 'merge' | 'squash' | 'rebase';
  title?: string;
  message?: string;
  /** `sha` of the merge request: the head must still be there. */
  expectedHeadSha?: string;
  author: { name: string; email: string };
  login: string;
}

/**
 * Merges a pull request in the bare repository as GitHub does: `merge` always makes a merge
 * commit (GitHub never fast-forwards), `squash` one commit on the base, `rebase` replays the
 * head's commits (only when the base has not moved since the branch was cut: no conflict
 * resolution). The base branch moves by compare-and-swap; 405/409 as GitHub answers.
 */
export async function mergePullRequest(
  repo: RepoRecord,
  pr: PullRecord,
  options: MergeOptions,
): Promise<string> {
  if (pr.state !== 'open') throw notMergeable();
  const allowed = {
    merge: repo.settings.allowMergeCommit,
    squash: repo.settings.allowSquashMerge,
    rebase: repo.settings.allowRebaseMerge,
  }[options.method];
  if (!allowed) {
    throw new ApiError(
      405,
      `${options.method} merges are not allowed on this repository.`,
    );
  }
  const baseRef = `refs/heads/${pr.baseRef}`;
  const base = await repo.git.refSha(baseRef);
  const head = await repo.git.refSha(`refs/heads/${pr.headRef}`);
  if (!base || !head) throw notMergeable();
  if (options.expectedHeadSha && options.expectedHeadSha !== head) {
    throw new ApiError(
      409,
      'Head branch was modified. Review and try the merge again.',
    );
  }
  const tree = await repo.git.mergeTrees(base, head);
  if (!tree) throw notMergeable();
  const now = isoNow();
  const author = { ...options.author, date: now };
  const committer = { ...GITHUB_COMMITTER, date: now };

  let result: string;
  if (options.method === 'merge') {
    const title =
      options.title ??
      `Merge pull request #${pr.number} from ${repo.owner.login}/${pr.headRef}`;
    result = await repo.git.writeCommit({
      tree,
      parents: [base, head],
      message: `${title}\n\n${options.message ?? pr.title}`,
      author,
      committer,
    });
  } else if (options.method === 'squash') {
    const commits = await repo.git.commitsBetween(base, head);
    const messages = await Promise.all(
      commits.map(
        async sha => `* ${(await repo.git.readCommit(sha)).message.trim()}`,
      ),
    );
    result = await repo.git.writeCommit({
      tree,
      parents: [base],
      message: `${options.title ?? `${pr.title} (#${pr.number})`}\n\n${
        options.message ?? messages.join('\n\n')
      }`,
      author,
      committer,
    });
  } else {
    if (!(await repo.git.isAncestor(base, head))) {
      throw new ApiError(405, "This branch can't be rebased");
    }
    result = base;
    for (const sha of await repo.git.commitsBetween(base, head)) {
      const commit = await repo.git.readCommit(sha);
      result = await repo.git.writeCommit({
        tree: commit.tree,
        parents: [result],
        message: commit.message,
        author: commit.author,
        committer,
      });
    }
  }

  if (!(await repo.git.compareAndSwapRef(baseRef, result, base))) {
    throw new ApiError(
      409,
      'Base branch was modified. Review and try the merge again.',
    );
  }
  Object.assign(pr, {
    state: 'closed',
    headSha: head,
    mergedAt: now,
    closedAt: now,
    updatedAt: now,
    mergeCommitSha: result,
    mergedBy: options.login,
  });
  if (repo.settings.deleteBranchOnMerge) {
    await repo.git.deleteRef(`refs/heads/${pr.headRef}`, head);
  }
  return result;
}
