import {
  ApiError,
  ApiRequest,
  JsonBody,
  noContent,
  notFound,
  ok,
  optionalObject,
  optionalString,
  paginate,
  requiredString,
  Router,
} from '../http';
import { resolveRef } from '../repoGit';
import { repoJson, userJson } from '../shapes';
import { isoNow, JsonRecord, nodeId, RepoRecord } from '../store';
import { Actor } from './checks';

const WORKFLOWS_DIR = '.github/workflows';

interface Workflow {
  id: number;
  path: string;
  name: string;
  content: string;
}

function workflowId(repo: RepoRecord, path: string): number {
  let id = repo.workflowIds.get(path);
  if (id === undefined) {
    id = repo.id * 1000 + repo.workflowIds.size + 1;
    repo.workflowIds.set(path, id);
  }
  return id;
}

/** The workflow files on a commit (`.github/workflows/*.yml|yaml`), with their `name:`. */
async function workflowsAt(
  repo: RepoRecord,
  commit: string,
): Promise<Workflow[]> {
  const entries = await repo.git.listTree(commit, {
    path: `${WORKFLOWS_DIR}/`,
  });
  const files = entries.filter(
    e => e.type === 'blob' && /\.ya?ml$/.test(e.path),
  );
  return Promise.all(
    files.map(async e => {
      const content = (await repo.git.readBlob(e.sha)).toString('utf8');
      const name =
        content.match(/^name:\s*['"]?(.+?)['"]?\s*$/m)?.[1] ?? e.path;
      return { id: workflowId(repo, e.path), path: e.path, name, content };
    }),
  );
}

function workflowJson(actor: Actor, repo: RepoRecord, w: Workflow) {
  return {
    id: w.id,
    node_id: nodeId('Workflow', w.id),
    name: w.name,
    path: w.path,
    state: 'active',
    created_at: repo.createdAt,
    updated_at: repo.updatedAt,
    url: `${actor.urls.repoApi(repo)}/actions/workflows/${w.id}`,
    html_url: `${actor.urls.repoHtml(repo)}/blob/${repo.defaultBranch}/${
      w.path
    }`,
    badge_url: `${actor.urls.repoHtml(repo)}/workflows/${encodeURIComponent(
      w.name,
    )}/badge.svg`,
  };
}

/** A workflow by numeric id or file name, as `{workflow_id}` accepts both. */
async function findWorkflow(
  repo: RepoRecord,
  commit: string,
  idOrFile: string,
) {
  const workflow = (await workflowsAt(repo, commit)).find(
    w => String(w.id) === idOrFile || w.path === `${WORKFLOWS_DIR}/${idOrFile}`,
  );
  if (!workflow) throw notFound();
  return workflow;
}

/**
 * Adds a workflow run (the seed helper's path, and what a dispatch creates). Fields follow
 * GitHub's run object; `head_sha` defaults to the tip of `head_branch` (default branch).
 */
export async function createWorkflowRun(
  actor: Actor,
  repo: RepoRecord,
  body: JsonBody,
): Promise<JsonRecord> {
  const branch = optionalString(body, 'head_branch') ?? repo.defaultBranch;
  const headSha =
    optionalString(body, 'head_sha') ?? (await resolveRef(repo, branch));
  const path = optionalString(body, 'path') ?? `${WORKFLOWS_DIR}/ci.yml`;
  const id = actor.store.nextId('workflow-run');
  const api = `${actor.urls.repoApi(repo)}/actions/runs/${id}`;
  const now = isoNow();
  const status = optionalString(body, 'status') ?? 'queued';
  const run: JsonRecord = {
    id,
    name: optionalString(body, 'name') ?? path.split('/').pop(),
    node_id: nodeId('WorkflowRun', id),
    head_branch: branch,
    head_sha: headSha,
    path,
    display_title: optionalString(body, 'display_title') ?? path,
    run_number: repo.workflowRuns.length + 1,
    run_attempt: 1,
    event: optionalString(body, 'event') ?? 'push',
    status,
    conclusion: optionalString(body, 'conclusion') ?? null,
    workflow_id: workflowId(repo, path),
    url: api,
    html_url: `${actor.urls.repoHtml(repo)}/actions/runs/${id}`,
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${actor.urls.repoApi(repo)}/check-suites/${id}`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    workflow_url: `${actor.urls.repoApi(repo)}/actions/workflows/${workflowId(
      repo,
      path,
    )}`,
    pull_requests: [],
    created_at: now,
    updated_at: now,
    run_started_at: now,
    actor: userJson(actor.user, actor.urls),
    triggering_actor: userJson(actor.user, actor.urls),
    repository: repoJson(repo, actor.urls),
    head_repository: repoJson(repo, actor.urls),
  };
  repo.workflowRuns.push(run);
  return run;
}

function listRuns(req: ApiRequest, runs: JsonRecord[]) {
  const q = req.query;
  const filtered = runs
    .filter(r => !q.get('branch') || r.head_branch === q.get('branch'))
    .filter(r => !q.get('event') || r.event === q.get('event'))
    .filter(r => !q.get('head_sha') || r.head_sha === q.get('head_sha'))
    .filter(
      r =>
        !q.get('status') ||
        r.status === q.get('status') ||
        r.conclusion === q.get('status'),
    )
    .reverse();
  return paginate(req, filtered, (page, total) => ({
    total_count: total,
    workflow_runs: page,
  }));
}

/** Workflows (read from `.github/workflows`), workflow runs, and `workflow_dispatch`. */
export function registerActionsRoutes(router: Router): void {
  router
    .get('/repos/:owner/:repo/actions/workflows', async req => {
      const repo = req.repo();
      const workflows = await workflowsAt(repo, await resolveRef(repo));
      return paginate(
        req,
        workflows.map(w => workflowJson(req, repo, w)),
        (page, total) => ({
          total_count: total,
          workflows: page,
        }),
      );
    })
    .get('/repos/:owner/:repo/actions/workflows/:id', async req => {
      const repo = req.repo();
      return ok(
        workflowJson(
          req,
          repo,
          await findWorkflow(repo, await resolveRef(repo), req.params.id),
        ),
      );
    })
    .post('/repos/:owner/:repo/actions/workflows/:id/dispatches', async req => {
      const repo = req.repo();
      const ref = requiredString(req.body, 'ref');
      const commit = await repo.git.resolveCommit(ref);
      if (!commit) throw new ApiError(422, `No ref found for: ${ref}`);
      const workflow = await findWorkflow(repo, commit, req.params.id);
      if (
        !/^\s*workflow_dispatch\b|[\s[,{]workflow_dispatch\b/m.test(
          workflow.content,
        )
      ) {
        throw new ApiError(
          422,
          "Workflow does not have 'workflow_dispatch' trigger",
        );
      }
      const inputs = optionalObject(req.body, 'inputs') ?? {};
      repo.dispatches.push({
        workflowId: workflow.path,
        ref,
        inputs,
        login: req.user.login,
      });
      await createWorkflowRun(req, repo, {
        name: workflow.name,
        path: workflow.path,
        head_branch: ref.replace(/^refs\/heads\//, ''),
        head_sha: commit,
        event: 'workflow_dispatch',
      });
      return noContent();
    })
    .get('/repos/:owner/:repo/actions/runs', req =>
      listRuns(req, req.repo().workflowRuns),
    )
    .get('/repos/:owner/:repo/actions/workflows/:id/runs', async req => {
      const repo = req.repo();
      const workflow = await findWorkflow(
        repo,
        await resolveRef(repo),
        req.params.id,
      );
      return listRuns(
        req,
        repo.workflowRuns.filter(r => r.path === workflow.path),
      );
    })
    .get('/repos/:owner/:repo/actions/runs/:id', req => {
      const run = req
        .repo()
        .workflowRuns.find(r => r.id === Number(req.params.id));
      if (!run) throw notFound();
      return ok(run);
    });
}
