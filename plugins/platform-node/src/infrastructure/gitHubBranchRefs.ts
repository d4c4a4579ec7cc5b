import { Octokit } from 'octokit';
import { branchMovedError } from './branchMoved';

/*
 * Branch writes on GitHub as a compare-and-swap against the head a publish read when it started.
 *
 * GitHub has no "update if still at sha X", but it has two atomic checks that together give one:
 * a new branch is created (`422 Reference already exists` if someone created it meanwhile), and
 * an existing one is moved WITHOUT force, which GitHub refuses unless the new commit descends
 * from the current head (`422 Update is not a fast forward`). So a publish's commit takes the
 * head it read as its first parent (and the base branch as its second, see `commitParents`): it
 * fast-forwards that head (or an older commit of it), never a commit someone pushed since. Of two
 * concurrent publishes exactly one lands; the other gets a ConflictError before it touches the
 * pull request.
 */

/** One repository on GitHub, with the client of the current operation. */
export interface GitHubRepository {
  octokit: Octokit;
  owner: string;
  repo: string;
  /** `owner/repo`, for messages. */
  target: string;
}

/** The commit `branch` points at, or undefined when it does not exist. */
export async function branchHead(
  { octokit, owner, repo }: GitHubRepository,
  branch: string,
): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.git.getRef({
      owner,
      repo,
      ref: `heads/${branch}`,
    });
    return data.object.sha;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

/**
 * Parents of a publish's commit, whose tree is always "base branch + the request's files": the
 * base alone for a new branch; otherwise the branch head read at the start, then the base. The
 * pull request's diff (from the merge base, i.e. the base branch) is the same either way, and
 * every revision stays in the pull request as a commit instead of a force push.
 */
export function commitParents(
  previousSha: string | undefined,
  baseSha: string,
): string[] {
  return previousSha && previousSha !== baseSha
    ? [previousSha, baseSha]
    : [baseSha];
}

/**
 * Points `branch` at `sha` only if it is still where it was read (`previousSha`; undefined:
 * absent). Both writes are atomic on GitHub's side; losing either is a ConflictError.
 */
export async function compareAndSwapBranch(
  github: GitHubRepository,
  branch: string,
  sha: string,
  previousSha: string | undefined,
): Promise<void> {
  const { octokit, owner, repo } = github;
  try {
    if (previousSha) {
      await octokit.rest.git.updateRef({
        owner,
        repo,
        ref: `heads/${branch}`,
        sha,
        force: false,
      });
    } else {
      await octokit.rest.git.createRef({
        owner,
        repo,
        ref: `refs/heads/${branch}`,
        sha,
      });
    }
  } catch (error) {
    const { status, message } = error as { status?: number; message?: string };
    // Created meanwhile / moved to a commit ours does not descend from / deleted meanwhile.
    const lost =
      /Reference already exists|not a fast forward|Reference does not exist/i;
    if (status === 422 && lost.test(message ?? '')) {
      throw branchMovedError(github.target, branch);
    }
    throw error;
  }
}

/**
 * Undoes a publish's ref write after its pull request step failed. Going back is not a
 * fast-forward, so it needs force: it is done only while the branch still holds that publish's
 * commit. If another publish moved it since, that change stands.
 */
export async function restoreBranch(
  github: GitHubRepository,
  branch: string,
  publishedSha: string,
  previousSha: string | undefined,
): Promise<void> {
  const { octokit, owner, repo } = github;
  if ((await branchHead(github, branch)) !== publishedSha) return;
  const ref = `heads/${branch}`;
  if (previousSha) {
    await octokit.rest.git.updateRef({
      owner,
      repo,
      ref,
      sha: previousSha,
      force: true,
    });
  } else {
    await octokit.rest.git.deleteRef({ owner, repo, ref });
  }
}
