import {
  ApiRequest,
  JsonBody,
  noContent,
  notFound,
  ok,
  optionalArray,
  optionalEnum,
  optionalString,
  paginate,
  requiredString,
  Router,
} from '../http';
import { userJson } from '../shapes';
import { IssueRecord, isoNow, JsonRecord, nodeId, RepoRecord } from '../store';
import { Actor } from './checks';

/** An issue, or a pull request seen through the issues API (with `pull_request`). */
function issueJson(actor: Actor, repo: RepoRecord, number: number) {
  const issue = repo.issues.find(i => i.number === number);
  const pull = repo.pulls.find(p => p.number === number);
  const record = issue ?? pull;
  if (!record) throw notFound();
  const api = `${actor.urls.repoApi(repo)}/issues/${number}`;
  const labels = issue?.labels ?? [];
  return {
    id: record.id,
    node_id: nodeId(pull ? 'PullRequest' : 'Issue', record.id),
    url: api,
    repository_url: actor.urls.repoApi(repo),
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: `${actor.urls.repoHtml(repo)}/${
      pull ? 'pull' : 'issues'
    }/${number}`,
    number,
    state: record.state,
    state_reason: null,
    title: record.title,
    body: record.body,
    user: userJson(actor.store.user(record.user)!, actor.urls),
    labels: labels.map(name => ({
      id: 0,
      node_id: nodeId('Label', name),
      url: `${actor.urls.repoApi(repo)}/labels/${name}`,
      name,
      color: 'ededed',
      default: false,
      description: null,
    })),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    comments: repo.issueComments.filter(c => c.issueNumber === number).length,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    closed_at: record.closedAt,
    author_association: 'MEMBER',
    ...(pull
      ? {
          pull_request: {
            url: `${actor.urls.repoApi(repo)}/pulls/${number}`,
            html_url: `${actor.urls.repoHtml(repo)}/pull/${number}`,
            diff_url: `${actor.urls.repoHtml(repo)}/pull/${number}.diff`,
            patch_url: `${actor.urls.repoHtml(repo)}/pull/${number}.patch`,
            merged_at: pull.mergedAt,
          },
        }
      : {}),
  };
}

/** `POST /repos/{o}/{r}/issues` (also the seed helper's path). */
export function createIssue(actor: Actor, repo: RepoRecord, body: JsonBody) {
  const now = isoNow();
  const issue: IssueRecord = {
    number: repo.nextNumber++,
    id: actor.store.nextId('issue'),
    title: requiredString(body, 'title'),
    body: optionalString(body, 'body') ?? null,
    state: 'open',
    user: actor.user.login,
    labels: (optionalArray(body, 'labels') ?? []).map(l =>
      typeof l === 'string' ? l : String((l as JsonBody).name),
    ),
    createdAt: now,
    updatedAt: now,
    closedAt: null,
  };
  repo.issues.push(issue);
  return issueJson(actor, repo, issue.number);
}

/** `POST /repos/{o}/{r}/issues/{n}/comments` (also the seed helper's path); n may be a pull request. */
export function createIssueComment(
  actor: Actor,
  repo: RepoRecord,
  number: number,
  body: JsonBody,
): JsonRecord {
  if (
    !repo.issues.some(i => i.number === number) &&
    !repo.pulls.some(p => p.number === number)
  ) {
    throw notFound();
  }
  const id = actor.store.nextId('comment');
  const now = isoNow();
  const kind = repo.pulls.some(p => p.number === number) ? 'pull' : 'issues';
  const comment = {
    id,
    node_id: nodeId('IssueComment', id),
    url: `${actor.urls.repoApi(repo)}/issues/comments/${id}`,
    html_url: `${actor.urls.repoHtml(
      repo,
    )}/${kind}/${number}#issuecomment-${id}`,
    issue_url: `${actor.urls.repoApi(repo)}/issues/${number}`,
    body: requiredString(body, 'body'),
    user: userJson(actor.user, actor.urls),
    created_at: now,
    updated_at: now,
    author_association: 'MEMBER',
    issueNumber: number,
  };
  repo.issueComments.push(comment);
  return comment;
}

const publicComment = ({ issueNumber: _, ...comment }: JsonRecord) => comment;

function findComment(req: ApiRequest) {
  const repo = req.repo();
  const comment = repo.issueComments.find(c => c.id === Number(req.params.id));
  if (!comment) throw notFound();
  return { repo, comment };
}

/** Issues (pull requests included, as on GitHub) and their comments. */
export function registerIssueRoutes(router: Router): void {
  router
    .get('/repos/:owner/:repo/issues', req => {
      const repo = req.repo();
      const state = req.query.get('state') ?? 'open';
      const labels = req.query.get('labels')?.split(',').filter(Boolean) ?? [];
      const numbers = [...repo.issues, ...repo.pulls]
        .filter(r => state === 'all' || r.state === state)
        .filter(r => labels.every(l => 'labels' in r && r.labels.includes(l)))
        .map(r => r.number)
        .sort((a, b) => b - a);
      return paginate(
        req,
        numbers.map(n => issueJson(req, repo, n)),
      );
    })
    .post('/repos/:owner/:repo/issues', req =>
      ok(createIssue(req, req.repo(), req.body), 201),
    )
    .get('/repos/:owner/:repo/issues/:number', req =>
      ok(issueJson(req, req.repo(), Number(req.params.number))),
    )
    .patch('/repos/:owner/:repo/issues/:number', req => {
      const repo = req.repo();
      const number = Number(req.params.number);
      const record =
        repo.issues.find(i => i.number === number) ??
        repo.pulls.find(p => p.number === number);
      if (!record) throw notFound();
      record.title = optionalString(req.body, 'title') ?? record.title;
      if ('body' in req.body)
        record.body = optionalString(req.body, 'body') ?? null;
      const state = optionalEnum(req.body, 'state', [
        'open',
        'closed',
      ] as const);
      if (state && state !== record.state) {
        record.state = state;
        record.closedAt = state === 'closed' ? isoNow() : null;
      }
      const labels = optionalArray(req.body, 'labels');
      if (labels && 'labels' in record) record.labels = labels.map(String);
      record.updatedAt = isoNow();
      return ok(issueJson(req, repo, number));
    })
    .get('/repos/:owner/:repo/issues/:number/comments', req => {
      const repo = req.repo();
      const number = Number(req.params.number);
      issueJson(req, repo, number);
      return paginate(
        req,
        repo.issueComments
          .filter(c => c.issueNumber === number)
          .map(publicComment),
      );
    })
    .post('/repos/:owner/:repo/issues/:number/comments', req =>
      ok(
        publicComment(
          createIssueComment(
            req,
            req.repo(),
            Number(req.params.number),
            req.body,
          ),
        ),
        201,
      ),
    )
    .get('/repos/:owner/:repo/issues/comments/:id', req =>
      ok(publicComment(findComment(req).comment)),
    )
    .patch('/repos/:owner/:repo/issues/comments/:id', req => {
      const { comment } = findComment(req);
      Object.assign(comment, {
        body: requiredString(req.body, 'body'),
        updated_at: isoNow(),
      });
      return ok(publicComment(comment));
    })
    .delete('/repos/:owner/:repo/issues/comments/:id', req => {
      const { repo, comment } = findComment(req);
      repo.issueComments.splice(repo.issueComments.indexOf(comment), 1);
      return noContent();
    });
}
