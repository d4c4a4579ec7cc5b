import { Readable } from 'node:stream';
import { spawn } from 'node:child_process';
import { git, isolatedGitEnv, runGit } from './gitCommand';

const ZERO_SHA = '0'.repeat(40);
const SHA = /^[0-9a-f]{40}$/;

/** A person line of a commit, as GitHub shows it (date in UTC, ISO 8601). */
export interface GitSignature {
  name: string;
  email: string;
  date: string;
}

export interface GitCommit {
  sha: string;
  tree: string;
  parents: string[];
  author: GitSignature;
  committer: GitSignature;
  message: string;
}

/** One line of `git ls-tree -l`. */
export interface GitTreeEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  size?: number;
  path: string;
}

export interface GitRef {
  ref: string;
  sha: string;
  type: string;
}

function parseSignature(line: string): GitSignature {
  const match = line.match(/^(.*) <([^>]*)> (\d+) ([+-]\d{4})$/);
  if (!match) throw new Error(`unparsable git signature: ${line}`);
  return {
    name: match[1],
    email: match[2],
    date: new Date(Number(match[3]) * 1000).toISOString().replace('.000Z', 'Z'),
  };
}

/** git's raw date format from an ISO date (what GIT_AUTHOR_DATE accepts unambiguously). */
function rawDate(iso: string | undefined): string {
  const time = iso ? Date.parse(iso) : Date.now();
  if (Number.isNaN(time)) throw new Error(`not an ISO 8601 date: ${iso}`);
  return `${Math.floor(time / 1000)} +0000`;
}

/** A name git must not read as an option or a revision range. */
function safeRevision(rev: string): boolean {
  return rev.length > 0 && !rev.startsWith('-') && !rev.includes('..');
}

/** Told of every ref the fake moves through plumbing (pushes over HTTP are diffed by the server). */
export type RefUpdateListener = (
  ref: string,
  before: string | undefined,
  after: string | undefined,
) => Promise<void>;

/**
 * A bare git repository on disk, driven by git plumbing. Everything the fake's REST API writes
 * goes through here, so the REST API and `git clone`/`git push` see the same objects and refs.
 */
export class BareRepository {
  private constructor(
    readonly gitDir: string,
    private readonly onRefUpdate: RefUpdateListener,
  ) {}

  static async init(
    gitDir: string,
    defaultBranch: string,
    onRefUpdate: RefUpdateListener = async () => {},
  ): Promise<BareRepository> {
    await git([
      'init',
      '--bare',
      '--quiet',
      `--initial-branch=${defaultBranch}`,
      gitDir,
    ]);
    const repo = new BareRepository(gitDir, onRefUpdate);
    // git http-backend refuses pushes from an unauthenticated user otherwise; the fake
    // authenticates before delegating, so pushes are always allowed here.
    await repo.run(['config', 'http.receivepack', 'true']);
    return repo;
  }

  run(args: string[], input?: Buffer | string, env?: Record<string, string>) {
    return git(args, { gitDir: this.gitDir, input, env });
  }

  /** Points HEAD (what a clone checks out) at a branch: the repository's default branch. */
  async setDefaultBranch(branch: string): Promise<void> {
    await this.run(['symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
  }

  /** The commit a branch, tag, `heads/x`, `refs/...` or SHA names, if any. */
  async resolveCommit(rev: string): Promise<string | undefined> {
    if (!safeRevision(rev)) return undefined;
    const result = await runGit(
      ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`],
      { gitDir: this.gitDir },
    );
    return result.code === 0 ? result.stdout.toString().trim() : undefined;
  }

  /** The type of an object (blob, tree, commit, tag), or undefined when it does not exist. */
  async objectType(sha: string): Promise<string | undefined> {
    if (!SHA.test(sha)) return undefined;
    const result = await runGit(['cat-file', '-t', sha], {
      gitDir: this.gitDir,
    });
    return result.code === 0 ? result.stdout.toString().trim() : undefined;
  }

  async readBlob(sha: string): Promise<Buffer> {
    return this.run(['cat-file', 'blob', sha]);
  }

  async writeBlob(content: Buffer): Promise<string> {
    return (await this.run(['hash-object', '-w', '--stdin'], content))
      .toString()
      .trim();
  }

  /** Writes one tree level (entries are direct children). */
  async writeTree(
    entries: Array<{ mode: string; type: string; sha: string; name: string }>,
  ): Promise<string> {
    const input = entries
      .map(e => `${e.mode} ${e.type} ${e.sha}\t${e.name}\0`)
      .join('');
    return (await this.run(['mktree', '-z'], input)).toString().trim();
  }

  /** `git ls-tree -l`: direct children, or every entry (trees included) when recursive. */
  async listTree(
    treeish: string,
    options: { recursive?: boolean; path?: string } = {},
  ): Promise<GitTreeEntry[]> {
    const args = ['ls-tree', '-z', '-l'];
    if (options.recursive) args.push('-r', '-t');
    args.push(treeish);
    if (options.path !== undefined) args.push('--', options.path);
    const out = (await this.run(args)).toString('utf8');
    return out
      .split('\0')
      .filter(Boolean)
      .map(line => {
        const tab = line.indexOf('\t');
        const [mode, type, sha, size] = line.slice(0, tab).split(/ +/);
        return {
          mode,
          type: type as GitTreeEntry['type'],
          sha,
          size: size === '-' ? undefined : Number(size),
          path: line.slice(tab + 1),
        };
      });
  }

  async readCommit(sha: string): Promise<GitCommit> {
    const raw = (await this.run(['cat-file', 'commit', sha])).toString('utf8');
    const split = raw.indexOf('\n\n');
    const headers = raw.slice(0, split === -1 ? raw.length : split).split('\n');
    const commit: GitCommit = {
      sha,
      tree: '',
      parents: [],
      author: { name: '', email: '', date: '' },
      committer: { name: '', email: '', date: '' },
      message: split === -1 ? '' : raw.slice(split + 2),
    };
    for (const header of headers) {
      const space = header.indexOf(' ');
      const key = header.slice(0, space);
      const value = header.slice(space + 1);
      if (key === 'tree') commit.tree = value;
      else if (key === 'parent') commit.parents.push(value);
      else if (key === 'author') commit.author = parseSignature(value);
      else if (key === 'committer') commit.committer = parseSignature(value);
    }
    return commit;
  }

  async writeCommit(input: {
    tree: string;
    parents: string[];
    message: string;
    author: Partial<GitSignature> & { name: string; email: string };
    committer?: Partial<GitSignature> & { name: string; email: string };
  }): Promise<string> {
    const committer = input.committer ?? input.author;
    const args = ['commit-tree', input.tree];
    for (const parent of input.parents) args.push('-p', parent);
    const out = await this.run(args, input.message, {
      GIT_AUTHOR_NAME: input.author.name,
      GIT_AUTHOR_EMAIL: input.author.email,
      GIT_AUTHOR_DATE: rawDate(input.author.date),
      GIT_COMMITTER_NAME: committer.name,
      GIT_COMMITTER_EMAIL: committer.email,
      GIT_COMMITTER_DATE: rawDate(committer.date),
    });
    return out.toString().trim();
  }

  /** All refs (or those under a prefix such as `refs/heads/`), sorted by name. */
  async refs(prefix = 'refs/'): Promise<GitRef[]> {
    const out = (
      await this.run([
        'for-each-ref',
        '--format=%(objectname) %(objecttype) %(refname)',
        prefix,
      ])
    ).toString('utf8');
    return out
      .split('\n')
      .filter(Boolean)
      .map(line => {
        const [sha, type, ref] = line.split(' ');
        return { sha, type, ref };
      });
  }

  async refSha(ref: string): Promise<string | undefined> {
    const result = await runGit(['rev-parse', '--verify', '--quiet', ref], {
      gitDir: this.gitDir,
    });
    return result.code === 0 && ref.startsWith('refs/')
      ? result.stdout.toString().trim()
      : undefined;
  }

  /**
   * Compare-and-swap: moves `ref` to `newSha` only if it still points at `oldSha` (undefined:
   * only if it does not exist). False when another writer got there first.
   */
  async compareAndSwapRef(
    ref: string,
    newSha: string,
    oldSha: string | undefined,
  ): Promise<boolean> {
    const result = await runGit(
      ['update-ref', ref, newSha, oldSha ?? ZERO_SHA],
      { gitDir: this.gitDir },
    );
    if (result.code !== 0) return false;
    await this.onRefUpdate(ref, oldSha, newSha);
    return true;
  }

  async deleteRef(ref: string, oldSha: string): Promise<boolean> {
    const result = await runGit(['update-ref', '-d', ref, oldSha], {
      gitDir: this.gitDir,
    });
    if (result.code !== 0) return false;
    await this.onRefUpdate(ref, oldSha, undefined);
    return true;
  }

  async isValidRefName(ref: string): Promise<boolean> {
    const result = await runGit(['check-ref-format', ref]);
    return result.code === 0;
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    const result = await runGit(
      ['merge-base', '--is-ancestor', ancestor, descendant],
      { gitDir: this.gitDir },
    );
    if (result.code > 1) throw new Error(result.stderr);
    return result.code === 0;
  }

  /** The merged tree of two commits (git >= 2.38), or undefined on conflicts. */
  async mergeTrees(ours: string, theirs: string): Promise<string | undefined> {
    const result = await runGit(
      ['merge-tree', '--write-tree', '--no-messages', ours, theirs],
      { gitDir: this.gitDir },
    );
    if (result.code === 1) return undefined;
    if (result.code !== 0) throw new Error(`git merge-tree: ${result.stderr}`);
    return result.stdout.toString().split('\n')[0].trim();
  }

  /** Commits reachable from `to` but not from `from` (oldest first). */
  async commitsBetween(from: string, to: string): Promise<string[]> {
    const out = (
      await this.run(['rev-list', '--reverse', `${from}..${to}`])
    ).toString();
    return out.split('\n').filter(Boolean);
  }

  /** Commits reachable from `start`, newest first, optionally only those touching `path`. */
  async log(
    start: string,
    options: { maxCount?: number; path?: string } = {},
  ): Promise<string[]> {
    const args = ['rev-list'];
    if (options.maxCount) args.push(`--max-count=${options.maxCount}`);
    args.push(start);
    if (options.path) args.push('--', options.path);
    return (await this.run(args)).toString().split('\n').filter(Boolean);
  }

  /** A tarball (gzipped) or zip of a commit with every path under `prefix/`, streamed. */
  archive(sha: string, prefix: string, format: 'tar.gz' | 'zip'): Readable {
    const child = spawn(
      'git',
      ['archive', `--format=${format}`, `--prefix=${prefix}/`, sha],
      {
        env: isolatedGitEnv({ GIT_DIR: this.gitDir }),
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    return child.stdout;
  }
}
