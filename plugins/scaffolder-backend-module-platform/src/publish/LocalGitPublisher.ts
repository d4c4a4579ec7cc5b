import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IacPublisher, PublishRequest, PublishResult } from './types';

const PORTAL_IDENTITY = { name: 'Platform Portal', email: 'portal@localhost' };

/**
 * Commits to a bare git repository on this machine: the embedded default when no GitHub
 * integration is configured. Uses git plumbing against the bare repository, so a publish is
 * a single `update-ref` at the end: a failure before it leaves no branch or commit behind.
 */
export class LocalGitPublisher implements IacPublisher {
  readonly target: string;

  constructor(
    private readonly repoDir: string,
    private readonly baseBranch = 'main',
  ) {
    this.target = `local:${repoDir}`;
  }

  /** Creates the bare repository with an initial commit on the base branch, once. */
  async ensureRepository(): Promise<void> {
    if (existsSync(join(this.repoDir, 'HEAD'))) return;
    mkdirSync(this.repoDir, { recursive: true });
    await this.git([
      'init',
      '--bare',
      '--quiet',
      `--initial-branch=${this.baseBranch}`,
    ]);
    const readme = await this.git(['hash-object', '-w', '--stdin'], {
      input:
        '# Infrastructure\n\nTerraform for every AWS environment, committed by the Platform Portal.\n' +
        'Each environment lives in `environments/<name>/`; shared modules in `modules/`.\n',
    });
    const tree = await this.git(['mktree'], {
      input: `100644 blob ${readme}\tREADME.md\n`,
    });
    const commit = await this.commitTree(
      tree,
      [],
      'Initial commit',
      PORTAL_IDENTITY,
    );
    await this.git(['update-ref', `refs/heads/${this.baseBranch}`, commit]);
  }

  fileUrl(): undefined {
    return undefined; // the catalog reads the local repository through its entity provider
  }

  async existingPaths(paths: string[]): Promise<Set<string>> {
    await this.ensureRepository();
    const found = new Set<string>();
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
    await this.ensureRepository();
    return this.git(['show', `${this.baseBranch}:${path}`], {
      trim: false,
    }).catch(() => undefined);
  }

  async listFolders(dir: string): Promise<string[]> {
    await this.ensureRepository();
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

  async publish(request: PublishRequest): Promise<PublishResult> {
    await this.ensureRepository();
    const base = await this.git(['rev-parse', `refs/heads/${this.baseBranch}`]);
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
      const commit = await this.commitTree(
        tree,
        [base],
        `${request.commitMessage}\n\n${request.pullRequest.body}`.trim(),
        request.author ?? PORTAL_IDENTITY,
      );
      // The only write that makes anything visible: one atomic ref update.
      await this.git(['update-ref', `refs/heads/${request.branch}`, commit]);
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

  private commitTree(
    tree: string,
    parents: string[],
    message: string,
    author: { name: string; email: string },
  ): Promise<string> {
    return this.git(
      ['commit-tree', tree, ...parents.flatMap(p => ['-p', p]), '-F', '-'],
      {
        input: message,
        env: {
          GIT_AUTHOR_NAME: author.name,
          GIT_AUTHOR_EMAIL: author.email,
          GIT_COMMITTER_NAME: PORTAL_IDENTITY.name,
          GIT_COMMITTER_EMAIL: PORTAL_IDENTITY.email,
        },
      },
    );
  }

  private git(
    args: string[],
    options: {
      input?: string;
      env?: Record<string, string>;
      trim?: boolean;
    } = {},
  ): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = execFile(
        'git',
        ['--git-dir', this.repoDir, ...args],
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
}
