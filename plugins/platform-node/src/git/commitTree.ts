import { runGit } from './runGit';

/** Who commits for the portal; the author is the person who asked, when known. */
export const PORTAL_GIT_IDENTITY = {
  name: 'Platform Portal',
  email: 'portal@localhost',
};

/**
 * `git commit-tree`: a commit object for `tree` on top of `parents`, authored by `author` and
 * committed by the portal. Writes no ref: the caller moves one when everything else worked.
 */
export function commitTree(
  gitDir: string,
  commit: {
    tree: string;
    parents: string[];
    message: string;
    author?: { name: string; email: string };
  },
): Promise<string> {
  const author = commit.author ?? PORTAL_GIT_IDENTITY;
  return runGit(
    gitDir,
    [
      'commit-tree',
      commit.tree,
      ...commit.parents.flatMap(p => ['-p', p]),
      '-F',
      '-',
    ],
    {
      input: commit.message,
      env: {
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_COMMITTER_NAME: PORTAL_GIT_IDENTITY.name,
        GIT_COMMITTER_EMAIL: PORTAL_GIT_IDENTITY.email,
      },
    },
  );
}
