import { GitTreeEntry } from './BareRepository';
import { ApiError, notFound } from './http';
import { RepoRecord, UserRecord } from './store';
import { TreeEditor } from './TreeEditor';

/** The commit identity GitHub gives a user who has no public e-mail. */
export function signatureOf(user: UserRecord): { name: string; email: string } {
  return {
    name: user.login,
    email: `${user.id}+${user.login}@users.noreply.github.com`,
  };
}

/**
 * The commit a `ref` query names (branch, tag or SHA); the default branch when absent. 404 with
 * GitHub's wording when it names nothing, "This repository is empty." when there is no commit.
 */
export async function resolveRef(
  repo: RepoRecord,
  ref?: string | null,
): Promise<string> {
  const sha = await repo.git.resolveCommit(ref || repo.defaultBranch);
  if (sha) return sha;
  if (!ref && (await repo.git.refs('refs/heads/')).length === 0) {
    throw new ApiError(404, 'This repository is empty.');
  }
  throw ref
    ? new ApiError(404, `No commit found for the ref ${ref}`)
    : notFound();
}

/** The tree entry at `path` in a commit (the root tree for ''), or undefined. */
export async function entryAt(
  repo: RepoRecord,
  commitSha: string,
  path: string,
): Promise<GitTreeEntry | undefined> {
  const clean = path.replace(/^\/+|\/+$/g, '');
  if (clean === '') {
    const commit = await repo.git.readCommit(commitSha);
    return { mode: '040000', type: 'tree', sha: commit.tree, path: '' };
  }
  const [entry] = await repo.git.listTree(commitSha, { path: clean });
  return entry && entry.path === clean ? entry : undefined;
}

export interface CommitFilesInput {
  branch: string;
  /** Path → new content (string is UTF-8), or null to delete the path. */
  files: Record<string, string | Buffer | null>;
  message: string;
  author: { name: string; email: string; date?: string };
  committer?: { name: string; email: string; date?: string };
  /**
   * The branch tip the caller saw: the ref moves only if it is still there (compare-and-swap).
   * null: the branch must not exist yet. undefined: on top of whatever the tip is now.
   */
  expectedHead?: string | null;
}

/**
 * One commit on `branch` changing `files` (what the contents API, auto_init and the test
 * helpers write). Throws 409 when the branch moved under the caller.
 */
export async function commitFiles(
  repo: RepoRecord,
  input: CommitFilesInput,
): Promise<{ commitSha: string; treeSha: string; parent?: string }> {
  const ref = `refs/heads/${input.branch}`;
  const current = await repo.git.refSha(ref);
  const parent =
    input.expectedHead === undefined
      ? current
      : input.expectedHead ?? undefined;
  if (parent !== current) {
    throw new ApiError(
      409,
      `${input.branch} was updated by another writer; reload and retry`,
    );
  }
  const baseTree = parent
    ? (await repo.git.readCommit(parent)).tree
    : undefined;
  const editor = new TreeEditor(repo.git, baseTree);
  for (const [path, content] of Object.entries(input.files)) {
    const sha =
      content === null
        ? null
        : await repo.git.writeBlob(
            typeof content === 'string'
              ? Buffer.from(content, 'utf8')
              : content,
          );
    await editor.apply({ path, mode: '100644', type: 'blob', sha });
  }
  const treeSha = await editor.write();
  const commitSha = await repo.git.writeCommit({
    tree: treeSha,
    parents: parent ? [parent] : [],
    message: input.message,
    author: input.author,
    committer: input.committer,
  });
  if (!(await repo.git.compareAndSwapRef(ref, commitSha, parent))) {
    throw new ApiError(
      409,
      `${input.branch} was updated by another writer; reload and retry`,
    );
  }
  return { commitSha, treeSha, parent };
}
