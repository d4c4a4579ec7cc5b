import {
  ApiError,
  ApiRequest,
  JsonBody,
  noContent,
  notFound,
  ok,
  optionalArray,
  optionalBoolean,
  optionalEnum,
  optionalObject,
  optionalString,
  paginate,
  requiredString,
  Router,
  validationFailed,
} from '../http';
import { teamJson, userJson } from '../shapes';
import { isoNow, JsonRecord, nodeId, RepoRecord } from '../store';
import { Actor } from './checks';

const DEPLOYMENT_STATES = [
  'error',
  'failure',
  'inactive',
  'in_progress',
  'queued',
  'pending',
  'success',
] as const;

/** Protection rules as GitHub lists them, from the `PUT /environments/{name}` body. */
function protectionRules(actor: Actor, body: JsonBody) {
  const rules: Array<Record<string, unknown>> = [];
  const rule = (type: string, extra: Record<string, unknown>) => {
    const id = actor.store.nextId('protection-rule');
    rules.push({
      id,
      node_id: nodeId('EnvironmentProtectionRule', id),
      type,
      ...extra,
    });
  };
  const waitTimer = body.wait_timer;
  if (waitTimer !== undefined && waitTimer !== null) {
    if (typeof waitTimer !== 'number' || waitTimer < 0 || waitTimer > 43200) {
      throw validationFailed(
        'Environment',
        'wait_timer',
        'invalid',
        'wait_timer must be between 0 and 43200',
      );
    }
    if (waitTimer > 0) rule('wait_timer', { wait_timer: waitTimer });
  }
  const reviewers = optionalArray(body, 'reviewers') ?? [];
  if (reviewers.length > 6)
    throw validationFailed(
      'Environment',
      'reviewers',
      'invalid',
      'at most 6 reviewers',
    );
  const resolved = reviewers.map(raw => {
    const r = (raw ?? {}) as JsonBody;
    const type = optionalEnum(r, 'type', ['User', 'Team'] as const);
    const id = Number(r.id);
    const user = type === 'User' ? actor.store.userById(id) : undefined;
    const team = type === 'Team' ? actor.store.teamById(id) : undefined;
    if (!user && !team)
      throw validationFailed(
        'Environment',
        'reviewers',
        'invalid',
        `no ${type ?? 'reviewer'} with id ${r.id}`,
      );
    return {
      type,
      reviewer: user ? userJson(user, actor.urls) : teamJson(team!, actor.urls),
    };
  });
  if (resolved.length > 0) {
    rule('required_reviewers', {
      prevent_self_review:
        optionalBoolean(body, 'prevent_self_review') ?? false,
      reviewers: resolved,
    });
  }
  const branchPolicy = optionalObject(body, 'deployment_branch_policy') ?? null;
  if (branchPolicy) {
    const protectedBranches = optionalBoolean(
      branchPolicy,
      'protected_branches',
    );
    const custom = optionalBoolean(branchPolicy, 'custom_branch_policies');
    if (protectedBranches === custom) {
      throw validationFailed(
        'Environment',
        'deployment_branch_policy',
        'invalid',
        'exactly one of protected_branches and custom_branch_policies must be true',
      );
    }
    rule('branch_policy', {});
  }
  return {
    protection_rules: rules,
    deployment_branch_policy: branchPolicy
      ? {
          protected_branches: branchPolicy.protected_branches,
          custom_branch_policies: branchPolicy.custom_branch_policies,
        }
      : null,
  };
}

/** `PUT /repos/{o}/{r}/environments/{name}` (also the seed helper's path): create or replace. */
export function putEnvironment(
  actor: Actor,
  repo: RepoRecord,
  name: string,
  body: JsonBody,
): JsonRecord {
  const existing = repo.environments.find(e => e.name === name);
  const id = existing?.id ?? actor.store.nextId('environment');
  const now = isoNow();
  const environment: JsonRecord = {
    id,
    node_id: nodeId('Environment', id),
    name,
    url: `${actor.urls.repoApi(repo)}/environments/${encodeURIComponent(name)}`,
    html_url: `${actor.urls.repoHtml(
      repo,
    )}/deployments/activity_log?environments_filter=${encodeURIComponent(
      name,
    )}`,
    created_at: existing?.created_at ?? now,
    updated_at: now,
    can_admins_bypass: optionalBoolean(body, 'can_admins_bypass') ?? true,
    ...protectionRules(actor, body),
    branch_policies: existing?.branch_policies ?? [],
  };
  if (existing) Object.assign(existing, environment);
  else repo.environments.push(environment);
  return existing ?? environment;
}

const publicEnvironment = ({ branch_policies: _, ...env }: JsonRecord) => env;

function findEnvironment(repo: RepoRecord, name: string): JsonRecord {
  const environment = repo.environments.find(e => e.name === name);
  if (!environment) throw notFound();
  return environment;
}

/** `POST /repos/{o}/{r}/deployments` (also the seed helper's path). */
export async function createDeployment(
  actor: Actor,
  repo: RepoRecord,
  body: JsonBody,
): Promise<JsonRecord> {
  const ref = requiredString(body, 'ref');
  const sha = await repo.git.resolveCommit(ref);
  if (!sha) throw new ApiError(422, `No ref found for: ${ref}`);
  const environment = optionalString(body, 'environment') ?? 'production';
  const id = actor.store.nextId('deployment');
  const now = isoNow();
  const url = `${actor.urls.repoApi(repo)}/deployments/${id}`;
  const deployment: JsonRecord = {
    url,
    id,
    node_id: nodeId('Deployment', id),
    sha,
    ref,
    task: optionalString(body, 'task') ?? 'deploy',
    payload: body.payload ?? {},
    original_environment: environment,
    environment,
    description: optionalString(body, 'description') ?? null,
    creator: userJson(actor.user, actor.urls),
    created_at: now,
    updated_at: now,
    statuses_url: `${url}/statuses`,
    repository_url: actor.urls.repoApi(repo),
    transient_environment:
      optionalBoolean(body, 'transient_environment') ?? false,
    production_environment:
      optionalBoolean(body, 'production_environment') ??
      environment === 'production',
  };
  repo.deployments.push(deployment);
  // GitHub creates the environment on the first deployment to it
  if (!repo.environments.some(e => e.name === environment))
    putEnvironment(actor, repo, environment, {});
  return deployment;
}

/** `POST /repos/{o}/{r}/deployments/{id}/statuses` (also the seed helper's path). */
export function createDeploymentStatus(
  actor: Actor,
  repo: RepoRecord,
  deploymentId: number,
  body: JsonBody,
): JsonRecord {
  const deployment = repo.deployments.find(d => d.id === deploymentId);
  if (!deployment) throw notFound();
  const state = optionalEnum(body, 'state', DEPLOYMENT_STATES);
  if (!state)
    throw new ApiError(422, 'Invalid request.\n\n"state" wasn\'t supplied.');
  const id = actor.store.nextId('deployment-status');
  const now = isoNow();
  const status = {
    url: `${deployment.url}/statuses/${id}`,
    id,
    node_id: nodeId('DeploymentStatus', id),
    state,
    creator: userJson(actor.user, actor.urls),
    description: optionalString(body, 'description') ?? '',
    environment: optionalString(body, 'environment') ?? deployment.environment,
    target_url:
      optionalString(body, 'target_url') ??
      optionalString(body, 'log_url') ??
      '',
    log_url:
      optionalString(body, 'log_url') ??
      optionalString(body, 'target_url') ??
      '',
    environment_url: optionalString(body, 'environment_url') ?? '',
    created_at: now,
    updated_at: now,
    deployment_url: deployment.url,
    repository_url: actor.urls.repoApi(repo),
    deploymentId,
  };
  repo.deploymentStatuses.push(status);
  deployment.updated_at = now;
  return status;
}

const publicStatus = ({ deploymentId: _, ...status }: JsonRecord) => status;

function listDeployments(req: ApiRequest) {
  const q = req.query;
  const deployments = req
    .repo()
    .deployments.filter(d =>
      ['sha', 'ref', 'task', 'environment'].every(
        k => !q.get(k) || d[k] === q.get(k),
      ),
    )
    .reverse();
  return paginate(req, deployments);
}

/** Deployments with their statuses, and environments with protection rules and branch policies. */
export function registerDeploymentRoutes(router: Router): void {
  router
    .get('/repos/:owner/:repo/deployments', listDeployments)
    .post('/repos/:owner/:repo/deployments', async req =>
      ok(await createDeployment(req, req.repo(), req.body), 201),
    )
    .get('/repos/:owner/:repo/deployments/:id', req => {
      const deployment = req
        .repo()
        .deployments.find(d => d.id === Number(req.params.id));
      if (!deployment) throw notFound();
      return ok(deployment);
    })
    .post('/repos/:owner/:repo/deployments/:id/statuses', req =>
      ok(
        publicStatus(
          createDeploymentStatus(
            req,
            req.repo(),
            Number(req.params.id),
            req.body,
          ),
        ),
        201,
      ),
    )
    .get('/repos/:owner/:repo/deployments/:id/statuses', req => {
      const repo = req.repo();
      const id = Number(req.params.id);
      if (!repo.deployments.some(d => d.id === id)) throw notFound();
      return paginate(
        req,
        repo.deploymentStatuses
          .filter(s => s.deploymentId === id)
          .reverse()
          .map(publicStatus),
      );
    })
    .get('/repos/:owner/:repo/environments', req =>
      paginate(
        req,
        req.repo().environments.map(publicEnvironment),
        (page, total) => ({
          total_count: total,
          environments: page,
        }),
      ),
    )
    .get('/repos/:owner/:repo/environments/:name', req =>
      ok(publicEnvironment(findEnvironment(req.repo(), req.params.name))),
    )
    .put('/repos/:owner/:repo/environments/:name', req =>
      ok(
        publicEnvironment(
          putEnvironment(req, req.repo(), req.params.name, req.body),
        ),
      ),
    )
    .delete('/repos/:owner/:repo/environments/:name', req => {
      const repo = req.repo();
      const environment = findEnvironment(repo, req.params.name);
      repo.environments.splice(repo.environments.indexOf(environment), 1);
      return noContent();
    })
    .get(
      '/repos/:owner/:repo/environments/:name/deployment-branch-policies',
      req => {
        const policies = findEnvironment(req.repo(), req.params.name)
          .branch_policies as JsonRecord[];
        return paginate(req, policies, (page, total) => ({
          total_count: total,
          branch_policies: page,
        }));
      },
    )
    .post(
      '/repos/:owner/:repo/environments/:name/deployment-branch-policies',
      req => {
        const environment = findEnvironment(req.repo(), req.params.name);
        const policy = environment.deployment_branch_policy as {
          custom_branch_policies?: boolean;
        } | null;
        if (!policy?.custom_branch_policies) {
          throw new ApiError(
            404,
            'Custom branch policies are not enabled for this environment',
          );
        }
        const id = req.store.nextId('branch-policy');
        const created = {
          id,
          node_id: nodeId('DeploymentBranchPolicy', id),
          name: requiredString(req.body, 'name'),
          type:
            optionalEnum(req.body, 'type', ['branch', 'tag'] as const) ??
            'branch',
        };
        (environment.branch_policies as JsonRecord[]).push(created);
        return ok(created);
      },
    );
}
