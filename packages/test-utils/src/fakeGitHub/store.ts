import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BareRepository } from './BareRepository';
import { FakeGitHubOptions, FakePushEvent } from './types';

/** GitHub's legacy global node id (`base64("0<len>:<Type><id>")`), as older objects carry. */
export function nodeId(type: string, id: number | string): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString('base64');
}

export function isoNow(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface UserRecord {
  login: string;
  id: number;
  type: 'User' | 'Organization';
}

export interface TeamRecord {
  id: number;
  slug: string;
  name: string;
  org: string;
}

export interface TokenRecord {
  token: string;
  login: string;
  permission: 'read' | 'write';
  scopes: string[];
}

export interface PullRecord {
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  draft: boolean;
  headRef: string;
  /** Last known head SHA: followed live while the head branch exists. */
  headSha: string;
  baseRef: string;
  user: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  mergeCommitSha: string | null;
  mergedBy: string | null;
}

export interface IssueRecord {
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  user: string;
  labels: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

/** A stored object in GitHub's JSON shape (what the API returns), keyed by its numeric id. */
export type JsonRecord = Record<string, unknown> & { id: number };

export interface WorkflowDispatch {
  workflowId: string;
  ref: string;
  inputs: Record<string, unknown>;
  login: string;
}

export interface RepoRecord {
  id: number;
  owner: UserRecord;
  name: string;
  description: string | null;
  private: boolean;
  defaultBranch: string;
  createdAt: string;
  updatedAt: string;
  settings: {
    hasIssues: boolean;
    hasWiki: boolean;
    deleteBranchOnMerge: boolean;
    allowMergeCommit: boolean;
    allowSquashMerge: boolean;
    allowRebaseMerge: boolean;
  };
  git: BareRepository;
  /** Issues and pull requests share one number sequence, as on GitHub. */
  nextNumber: number;
  pulls: PullRecord[];
  issues: IssueRecord[];
  issueComments: Array<JsonRecord & { issueNumber: number }>;
  reviews: Array<JsonRecord & { pullNumber: number }>;
  checkRuns: JsonRecord[];
  statuses: Array<JsonRecord & { sha: string }>;
  deployments: JsonRecord[];
  deploymentStatuses: Array<JsonRecord & { deploymentId: number }>;
  environments: JsonRecord[];
  rulesets: JsonRecord[];
  workflowRuns: JsonRecord[];
  dispatches: WorkflowDispatch[];
  /** Workflow file path → its stable numeric id. */
  workflowIds: Map<string, number>;
}

const REPO_NAME = /^[A-Za-z0-9._-]{1,100}$/;
/** GitHub logins: letters, digits and inner hyphens (bots end in `[bot]`); never a path. */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;

/** All state of the fake: users, tokens, organisations and their repositories. */
export class FakeGitHubStore {
  readonly tokens = new Map<string, TokenRecord>();
  private readonly users = new Map<string, UserRecord>();
  private readonly teams: TeamRecord[] = [];
  private readonly repos = new Map<string, RepoRecord>();
  private readonly counters = new Map<string, number>();
  private readonly strictOrganizations: boolean;
  readonly defaultBranch: string;
  /** Awaited in order after each ref move, before the request that moved it is answered. */
  readonly pushListeners = new Set<
    (event: FakePushEvent) => void | Promise<void>
  >();

  constructor(readonly root: string, options: FakeGitHubOptions) {
    this.defaultBranch = options.defaultBranch ?? 'main';
    for (const entry of options.tokens) {
      const t = typeof entry === 'string' ? { token: entry } : entry;
      if (!t.token)
        throw new Error('startFakeGitHub: tokens[] must not be empty strings');
      const login = t.login ?? 'portal-bot';
      this.ensureUser(login, 'User');
      this.tokens.set(t.token, {
        token: t.token,
        login,
        permission: t.permission ?? 'write',
        scopes: t.scopes ?? ['repo', 'workflow'],
      });
    }
    this.strictOrganizations = options.organizations !== undefined;
    for (const org of options.organizations ?? []) {
      this.ensureUser(org.login, 'Organization');
      for (const slug of org.teams ?? []) this.addTeam(org.login, slug);
      for (const member of org.members ?? []) this.ensureUser(member, 'User');
    }
  }

  /** Ids grow per kind from distinct bases, so an id never looks valid for the wrong kind. */
  nextId(kind: string): number {
    const bases: Record<string, number> = {
      user: 1000,
      repo: 5000,
      team: 9000,
      pull: 100000,
      issue: 200000,
    };
    const next = (this.counters.get(kind) ?? bases[kind] ?? 1) + 1;
    this.counters.set(kind, next);
    return next;
  }

  ensureUser(login: string, type: UserRecord['type']): UserRecord {
    const existing = this.users.get(login.toLowerCase());
    if (existing) return existing;
    if (!LOGIN.test(login)) {
      throw new Error(
        `'${login}' is not a valid GitHub login (letters, digits, hyphens)`,
      );
    }
    const user = { login, id: this.nextId('user'), type };
    this.users.set(login.toLowerCase(), user);
    return user;
  }

  user(login: string): UserRecord | undefined {
    return this.users.get(login.toLowerCase());
  }

  userById(id: number): UserRecord | undefined {
    return [...this.users.values()].find(u => u.id === id);
  }

  /** An organisation by login: any unknown login becomes one unless organisations were listed. */
  organization(login: string): UserRecord | undefined {
    const existing = this.user(login);
    if (existing)
      return existing.type === 'Organization' ? existing : undefined;
    return this.strictOrganizations || !LOGIN.test(login)
      ? undefined
      : this.ensureUser(login, 'Organization');
  }

  addTeam(org: string, slug: string): TeamRecord {
    const existing = this.team(org, slug);
    if (existing) return existing;
    const team = { id: this.nextId('team'), slug, name: slug, org };
    this.teams.push(team);
    return team;
  }

  team(org: string, slug: string): TeamRecord | undefined {
    return this.teams.find(
      t => t.org.toLowerCase() === org.toLowerCase() && t.slug === slug,
    );
  }

  teamById(id: number): TeamRecord | undefined {
    return this.teams.find(t => t.id === id);
  }

  teamsOf(org: string): TeamRecord[] {
    return this.teams.filter(t => t.org.toLowerCase() === org.toLowerCase());
  }

  repository(owner: string, name: string): RepoRecord | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  repositoriesOf(owner: string): RepoRecord[] {
    return [...this.repos.values()].filter(
      r => r.owner.login.toLowerCase() === owner.toLowerCase(),
    );
  }

  async emitPush(event: FakePushEvent): Promise<void> {
    for (const listener of [...this.pushListeners]) await listener(event);
  }

  /** Creates the record and its bare repository; the caller checks that the name is free. */
  async createRepository(
    owner: UserRecord,
    name: string,
    options: {
      description?: string | null;
      private?: boolean;
      defaultBranch?: string;
      deleteBranchOnMerge?: boolean;
      hasWiki?: boolean;
      hasIssues?: boolean;
    } = {},
  ): Promise<RepoRecord> {
    if (!REPO_NAME.test(name) || name === '.' || name === '..') {
      throw new Error(`repository name '${name}' is not valid on GitHub`);
    }
    const gitDir = join(this.root, owner.login, `${name}.git`);
    await mkdir(join(this.root, owner.login), { recursive: true });
    const defaultBranch = options.defaultBranch ?? this.defaultBranch;
    const now = isoNow();
    const record: RepoRecord = {
      id: this.nextId('repo'),
      owner,
      name,
      description: options.description ?? null,
      private: options.private ?? true,
      defaultBranch,
      createdAt: now,
      updatedAt: now,
      settings: {
        hasIssues: options.hasIssues ?? true,
        hasWiki: options.hasWiki ?? true,
        deleteBranchOnMerge: options.deleteBranchOnMerge ?? false,
        allowMergeCommit: true,
        allowSquashMerge: true,
        allowRebaseMerge: true,
      },
      git: await BareRepository.init(
        gitDir,
        defaultBranch,
        (ref, before, after) =>
          this.emitPush({
            owner: owner.login,
            repo: name,
            ref,
            before: before ?? null,
            after: after ?? null,
            via: 'api',
          }),
      ),
      nextNumber: 1,
      pulls: [],
      issues: [],
      issueComments: [],
      reviews: [],
      checkRuns: [],
      statuses: [],
      deployments: [],
      deploymentStatuses: [],
      environments: [],
      rulesets: [],
      workflowRuns: [],
      dispatches: [],
      workflowIds: new Map(),
    };
    this.repos.set(`${owner.login}/${name}`.toLowerCase(), record);
    return record;
  }

  async deleteRepository(repo: RepoRecord): Promise<void> {
    this.repos.delete(`${repo.owner.login}/${repo.name}`.toLowerCase());
    await rm(repo.git.gitDir, { recursive: true, force: true });
  }
}
