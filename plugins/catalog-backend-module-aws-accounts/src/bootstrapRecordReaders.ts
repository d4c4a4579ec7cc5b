import { UrlReaderService } from '@backstage/backend-plugin-api';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where an account's bootstrap record lives, and its text when there is one. */
export interface BootstrapRecordReader {
  read(
    accountName: string,
  ): Promise<{ text: string; source: string } | undefined>;
}

const recordPath = (accountName: string) => `accounts/${accountName}.json`;
// Entity names are DNS-label-like; anything else never names a record file.
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/**
 * The embedded default: the local bare repository the publisher commits to. The record action
 * commits there straight to the base branch.
 */
export class LocalRepoBootstrapRecordReader implements BootstrapRecordReader {
  constructor(
    private readonly repoDir: string,
    private readonly baseBranch = 'main',
  ) {}

  async read(accountName: string) {
    if (!SAFE_NAME.test(accountName)) return undefined;
    if (!existsSync(join(this.repoDir, 'HEAD'))) return undefined;
    const spec = `${this.baseBranch}:${recordPath(accountName)}`;
    const text = await new Promise<string | undefined>(resolve =>
      execFile(
        'git',
        ['--git-dir', this.repoDir, 'show', spec],
        (error, stdout) => resolve(error ? undefined : stdout),
      ),
    );
    return text === undefined
      ? undefined
      : { text, source: `local:${this.repoDir}#${spec}` };
  }
}

/**
 * A GitHub repository (platform.iac.repositoryUrl): the file on the base branch, i.e. once the
 * record's pull request is merged. ETags keep unchanged files from being downloaded again.
 */
export class UrlBootstrapRecordReader implements BootstrapRecordReader {
  private readonly cache = new Map<string, { etag?: string; text: string }>();

  constructor(
    private readonly urlReader: UrlReaderService,
    private readonly repositoryUrl: string,
    private readonly baseBranch = 'main',
  ) {}

  async read(accountName: string) {
    if (!SAFE_NAME.test(accountName)) return undefined;
    const base = this.repositoryUrl.replace(/\.git$/, '').replace(/\/+$/, '');
    const url = `${base}/blob/${this.baseBranch}/${recordPath(accountName)}`;
    const cached = this.cache.get(url);
    try {
      const response = await this.urlReader.readUrl(url, {
        etag: cached?.etag,
      });
      const text = (await response.buffer()).toString('utf8');
      this.cache.set(url, { etag: response.etag, text });
      return { text, source: url };
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'NotModifiedError' && cached)
        return { text: cached.text, source: url };
      if (name === 'NotFoundError') {
        this.cache.delete(url);
        return undefined;
      }
      throw error;
    }
  }
}
