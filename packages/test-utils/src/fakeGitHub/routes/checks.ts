import {
  ApiError,
  ApiRequest,
  JsonBody,
  notFound,
  ok,
  optionalEnum,
  optionalObject,
  optionalString,
  paginate,
  requiredString,
  Router,
} from '../http';
import { resolveRef } from '../repoGit';
import { repoJson, userJson } from '../shapes';
import { isoNow, JsonRecord, nodeId, RepoRecord } from '../store';

/** Who a seeded or requested object is created as. */
export type Actor = Pick<ApiRequest, 'store' | 'urls' | 'user'>;

const CHECK_STATUSES = [
  'queued',
  'in_progress',
  'completed',
  'waiting',
  'requested',
  'pending',
] as const;
const CONCLUSIONS = [
  'action_required',
  'cancelled',
  'failure',
  'neutral',
  'success',
  'skipped',
  'stale',
  'timed_out',
] as const;

/** The app GitHub shows as the creator of check runs (GitHub Actions, as in a workflow run). */
function actionsApp(actor: Actor) {
  return {
    id: 15368,
    slug: 'github-actions',
    node_id: nodeId('App', 15368),
    name: 'GitHub Actions',
    owner: userJson(
      actor.store.ensureUser('github', 'Organization'),
      actor.urls,
    ),
  };
}

function output(body: JsonBody, url: string, previous?: JsonRecord['output']) {
  const given = optionalObject(body, 'output');
  const old = (previous ?? {}) as Record<string, unknown>;
  return {
    title: given ? optionalString(given, 'title') ?? null : old.title ?? null,
    summary: given
      ? optionalString(given, 'summary') ?? null
      : old.summary ?? null,
    text: given ? optionalString(given, 'text') ?? null : old.text ?? null,
    annotations_count: 0,
    annotations_url: `${url}/annotations`,
  };
}

/** Applies status/conclusion as GitHub does: a conclusion completes the run. */
function statusFields(body: JsonBody, record?: JsonRecord) {
  const conclusion =
    optionalEnum(body, 'conclusion', CONCLUSIONS) ??
    (record?.conclusion as string | null) ??
    null;
  let status =
    optionalEnum(body, 'status', CHECK_STATUSES) ??
    (record?.status as string) ??
    'queued';
  if (optionalEnum(body, 'conclusion', CONCLUSIONS)) status = 'completed';
  if (status === 'completed' && !conclusion) {
    throw new ApiError(
      422,
      'Invalid request.\n\n"conclusion" wasn\'t supplied.',
    );
  }
  const now = isoNow();
  return {
    status,
    conclusion: status === 'completed' ? conclusion : null,
    started_at:
      optionalString(body, 'started_at') ??
      (record?.started_at as string) ??
      now,
    completed_at:
      status === 'completed'
        ? optionalString(body, 'completed_at') ??
          (record?.completed_at as string) ??
          now
        : null,
  };
}

/** `POST /repos/{o}/{r}/check-runs` (also the seed helper's path). */
export async function createCheckRun(
  actor: Actor,
  repo: RepoRecord,
  body: JsonBody,
): Promise<JsonRecord> {
  const name = requiredString(body, 'name');
  const headSha = requiredString(body, 'head_sha');
  if ((await repo.git.objectType(headSha)) !== 'commit') {
    throw new ApiError(422, `No commit found for SHA: ${headSha}`);
  }
  const id = actor.store.nextId('check-run');
  const url = `${actor.urls.repoApi(repo)}/check-runs/${id}`;
  const pulls = repo.pulls.filter(
    p => p.state === 'open' && p.headSha === headSha,
  );
  const run: JsonRecord = {
    id,
    name,
    head_sha: headSha,
    node_id: nodeId('CheckRun', id),
    external_id: optionalString(body, 'external_id') ?? '',
    url,
    html_url: `${actor.urls.repoHtml(repo)}/runs/${id}`,
    details_url:
      optionalString(body, 'details_url') ??
      `${actor.urls.repoHtml(repo)}/runs/${id}`,
    ...statusFields(body),
    output: output(body, url),
    check_suite: { id: actor.store.nextId('check-suite') },
    app: actionsApp(actor),
    pull_requests: pulls.map(p => ({
      id: p.id,
      number: p.number,
      url: `${actor.urls.repoApi(repo)}/pulls/${p.number}`,
      head: {
        ref: p.headRef,
        sha: p.headSha,
        repo: { id: repo.id, name: repo.name, url: actor.urls.repoApi(repo) },
      },
      base: {
        ref: p.baseRef,
        sha: '',
        repo: { id: repo.id, name: repo.name, url: actor.urls.repoApi(repo) },
      },
    })),
  };
  repo.checkRuns.push(run);
  return run;
}

/** `POST /repos/{o}/{r}/statuses/{sha}` (also the seed helper's path). */
export async function createCommitStatus(
  actor: Actor,
  repo: RepoRecord,
  sha: string,
  body: JsonBody,
): Promise<JsonRecord & { sha: string }> {
  if ((await repo.git.objectType(sha)) !== 'commit') {
    throw new ApiError(422, `No commit found for SHA: ${sha}`);
  }
  const state = optionalEnum(body, 'state', [
    'error',
    'failure',
    'pending',
    'success',
  ] as const);
  if (!state)
    throw new ApiError(422, 'Invalid request.\n\n"state" wasn\'t supplied.');
  const id = actor.store.nextId('status');
  const now = isoNow();
  const status = {
    url: `${actor.urls.repoApi(repo)}/statuses/${sha}`,
    avatar_url: null,
    id,
    node_id: nodeId('StatusContext', id),
    state,
    description: optionalString(body, 'description') ?? null,
    target_url: optionalString(body, 'target_url') ?? null,
    context: optionalString(body, 'context') ?? 'default',
    created_at: now,
    updated_at: now,
    creator: userJson(actor.user, actor.urls),
    sha,
  };
  repo.statuses.push(status);
  return status;
}

const withoutSha = ({ sha: _, ...status }: JsonRecord & { sha: string }) =>
  status;

function findCheckRun(repo: RepoRecord, id: string): JsonRecord {
  const run = repo.checkRuns.find(r => r.id === Number(id));
  if (!run) throw notFound();
  return run;
}

/** Check runs and commit statuses (with the combined status the UrlReader's readTree reads). */
export function registerCheckRoutes(router: Router): void {
  router
    .post('/repos/:owner/:repo/check-runs', async req =>
      ok(await createCheckRun(req, req.repo(), req.body), 201),
    )
    .get('/repos/:owner/:repo/check-runs/:id', req =>
      ok(findCheckRun(req.repo(), req.params.id)),
    )
    .patch('/repos/:owner/:repo/check-runs/:id', req => {
      const run = findCheckRun(req.repo(), req.params.id);
      Object.assign(run, {
        name: optionalString(req.body, 'name') ?? run.name,
        details_url: optionalString(req.body, 'details_url') ?? run.details_url,
        external_id: optionalString(req.body, 'external_id') ?? run.external_id,
        ...statusFields(req.body, run),
        output: output(req.body, String(run.url), run.output),
      });
      return ok(run);
    })
    .get('/repos/:owner/:repo/commits/*ref/check-runs', async req => {
      const repo = req.repo();
      const sha = await resolveRef(repo, req.params.ref);
      const name = req.query.get('check_name');
      const status = req.query.get('status');
      let runs = repo.checkRuns
        .filter(
          r =>
            r.head_sha === sha &&
            (!name || r.name === name) &&
            (!status || r.status === status),
        )
        .reverse();
      if ((req.query.get('filter') ?? 'latest') === 'latest') {
        runs = runs.filter(
          (r, i) => runs.findIndex(o => o.name === r.name) === i,
        );
      }
      return paginate(req, runs, (page, total) => ({
        total_count: total,
        check_runs: page,
      }));
    })
    .post('/repos/:owner/:repo/statuses/:sha', async req =>
      ok(
        withoutSha(
          await createCommitStatus(req, req.repo(), req.params.sha, req.body),
        ),
        201,
      ),
    )
    .get('/repos/:owner/:repo/commits/*ref/statuses', async req => {
      const repo = req.repo();
      const sha = await resolveRef(repo, req.params.ref);
      return paginate(
        req,
        repo.statuses
          .filter(s => s.sha === sha)
          .reverse()
          .map(withoutSha),
      );
    })
    .get('/repos/:owner/:repo/commits/*ref/status', async req => {
      const repo = req.repo();
      const sha = await resolveRef(repo, req.params.ref);
      const all = repo.statuses.filter(s => s.sha === sha).reverse();
      const latest = all.filter(
        (s, i) => all.findIndex(o => o.context === s.context) === i,
      );
      const states = latest.map(s => s.state);
      let state = 'success';
      if (states.includes('error') || states.includes('failure'))
        state = 'failure';
      else if (states.length === 0 || states.includes('pending'))
        state = 'pending';
      return ok({
        state,
        statuses: latest.map(withoutSha),
        sha,
        total_count: latest.length,
        repository: repoJson(repo, req.urls, req.token.permission),
        commit_url: `${req.urls.repoApi(repo)}/commits/${sha}`,
        url: `${req.urls.repoApi(repo)}/commits/${sha}/status`,
      });
    });
}
