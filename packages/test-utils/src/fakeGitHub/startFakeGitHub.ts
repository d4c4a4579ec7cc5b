import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../process';
import { ApiError, JsonBody, Router } from './http';
import { commitFiles, entryAt, signatureOf } from './repoGit';
import { registerActionsRoutes, createWorkflowRun } from './routes/actions';
import {
  Actor,
  createCheckRun,
  createCommitStatus,
  registerCheckRoutes,
} from './routes/checks';
import { registerContentRoutes } from './routes/contents';
import {
  createDeployment,
  createDeploymentStatus,
  putEnvironment,
  registerDeploymentRoutes,
} from './routes/deployments';
import { registerGitDataRoutes } from './routes/gitData';
import {
  createIssue,
  createIssueComment,
  registerIssueRoutes,
} from './routes/issues';
import { currentHeadSha, registerPullRoutes } from './routes/pulls';
import { registerRepoRoutes } from './routes/repos';
import { registerRulesetRoutes, saveRuleset } from './routes/rulesets';
import { FakeGitHubServer } from './server';
import { Urls } from './shapes';
import { FakeGitHub } from './FakeGitHub';
import { FakeGitHubStore, RepoRecord } from './store';
import {
  FakeGitHubOptions,
  FakeRepositorySummary,
  GitHubObject,
} from './types';

function buildRouter(): Router {
  const router = new Router();
  registerRepoRoutes(router);
  registerGitDataRoutes(router);
  registerContentRoutes(router);
  registerPullRoutes(router);
  registerCheckRoutes(router);
  registerActionsRoutes(router);
  registerDeploymentRoutes(router);
  registerRulesetRoutes(router);
  registerIssueRoutes(router);
  return router;
}

/** Errors from seeds and helpers name the GitHub error, not an opaque ApiError. */
async function helper<T>(what: string, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ApiError)
      throw new Error(`fake GitHub ${what}: ${error.status} ${error.message}`);
    throw error;
  }
}

function syncHelper<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ApiError)
      throw new Error(`fake GitHub ${what}: ${error.status} ${error.message}`);
    throw error;
  }
}

/**
 * Starts a fake GitHub on 127.0.0.1 (a free port): GitHub's REST wire format under `/api/v3`
 * (as GitHub Enterprise Server lays it out), raw files under `/raw`, and git smart HTTP at
 * `/<owner>/<repo>.git` through `git http-backend`. Each repository is a bare git repository
 * in a temporary folder, so REST writes and `git push` see the same state. Requires git >= 2.38.
 */
export async function startFakeGitHub(
  options: FakeGitHubOptions,
): Promise<FakeGitHub> {
  if (options.tokens.length === 0)
    throw new Error('startFakeGitHub: tokens must name at least one token');
  const root = await mkdtemp(join(tmpdir(), 'fake-github-'));
  const store = new FakeGitHubStore(root, options);
  const port = await freePort();
  const urls = new Urls(`http://127.0.0.1:${port}`);
  const server = new FakeGitHubServer(store, buildRouter(), urls);
  const http = createServer((req, res) => void server.handle(req, res));
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, '127.0.0.1', () => resolve());
  });

  const firstToken = [...store.tokens.values()][0];
  const actor: Actor = { store, urls, user: store.user(firstToken.login)! };
  const repository = (owner: string, name: string): RepoRecord => {
    const repo = store.repository(owner, name);
    if (!repo) throw new Error(`fake GitHub: no repository ${owner}/${name}`);
    return repo;
  };
  const body = (input: object) => input as JsonBody;
  const summary = (repo: RepoRecord): FakeRepositorySummary => ({
    owner: repo.owner.login,
    name: repo.name,
    fullName: `${repo.owner.login}/${repo.name}`,
    defaultBranch: repo.defaultBranch,
    htmlUrl: urls.repoHtml(repo),
    cloneUrl: urls.cloneUrl(repo),
    gitDir: repo.git.gitDir,
  });

  return {
    baseUrl: urls.web,
    apiBaseUrl: urls.api,
    rawBaseUrl: urls.raw,
    host: `127.0.0.1:${port}`,
    integrationConfig: token => ({
      host: `127.0.0.1:${port}`,
      apiBaseUrl: urls.api,
      rawBaseUrl: urls.raw,
      token,
    }),
    createRepo: async (owner, name, files, repoOptions = {}) => {
      if (store.repository(owner, name))
        throw new Error(`fake GitHub: ${owner}/${name} already exists`);
      const ownerRecord =
        store.user(owner) ?? store.ensureUser(owner, 'Organization');
      const repo = await store.createRepository(ownerRecord, name, repoOptions);
      if (files && Object.keys(files).length > 0) {
        await commitFiles(repo, {
          branch: repo.defaultBranch,
          files,
          message: 'Initial commit',
          author: signatureOf(actor.user),
          expectedHead: null,
        });
      }
      return summary(repo);
    },
    commitFiles: async (
      owner,
      name,
      branch,
      files,
      message = `Update ${Object.keys(files).join(', ')}`,
    ) => {
      const repo = repository(owner, name);
      const ref = `refs/heads/${branch}`;
      if (!(await repo.git.refSha(ref))) {
        const base = await repo.git.refSha(`refs/heads/${repo.defaultBranch}`);
        if (base) await repo.git.compareAndSwapRef(ref, base, undefined);
      }
      const result = await helper('commitFiles', () =>
        commitFiles(repo, {
          branch,
          files,
          message,
          author: signatureOf(actor.user),
        }),
      );
      return result.commitSha;
    },
    readFile: async (owner, name, ref, path) => {
      const repo = repository(owner, name);
      const commit = await repo.git.resolveCommit(ref);
      const entry = commit ? await entryAt(repo, commit, path) : undefined;
      return entry?.type === 'blob'
        ? (await repo.git.readBlob(entry.sha)).toString('utf8')
        : undefined;
    },
    branches: async (owner, name) =>
      Object.fromEntries(
        (await repository(owner, name).git.refs('refs/heads/')).map(r => [
          r.ref.slice('refs/heads/'.length),
          r.sha,
        ]),
      ),
    commits: async (owner, name, ref) => {
      const repo = repository(owner, name);
      const start = await repo.git.resolveCommit(ref);
      if (!start) return [];
      const shas = await repo.git.log(start);
      return Promise.all(
        shas.map(async sha => {
          const c = await repo.git.readCommit(sha);
          return {
            sha,
            message: c.message.replace(/\n$/, ''),
            tree: c.tree,
            parents: c.parents,
            author: c.author,
          };
        }),
      );
    },
    pullRequests: async (owner, name) => {
      const repo = repository(owner, name);
      return Promise.all(
        repo.pulls.map(async p => ({
          number: p.number,
          title: p.title,
          body: p.body,
          state: p.state,
          draft: p.draft,
          headRef: p.headRef,
          headSha: await currentHeadSha(repo, p),
          baseRef: p.baseRef,
          merged: p.mergedAt !== null,
          mergeCommitSha: p.mergeCommitSha,
          user: p.user,
        })),
      );
    },
    onPush: listener => {
      store.pushListeners.add(listener);
      return () => store.pushListeners.delete(listener);
    },
    requests: () => server.recorded.map(r => ({ ...r })),
    writes: () => server.recorded.filter(r => r.write).map(r => ({ ...r })),
    unhandled: () =>
      server.recorded
        .filter(r => r.kind === 'unknown' || (r.kind === 'api' && !r.route))
        .map(r => ({ ...r })),
    clearRequests: () => {
      server.recorded.length = 0;
    },
    userId: login => {
      const user = store.user(login);
      if (!user)
        throw new Error(`fake GitHub: no user or organisation '${login}'`);
      return user.id;
    },
    teamId: (org, slug) => {
      const team = store.team(org, slug);
      if (!team)
        throw new Error(
          `fake GitHub: no team ${org}/${slug} (declare it in organizations[].teams)`,
        );
      return team.id;
    },
    state: (owner, name) => {
      const r = repository(owner, name);
      return {
        checkRuns: r.checkRuns,
        statuses: r.statuses,
        deployments: r.deployments,
        deploymentStatuses: r.deploymentStatuses,
        environments: r.environments,
        rulesets: r.rulesets,
        issueComments: r.issueComments,
        reviews: r.reviews,
        workflowRuns: r.workflowRuns,
        dispatches: r.dispatches,
      };
    },
    seed: {
      checkRun: (o, n, input) =>
        helper('seed.checkRun', () =>
          createCheckRun(actor, repository(o, n), body(input)),
        ),
      commitStatus: (o, n, sha, input) =>
        helper('seed.commitStatus', () =>
          createCommitStatus(actor, repository(o, n), sha, body(input)),
        ),
      workflowRun: (o, n, input = {}) =>
        helper('seed.workflowRun', () =>
          createWorkflowRun(actor, repository(o, n), body(input)),
        ),
      deployment: (o, n, input) =>
        helper('seed.deployment', () =>
          createDeployment(actor, repository(o, n), body(input)),
        ),
      deploymentStatus: (o, n, id, input) =>
        syncHelper('seed.deploymentStatus', () =>
          createDeploymentStatus(actor, repository(o, n), id, body(input)),
        ),
      environment: (o, n, name, input = {}) =>
        syncHelper('seed.environment', () =>
          putEnvironment(actor, repository(o, n), name, body(input)),
        ),
      ruleset: (o, n, input) =>
        syncHelper('seed.ruleset', () =>
          saveRuleset(actor, repository(o, n), body(input)),
        ),
      issue: (o, n, input) =>
        syncHelper(
          'seed.issue',
          () =>
            createIssue(
              actor,
              repository(o, n),
              body(input),
            ) as unknown as GitHubObject,
        ),
      issueComment: (o, n, number, text) =>
        syncHelper('seed.issueComment', () =>
          createIssueComment(actor, repository(o, n), number, { body: text }),
        ),
    },
    stop: async () => {
      await new Promise<void>(resolve => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await rm(root, { recursive: true, force: true });
    },
  };
}
