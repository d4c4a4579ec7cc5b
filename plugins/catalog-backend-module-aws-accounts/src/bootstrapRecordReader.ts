import { bootstrapRecordPath } from '@platform-portal/platform-common';
import { InfrastructureRepository } from '@platform-portal/platform-node';

/** Where an account's bootstrap record lives, and its text when there is one. */
export interface BootstrapRecordReader {
  read(
    accountName: string,
  ): Promise<{ text: string; source: string } | undefined>;
}

// Entity names are DNS-label-like; anything else never names a record file.
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/**
 * Bootstrap records from the base branch of the infrastructure repository the record action
 * writes to (the shared InfrastructureRepository service): on GitHub once the record's pull
 * request is merged, locally at once (the action commits there straight to the base branch).
 */
export class RepositoryBootstrapRecordReader implements BootstrapRecordReader {
  constructor(private readonly repository: InfrastructureRepository) {}

  async read(accountName: string) {
    if (!SAFE_NAME.test(accountName)) return undefined;
    const path = bootstrapRecordPath(accountName);
    const text = await this.repository.readFile(path);
    if (text === undefined) return undefined;
    const { baseBranch } = this.repository;
    return {
      text,
      source:
        this.repository.fileUrl(baseBranch, path) ??
        `${this.repository.target}#${baseBranch}:${path}`,
    };
  }
}
