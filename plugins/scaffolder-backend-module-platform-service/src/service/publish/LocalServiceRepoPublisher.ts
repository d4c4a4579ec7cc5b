import { promises as fs, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConflictError } from '@backstage/errors';
import {
  commitTree,
  listFiles,
  runGit,
  RunGitOptions,
} from '@platform-portal/platform-node';
import { RepoLocation } from '../inputRules';
import { CreateRepoRequest, CreatedRepo, ServiceRepoPublisher } from './types';

/** `.<repo>.git-XXXXXX`: where a repository is built before it is moved into place. */
const BUILD_FOLDER = /^\..+\.git-[A-Za-z0-9]{6}$/;
/** Builds take seconds; a build folder this old belongs to a run whose process died. */
const ABANDONED_AFTER_MS = 15 * 60_000;

/**
 * The embedded default: one bare repository per service under `<dir>/<repo>.git`, built with git
 * plumbing in a temporary folder and moved into place at the end, so a failure leaves nothing
 * behind and an existing repository is never touched. Only a killed process can leave its build
 * folder; the next creation removes such folders once they are clearly abandoned.
 */
export class LocalServiceRepoPublisher implements ServiceRepoPublisher {
  readonly kind = 'local' as const;

  constructor(private readonly dir: string) {}

  repoDir(location: RepoLocation): string {
    return join(this.dir, `${location.repo}.git`);
  }

  async exists(location: RepoLocation): Promise<boolean> {
    return existsSync(this.repoDir(location));
  }

  async firstWorkflowRunUrl(): Promise<undefined> {
    return undefined; // no CI runs for a repository on this machine
  }

  async create(request: CreateRepoRequest): Promise<CreatedRepo> {
    const target = this.repoDir(request.location);
    if (existsSync(target)) {
      throw new ConflictError(
        `repoUrl: repository ${request.location.repo} already exists at ${target}; it is never overwritten`,
      );
    }
    await fs.mkdir(this.dir, { recursive: true });
    await this.removeAbandonedBuilds();
    const building = await fs.mkdtemp(
      join(this.dir, `.${request.location.repo}.git-`),
    );
    const scratch = mkdtempSync(join(tmpdir(), 'portal-service-index-'));
    try {
      const git = (args: string[], options?: RunGitOptions) =>
        runGit(building, args, options);
      await git(['init', '--bare', '--quiet', '--initial-branch=main']);
      await git(['config', 'core.sharedRepository', 'false']);
      const files = await listFiles(request.sourceDir);
      if (files.length === 0) {
        throw new Error('the workspace holds no files to publish');
      }
      const blobs = (
        await git(['hash-object', '-w', '--no-filters', '--stdin-paths'], {
          input: `${files.map(f => f.absolute).join('\n')}\n`,
        })
      )
        .split('\n')
        .filter(Boolean);
      const env = { GIT_INDEX_FILE: join(scratch, 'index') };
      await git(['update-index', '--index-info'], {
        env,
        input: files
          .map(
            (f, i) =>
              `${f.executable ? '100755' : '100644'} ${blobs[i]}\t${f.path}\n`,
          )
          .join(''),
      });
      const tree = await git(['write-tree'], { env });
      const commit = await commitTree(building, {
        tree,
        parents: [],
        message: request.commitMessage,
        author: request.author,
      });
      await git(['update-ref', 'refs/heads/main', commit, '0'.repeat(40)]);
      await fs.writeFile(
        join(building, 'description'),
        `${request.description}\n`,
      );
      // rename() refuses a non-empty target: two concurrent creations cannot both win.
      await fs.rename(building, target).catch(error => {
        throw new ConflictError(
          `repoUrl: repository ${
            request.location.repo
          } was created meanwhile (${(error as Error).message})`,
        );
      });
      return {
        remoteUrl: `file://${target}`,
        htmlUrl: `file://${target}`,
        defaultBranch: 'main',
        commitSha: commit,
      };
    } finally {
      rmSync(building, { recursive: true, force: true });
      rmSync(scratch, { recursive: true, force: true });
    }
  }

  /** Build folders of runs that died mid-way (not those of builds running now). */
  private async removeAbandonedBuilds(): Promise<void> {
    const now = Date.now();
    for (const entry of await fs.readdir(this.dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || !BUILD_FOLDER.test(entry.name)) continue;
      const path = join(this.dir, entry.name);
      // Another creation may be removing it at the same moment.
      const stat = await fs.stat(path).catch(() => undefined);
      if (stat && now - stat.mtimeMs > ABANDONED_AFTER_MS) {
        await fs.rm(path, { recursive: true, force: true });
      }
    }
  }
}
