/**
 * The infrastructure repository the portal writes environments and bootstrap records to: a
 * GitHub repository (changes are pull requests) or a local bare repository (the embedded
 * default). Built once from config by createInfrastructureRepository and shared through
 * infrastructureRepositoryServiceRef; which of the two it is is decided there and nowhere else.
 */
export interface InfrastructureRepository {
  readonly kind: 'github' | 'local';
  /** Human-readable target, e.g. `acme/infrastructure` or `local:/data/git/infrastructure.git`. */
  readonly target: string;
  /** Where the repository is: its https URL on GitHub, `file://<dir>` locally. */
  readonly url: string;
  readonly baseBranch: string;
  /** Paths (files or folders, repository-relative) that exist on the base branch. */
  existingPaths(paths: string[]): Promise<Set<string>>;
  /** Reads a file from the base branch, or undefined when it is absent. */
  readFile(path: string): Promise<string | undefined>;
  /** Lists direct child folder names of `dir` on the base branch. */
  listFolders(dir: string): Promise<string[]>;
  /**
   * Every `environments/<name>/catalog-info.yaml` on the base branch and on the `env/*` branches
   * that wait for review, base branch first. For the catalog; cheap to call on a schedule.
   */
  readEnvironmentFiles(): Promise<RepositoryFile[]>;
  /** A URL the catalog can read `path` on `branch` from; undefined for a local repository. */
  fileUrl(branch: string, path: string): string | undefined;
  /** Proposes `files` as ONE commit on `branch` (created from, or reset onto, the base branch). */
  proposeChange(request: ChangeRequest): Promise<ProposedChange>;
}

/** A file read from one branch of the repository. */
export interface RepositoryFile {
  branch: string;
  path: string;
  content: string;
  /** Where the file is, for people and for the catalog's location annotations. */
  location: string;
}

export interface ChangeRequest {
  branch: string;
  /** Repository-relative path -> content. */
  files: Record<string, string>;
  /**
   * Folders this request owns: files under them on the base branch that are not in `files`
   * are deleted in the same commit (an update that drops a file removes it).
   */
  replaceFolders?: string[];
  commitMessage: string;
  pullRequest: { title: string; body: string };
  author?: { name: string; email: string };
}

export interface ProposedChange {
  target: string;
  branch: string;
  commitSha: string;
  /** URL of the commit (GitHub) or a `file://` path of the local repository. */
  commitUrl: string;
  pullRequestUrl?: string;
  pullRequestNumber?: number;
  /** True when an existing pull request was updated rather than a new one opened. */
  pullRequestReused?: boolean;
}

/** `environments/<name>/catalog-info.yaml`: the file the catalog reads per environment. */
export const ENVIRONMENT_FILE = /^environments\/[^/]+\/catalog-info\.yaml$/;

/** Branches whose environments the catalog shows: the base branch and `env/<name>`. */
export function isEnvironmentBranch(branch: string, baseBranch: string) {
  return branch === baseBranch || branch.startsWith('env/');
}

/** Base branch first, then the others by name. */
export function branchOrder(baseBranch: string) {
  return (a: string, b: string) =>
    Number(a !== baseBranch) - Number(b !== baseBranch) || a.localeCompare(b);
}
