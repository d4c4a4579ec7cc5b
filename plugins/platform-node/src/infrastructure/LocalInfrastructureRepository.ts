import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commitTree } from '../git/commitTree';
import { runGit, RunGitOptions } from '../git/runGit';
import { branchMovedError } from './branchMoved';
import {
  branchOrder,
  ChangeRequest,
  ENVIRONMENT_FILE,
  InfrastructureRepository,
  isEnvironmentBranch,
  ProposedChange,
  RepositoryFile,
} from './types';

/** `git update-ref <ref> <new> <old>` with this old value: only if the ref does not exist. */
const ABSENT = '0'.repeat(40);

/**
 * A bare git repository on this machine: the embedded default when `platform.iac.repositoryUrl`
 * is unset. Uses git plumbing against the bare repository, so a change is a single `update-ref`
 * at the end: a failure before it leaves no branch or commit behind. That update is a
 * compare-and-swap against the value read when the publish started, so of two concurrent
 * publishes of one branch exactly one lands and the other gets a ConflictError.
 */
export class LocalInfrastructureRepository implements InfrastructureRepository {
  readonly kind = 'local' as const;
  readonly target: string;
  readonly url: string;

  constructor(private readonly repoDir: string, readonly baseBranch = 'main') {
    this.target = `local:${repoDir}`;
    this.url = `file://${repoDir}`;
  }

  /** Reads never create the repository: nothing published yet reads as an empty repository. */
  private exists(): boolean {
    return existsSync(join(this.repoDir, 'HEAD'));
  }

  private initialising?: Promise<void>;

  /** Creates the bare repository with an initial commit on the base branch, once. */
  ensureRepository(): Promise<void> {
    // Concurrent publishes of this process share one initialisation.
    this.initialising ??= this.initialise().finally(() => {
      this.initialising = undefined;
    });
    return this.initialising;
  }

  private async initialise(): Promise<void> {
    if (await this.refSha(`refs/heads/${this.baseBranch}`)) return;
    mkdirSync(this.repoDir, { recursive: true });
    if (!this.exists()) {
      await this.git([
        'init',
        '--bare',
        '--quiet',
        `--initial-branch=${this.baseBranch}`,
      ]).catch(error => {
        // Another process initialised it at the same moment: what it made is what we wanted.
        if (!this.exists()) throw error;
      });
    }
    const readme = await this.git(['hash-object', '-w', '--stdin'], {
      input:
        '# Infrastructure\n\nTerraform for every AWS environment, committed by the Platform Portal.\n' +
        'Each environment lives in `environments/<name>/`; shared modules in `modules/`.\n',
    });
    const tree = await this.git(['mktree'], {
      input: `100644 blob ${readme}\tREADME.md\n`,
    });
    const commit = await commitTree(this.repoDir, {
      tree,
      parents: [],
      message: 'Initial commit',
    });
    await this.git([
      'update-ref',
      `refs/heads/${this.baseBranch}`,
      commit,
      ABSENT,
    ]).catch(async error => {
      // Another process created the base branch first: keep its initial commit.
      if (!(await this.refSha(`refs/heads/${this.baseBranch}`))) throw error;
    });
  }

  fileUrl(): undefined {
    return undefined; // the catalog reads the local repository through its entity provider
  }

  async existingPaths(paths: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    if (!this.exists()) return found;
    for (const path of paths) {
      const clean = path.replace(/\/+$/, '');
      const exists = await this.git([
        'cat-file',
        '-e',
        `${this.baseBranch}:${clean}`,
      ]).then(
        () => true,
        () => false,
      );
      if (exists) found.add(path);
    }
    return found;
  }

  async readFile(path: string): Promise<string | undefined> {
    if (!this.exists()) return undefined;
    return this.git(['show', `${this.baseBranch}:${path}`], {
      trim: false,
    }).catch(() => undefined);
  }

  async listFolders(dir: string): Promise<string[]> {
    if (!this.exists()) return [];
    const prefix = `${dir.replace(/\/+$/, '')}/`;
    const out = await this.git([
      'ls-tree',
      '-d',
      '--name-only',
      this.baseBranch,
      prefix,
    ]).catch(() => '');
    return out
      .split('\n')
      .filter(Boolean)
      .map(p => p.slice(prefix.length));
  }

  async readEnvironmentFiles(): Promise<RepositoryFile[]> {
    if (!this.exists()) return [];
    const branches = (
      await this.git([
        'for-each-ref',
        '--format=%(refname:short)',
        'refs/heads',
      ])
    )
      .split('\n')
      .filter(b => b && isEnvironmentBranch(b, this.baseBranch))
      .sort(branchOrder(this.baseBranch));
    const files: RepositoryFile[] = [];
    for (const branch of branches) {
      const listing = await this.git([
        'ls-tree',
        '-r',
        '--name-only',
        branch,
        'environments/',
      ]);
      for (const path of listing.split('\n')) {
        if (!ENVIRONMENT_FILE.test(path)) continue;
        const content = await this.git(['show', `${branch}:${path}`], {
          trim: false,
        });
        files.push({
          branch,
          path,
          content,
          location: `${this.url}#${branch}:${path}`,
        });
      }
    }
    return files;
  }

  async proposeChange(request: ChangeRequest): Promise<ProposedChange> {
    await this.ensureRepository();
    const ref = `refs/heads/${request.branch}`;
    const base = await this.git(['rev-parse', `refs/heads/${this.baseBranch}`]);
    // What the branch points at now: the ref update below succeeds only if it still does.
    const expected =
      request.branch === this.baseBranch ? base : await this.refSha(ref);
    // A private index file builds the new tree without touching any work tree.
    const scratch = mkdtempSync(join(tmpdir(), 'portal-git-index-'));
    const env = { GIT_INDEX_FILE: join(scratch, 'index') };
    try {
      await this.git(['read-tree', base], { env });
      for (const folder of request.replaceFolders ?? []) {
        const stale = await this.git(
          ['ls-files', '--', `${folder.replace(/\/+$/, '')}/`],
          { env },
        );
        // Mode 0 removes an entry; unlike --force-remove it needs no work tree.
        const removals = stale
          .split('\n')
          .filter(Boolean)
          .map(path => `0 ${'0'.repeat(40)}\t${path}\n`)
          .join('');
        if (removals)
          await this.git(['update-index', '--index-info'], {
            env,
            input: removals,
          });
      }
      for (const [path, content] of Object.entries(request.files)) {
        const blob = await this.git(['hash-object', '-w', '--stdin'], {
          input: content,
        });
        await this.git(
          ['update-index', '--add', '--cacheinfo', `100644,${blob},${path}`],
          { env },
        );
      }
      const tree = await this.git(['write-tree'], { env });
      const commit = await commitTree(this.repoDir, {
        tree,
        parents: [base],
        message:
          `${request.commitMessage}\n\n${request.pullRequest.body}`.trim(),
        author: request.author,
      });
      // The only write that makes anything visible: one compare-and-swap of the ref.
      await this.git(['update-ref', ref, commit, expected ?? ABSENT]).catch(
        error => {
          // git's words for "the ref is not at the old value" and "another writer holds it".
          if (/cannot lock ref/.test(String(error)))
            throw branchMovedError(this.target, request.branch);
          throw error;
        },
      );
      return {
        target: this.target,
        branch: request.branch,
        commitSha: commit,
        commitUrl: `file://${this.repoDir}#${commit}`,
      };
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }

  /** The commit `ref` points at, or undefined when it does not exist. */
  private async refSha(ref: string): Promise<string | undefined> {
    if (!this.exists()) return undefined;
    const out = await this.git([
      'for-each-ref',
      '--format=%(objectname) %(refname)',
      ref,
    ]);
    return out
      .split('\n')
      .map(line => line.split(' '))
      .find(([, name]) => name === ref)?.[0];
  }

  private git(args: string[], options?: RunGitOptions): Promise<string> {
    return runGit(this.repoDir, args, options);
  }
}
