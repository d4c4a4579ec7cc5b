import { RepoLocation } from '../inputRules';

/** Creates a service's NEW repository with the rendered files as its first commit on main. */
export interface ServiceRepoPublisher {
  /** `github` or `local`, for logs and outputs. */
  readonly kind: 'github' | 'local';
  /**
   * True when the name is taken (an existing repository is never overwritten). An empty
   * repository left by a run of the portal that failed before its first push is not taken:
   * `create` completes it.
   */
  exists(location: RepoLocation): Promise<boolean>;
  create(request: CreateRepoRequest): Promise<CreatedRepo>;
  /** URL of the first GitHub Actions run of the new repository, when one shows up in time. */
  firstWorkflowRunUrl(location: RepoLocation): Promise<string | undefined>;
}

export interface CreateRepoRequest {
  location: RepoLocation;
  description: string;
  /** Workspace folder whose files become the first commit. */
  sourceDir: string;
  commitMessage: string;
  author: { name: string; email: string };
}

export interface CreatedRepo {
  /** Where to clone from (https URL on GitHub, file:// locally). */
  remoteUrl: string;
  /** Page of the repository for people (GitHub) or the same file:// URL. */
  htmlUrl: string;
  defaultBranch: string;
  commitSha: string;
  /** Blob URL the catalog can register (GitHub); locally the catalog module reads the repo. */
  catalogInfoUrl?: string;
}
