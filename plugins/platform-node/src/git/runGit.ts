import { execFile } from 'node:child_process';

export interface RunGitOptions {
  /** Written to git's stdin (blobs, index info, commit messages). */
  input?: string;
  /** Extra environment (GIT_INDEX_FILE, author and committer identity). */
  env?: Record<string, string>;
  /** Trim the output (default); `false` keeps file contents byte for byte. */
  trim?: boolean;
}

/**
 * Runs `git --git-dir <gitDir> <args>` and answers its stdout. The one git wrapper of the portal's
 * runtime code: everything it does to a repository on this machine is git plumbing against a bare
 * repository, with no work tree. A failure rejects with `git <command> failed: <stderr>`.
 */
export function runGit(
  gitDir: string,
  args: string[],
  options: RunGitOptions = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      ['--git-dir', gitDir, ...args],
      {
        env: { ...process.env, ...options.env },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `git ${args[0]} failed: ${stderr.trim() || error.message}`,
            ),
          );
        } else {
          resolve(options.trim === false ? stdout : stdout.trim());
        }
      },
    );
    // git may exit without reading stdin; its exit status already reports any failure.
    child.stdin?.on('error', () => {});
    child.stdin?.end(options.input ?? '');
  });
}
