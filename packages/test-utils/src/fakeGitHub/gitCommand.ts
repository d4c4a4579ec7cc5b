import { spawn } from 'node:child_process';

/** What a git command printed and how it ended. */
export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/**
 * Environment for every git process the fake runs: the machine's and the user's git config
 * are ignored (a global `commit.gpgsign` or hook must not change what the fake writes).
 */
export function isolatedGitEnv(
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    // paths from requests are file names, never globs
    GIT_LITERAL_PATHSPECS: '1',
    ...extra,
  };
}

/** Runs `git <args>`; never throws for a non-zero exit (callers decide what a code means). */
export function runGit(
  args: string[],
  options: {
    gitDir?: string;
    input?: Buffer | string;
    env?: Record<string, string>;
  } = {},
): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      env: isolatedGitEnv({
        ...(options.gitDir ? { GIT_DIR: options.gitDir } : {}),
        ...options.env,
      }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', chunk => stdout.push(chunk));
    child.stderr.on('data', chunk => stderr.push(chunk));
    child.once('error', reject);
    child.stdin.on('error', () => {
      // git may exit before reading all input (e.g. a bad object): its exit code tells why
    });
    child.once('close', code =>
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(stdout),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    );
    child.stdin.end(options.input ?? '');
  });
}

/** Runs git and returns stdout, throwing with git's message on a non-zero exit. */
export async function git(
  args: string[],
  options: {
    gitDir?: string;
    input?: Buffer | string;
    env?: Record<string, string>;
  } = {},
): Promise<Buffer> {
  const result = await runGit(args, options);
  if (result.code !== 0) {
    throw new Error(
      `git ${args.join(' ')} failed (${result.code}): ${result.stderr.trim()}`,
    );
  }
  return result.stdout;
}
