/** A token the fake accepts, and who it authenticates as. */
export interface FakeGitHubToken {
  token: string;
  /** Login of the token's user (GET /user, commit authors, `REMOTE_USER`). Default `portal-bot`. */
  login?: string;
  /**
   * `write` (default) may call every endpoint and push; `read` gets GitHub's 403 on any REST
   * call other than GET and on `git push`, as a read-only fine-grained token does.
   */
  permission?: 'read' | 'write';
  /** Sent back in `X-OAuth-Scopes`, as GitHub does for classic tokens. Default `repo, workflow`. */
  scopes?: string[];
}

/** An organisation the fake knows, with its teams (usable as environment reviewers). */
export interface FakeGitHubOrganization {
  login: string;
  /** Team slugs; each gets an id for `reviewers: [{ type: 'Team', id }]`. */
  teams?: string[];
  /** Extra user logins (e.g. reviewers) besides the tokens' users. */
  members?: string[];
}

export interface FakeGitHubOptions {
  /** Tokens that authenticate (a bare string is a `write` token of user `portal-bot`). */
  tokens: Array<string | FakeGitHubToken>;
  /**
   * Organisations that exist. When given, `POST /orgs/{org}/repos` for any other org is 404 as on
   * GitHub; when omitted, any owner name is accepted and becomes an organisation on first use.
   */
  organizations?: FakeGitHubOrganization[];
  /** Default branch of new repositories. Default `main`. */
  defaultBranch?: string;
}

/** One HTTP request the fake served, in arrival order. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/api/v3/repos/acme/infra/git/refs`. */
  path: string;
  query: string;
  /** `api` (REST under /api/v3), `git` (smart HTTP), `raw` (raw file host), `unknown`. */
  kind: 'api' | 'git' | 'raw' | 'unknown';
  /** The route pattern that answered, e.g. `PATCH /repos/:owner/:repo/git/refs/*ref`. */
  route?: string;
  /** The token presented (undefined when none), whether or not it was accepted. */
  token?: string;
  /** Login the token authenticated as, when it did. */
  login?: string;
  /** True for anything that may change state: non-GET REST calls and `git push`. */
  write: boolean;
  status: number;
  /** The request's JSON body (REST only). */
  body?: unknown;
  /** Message of an unexpected error inside the fake (status 500). */
  error?: string;
}

export interface FakePullRequest {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  draft: boolean;
  headRef: string;
  headSha: string;
  baseRef: string;
  merged: boolean;
  mergeCommitSha: string | null;
  user: string;
}

export interface FakeCommit {
  sha: string;
  message: string;
  tree: string;
  parents: string[];
  author: { name: string; email: string; date: string };
}

/** A ref that moved (what GitHub's `push` webhook reports), by `git push` or a REST write. */
export interface FakePushEvent {
  owner: string;
  repo: string;
  /** Full ref name, e.g. `refs/heads/main`. */
  ref: string;
  /** null: the ref was created. */
  before: string | null;
  /** null: the ref was deleted. */
  after: string | null;
  via: 'git' | 'api';
}

/** A repository of the fake, with the URLs clients use for it. */
export interface FakeRepositorySummary {
  owner: string;
  name: string;
  fullName: string;
  defaultBranch: string;
  htmlUrl: string;
  cloneUrl: string;
  /** Bare repository on disk (for `git --git-dir` inspection in tests). */
  gitDir: string;
}

// ---- seed inputs: the same fields as GitHub's request bodies, so seeds and API calls agree ----

export interface CheckRunInput {
  name: string;
  head_sha: string;
  status?: 'queued' | 'in_progress' | 'completed';
  conclusion?:
    | 'action_required'
    | 'cancelled'
    | 'failure'
    | 'neutral'
    | 'success'
    | 'skipped'
    | 'stale'
    | 'timed_out';
  details_url?: string;
  external_id?: string;
  started_at?: string;
  completed_at?: string;
  output?: { title?: string; summary?: string; text?: string };
}

export interface CommitStatusInput {
  state: 'error' | 'failure' | 'pending' | 'success';
  target_url?: string;
  description?: string;
  context?: string;
}

export interface WorkflowRunInput {
  name?: string;
  /** Workflow file, e.g. `.github/workflows/delivery.yml`. */
  path?: string;
  head_branch?: string;
  head_sha?: string;
  event?: string;
  status?:
    | 'queued'
    | 'in_progress'
    | 'completed'
    | 'waiting'
    | 'requested'
    | 'pending';
  conclusion?: string;
  display_title?: string;
}

export interface DeploymentInput {
  ref: string;
  environment?: string;
  task?: string;
  payload?: Record<string, unknown> | string;
  description?: string;
  transient_environment?: boolean;
  production_environment?: boolean;
}

export interface DeploymentStatusInput {
  state:
    | 'error'
    | 'failure'
    | 'inactive'
    | 'in_progress'
    | 'queued'
    | 'pending'
    | 'success';
  description?: string;
  environment?: string;
  target_url?: string;
  log_url?: string;
  environment_url?: string;
}

export interface EnvironmentInput {
  wait_timer?: number;
  prevent_self_review?: boolean;
  /** Ids from `FakeGitHub.userId` / `teamId`. */
  reviewers?: Array<{ type: 'User' | 'Team'; id: number }>;
  deployment_branch_policy?: {
    protected_branches: boolean;
    custom_branch_policies: boolean;
  } | null;
}

export interface RulesetInput {
  name: string;
  target?: 'branch' | 'tag' | 'push';
  enforcement: 'disabled' | 'active' | 'evaluate';
  bypass_actors?: Array<Record<string, unknown>>;
  conditions?: Record<string, unknown>;
  rules?: Array<{ type: string; parameters?: Record<string, unknown> }>;
}

export interface IssueInput {
  title: string;
  body?: string;
  labels?: string[];
}

/** A stored object exactly as the API returns it. */
export type GitHubObject = Record<string, unknown> & { id: number };
