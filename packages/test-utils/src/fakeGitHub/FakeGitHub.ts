import { WorkflowDispatch } from './store';
import {
  CheckRunInput,
  CommitStatusInput,
  DeploymentInput,
  DeploymentStatusInput,
  EnvironmentInput,
  FakeCommit,
  FakePullRequest,
  FakePushEvent,
  GitHubObject,
  IssueInput,
  RecordedRequest,
  RulesetInput,
  WorkflowRunInput,
  FakeRepositorySummary,
} from './types';

/**
 * The `integrations.github[]` entry that points Backstage at the fake (a type alias, not an
 * interface, so it fits `ConfigReader`'s JSON object type as is).
 */
export type FakeGitHubIntegrationConfig = {
  host: string;
  apiBaseUrl: string;
  rawBaseUrl: string;
  token: string;
};

/** What the fake stores besides git (objects in GitHub's JSON shapes, newest last). */
export interface FakeRepositoryState {
  checkRuns: GitHubObject[];
  /** Commit statuses, each with the `sha` it was set on. */
  statuses: GitHubObject[];
  deployments: GitHubObject[];
  /** Deployment statuses, each with its `deploymentId`. */
  deploymentStatuses: GitHubObject[];
  environments: GitHubObject[];
  rulesets: GitHubObject[];
  /** Issue and pull-request comments, each with its `issueNumber`. */
  issueComments: GitHubObject[];
  /** Pull-request reviews, each with its `pullNumber`. */
  reviews: GitHubObject[];
  workflowRuns: GitHubObject[];
  /** Every accepted `workflow_dispatch`, in order. */
  dispatches: WorkflowDispatch[];
}

/** A running fake GitHub (REST + git smart HTTP) on 127.0.0.1. */
export interface FakeGitHub {
  /** `http://127.0.0.1:PORT`: web URLs (`/<owner>/<repo>/blob/<ref>/<path>`) and clone URLs. */
  baseUrl: string;
  /** `http://127.0.0.1:PORT/api/v3`: Octokit's `baseUrl`, Backstage's `apiBaseUrl`. */
  apiBaseUrl: string;
  /** `http://127.0.0.1:PORT/raw`: Backstage's `rawBaseUrl`. */
  rawBaseUrl: string;
  /** `127.0.0.1:PORT`: Backstage's integration `host` (what `byUrl` matches). */
  host: string;
  integrationConfig(token: string): FakeGitHubIntegrationConfig;
  /** Creates a repository (as `POST /orgs/{owner}/repos`); with files, one initial commit on the default branch. */
  createRepo(
    owner: string,
    name: string,
    files?: Record<string, string>,
    options?: {
      defaultBranch?: string;
      private?: boolean;
      description?: string;
    },
  ): Promise<FakeRepositorySummary>;
  /**
   * One commit on `branch` (created from the default branch's tip when missing), as another
   * writer would push it; content null deletes the path. Returns the commit SHA.
   */
  commitFiles(
    owner: string,
    repo: string,
    branch: string,
    files: Record<string, string | null>,
    message?: string,
  ): Promise<string>;
  /** A file's content at a ref (branch, tag, SHA), or undefined when it does not exist. */
  readFile(
    owner: string,
    repo: string,
    ref: string,
    path: string,
  ): Promise<string | undefined>;
  /** Branch name → tip SHA. */
  branches(owner: string, repo: string): Promise<Record<string, string>>;
  /** Commits reachable from `ref`, newest first. */
  commits(owner: string, repo: string, ref: string): Promise<FakeCommit[]>;
  pullRequests(owner: string, repo: string): Promise<FakePullRequest[]>;
  /**
   * Calls `listener` after every ref move (git push, REST ref/contents/merge writes), before
   * the request that moved it is answered: e.g. seed the workflow run GitHub would start on a
   * push. Returns a function that removes the listener.
   */
  onPush(listener: (event: FakePushEvent) => void | Promise<void>): () => void;
  /** Every request served so far (REST, raw, git, unknown), in order. */
  requests(): RecordedRequest[];
  /** Requests that could change state (non-GET REST calls and pushes). */
  writes(): RecordedRequest[];
  /** Requests no route answered (404 from the router): endpoints a test needs but the fake lacks. */
  unhandled(): RecordedRequest[];
  clearRequests(): void;
  /** Id of a user or organisation (for environment reviewers). */
  userId(login: string): number;
  /** Id of a team declared in `organizations[].teams`. */
  teamId(org: string, slug: string): number;
  /** Non-git state of a repository. */
  state(owner: string, repo: string): FakeRepositoryState;
  /** Adds objects as the API would create them (same validation, same JSON), as the first token's user. */
  seed: {
    checkRun(
      owner: string,
      repo: string,
      input: CheckRunInput,
    ): Promise<GitHubObject>;
    commitStatus(
      owner: string,
      repo: string,
      sha: string,
      input: CommitStatusInput,
    ): Promise<GitHubObject>;
    workflowRun(
      owner: string,
      repo: string,
      input?: WorkflowRunInput,
    ): Promise<GitHubObject>;
    deployment(
      owner: string,
      repo: string,
      input: DeploymentInput,
    ): Promise<GitHubObject>;
    deploymentStatus(
      owner: string,
      repo: string,
      deploymentId: number,
      input: DeploymentStatusInput,
    ): GitHubObject;
    environment(
      owner: string,
      repo: string,
      name: string,
      input?: EnvironmentInput,
    ): GitHubObject;
    ruleset(owner: string, repo: string, input: RulesetInput): GitHubObject;
    issue(owner: string, repo: string, input: IssueInput): GitHubObject;
    issueComment(
      owner: string,
      repo: string,
      issueNumber: number,
      body: string,
    ): GitHubObject;
  };
  stop(): Promise<void>;
}
