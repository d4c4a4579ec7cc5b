/** Where generated infrastructure code goes: GitHub (pull request) or a local git repository. */
export interface IacPublisher {
  /** Human-readable target, e.g. `github.com/acme/infrastructure` or `local:/data/git/...`. */
  readonly target: string;
  /** Paths (files or folders, repository-relative) that exist on the base branch. */
  existingPaths(paths: string[]): Promise<Set<string>>;
  /** Reads a file from the base branch, or undefined when it is absent. */
  readFile(path: string): Promise<string | undefined>;
  /** Lists direct child folder names of `dir` on the base branch. */
  listFolders(dir: string): Promise<string[]>;
  /** A URL the catalog can read `path` on `branch` from; undefined for a local repository. */
  fileUrl(branch: string, path: string): string | undefined;
  /** Publishes `files` as ONE commit on `branch` (created from, or reset onto, the base branch). */
  publish(request: PublishRequest): Promise<PublishResult>;
}

export interface PublishRequest {
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

export interface PublishResult {
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
