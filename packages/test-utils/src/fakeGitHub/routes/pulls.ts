import {
  ApiError,
  ApiRequest,
  noContent,
  notFound,
  ok,
  optionalBoolean,
  optionalEnum,
  optionalString,
  paginate,
  requiredString,
  Router,
  validationFailed,
} from '../http';
import { signatureOf } from '../repoGit';
import { repoJson, userJson } from '../shapes';
import { isoNow, nodeId, PullRecord, RepoRecord } from '../store';
import { mergePullRequest } from './merge';

/** Follows the head branch while the pull request is open; frozen once it is closed. */
export async function currentHeadSha(
  repo: RepoRecord,
  pr: PullRecord,
): Promise<string> {
  if (pr.state === 'open') {
    pr.headSha =
      (await repo.git.refSha(`refs/heads/${pr.headRef}`)) ?? pr.headSha;
  }
  return pr.headSha;
}

export function findPull(repo: RepoRecord, number: string): PullRecord {
  const pr = repo.pulls.find(p => p.number === Number(number));
  if (!pr) throw notFound();
  return pr;
}

function mergeableState(mergeable: boolean | null): string {
  if (mergeable === null) return 'unknown';
  return mergeable ? 'clean' : 'dirty';
}

/** The pull request as `GET /pulls` lists it; `detailed` adds what only `GET /pulls/{n}` has. */
async function pullJson(
  req: ApiRequest,
  repo: RepoRecord,
  pr: PullRecord,
  detailed: boolean,
) {
  const api = `${req.urls.repoApi(repo)}/pulls/${pr.number}`;
  const issue = `${req.urls.repoApi(repo)}/issues/${pr.number}`;
  const html = `${req.urls.repoHtml(repo)}/pull/${pr.number}`;
  const headSha = await currentHeadSha(repo, pr);
  const baseSha = (await repo.git.refSha(`refs/heads/${pr.baseRef}`)) ?? '';
  const user = req.store.user(pr.user)!;
  const side = (ref: string, sha: string) => ({
    label: `${repo.owner.login}:${ref}`,
    ref,
    sha,
    user: userJson(repo.owner, req.urls),
    repo: repoJson(repo, req.urls, req.token.permission),
  });
  const json = {
    url: api,
    id: pr.id,
    node_id: nodeId('PullRequest', pr.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issue,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    comments_url: `${issue}/comments`,
    statuses_url: `${req.urls.repoApi(repo)}/statuses/${headSha}`,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: userJson(user, req.urls),
    body: pr.body,
    labels: [],
    milestone: null,
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    closed_at: pr.closedAt,
    merged_at: pr.mergedAt,
    merge_commit_sha: pr.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: side(pr.headRef, headSha),
    base: side(pr.baseRef, baseSha),
    _links: {
      self: { href: api },
      html: { href: html },
      issue: { href: issue },
      comments: { href: `${issue}/comments` },
      commits: { href: `${api}/commits` },
      statuses: { href: `${req.urls.repoApi(repo)}/statuses/${headSha}` },
    },
    author_association: 'MEMBER',
    auto_merge: null,
    draft: pr.draft,
  };
  if (!detailed) return json;
  const open = pr.state === 'open' && baseSha !== '';
  const mergeable = open
    ? (await repo.git.mergeTrees(baseSha, headSha)) !== undefined
    : null;
  const commits = baseSha
    ? (await repo.git.commitsBetween(baseSha, headSha)).length
    : 0;
  return {
    ...json,
    merged: pr.mergedAt !== null,
    mergeable,
    rebaseable: mergeable,
    mergeable_state: mergeableState(mergeable),
    merged_by: pr.mergedBy
      ? userJson(req.store.user(pr.mergedBy)!, req.urls)
      : null,
    comments: repo.issueComments.filter(c => c.issueNumber === pr.number)
      .length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits,
  };
}

/** `head` as `branch` or `owner:branch` (forks are not modelled: the owner must be this repo's). */
function headBranch(repo: RepoRecord, head: string): string | undefined {
  const colon = head.indexOf(':');
  if (colon === -1) return head;
  return head.slice(0, colon).toLowerCase() === repo.owner.login.toLowerCase()
    ? head.slice(colon + 1)
    : undefined;
}

async function createPull(req: ApiRequest) {
  const repo = req.repo();
  const title = requiredString(req.body, 'title');
  const head = headBranch(repo, requiredString(req.body, 'head'));
  const base = requiredString(req.body, 'base');
  const headSha = head && (await repo.git.refSha(`refs/heads/${head}`));
  if (!head || !headSha)
    throw validationFailed('PullRequest', 'head', 'invalid');
  const baseSha = await repo.git.refSha(`refs/heads/${base}`);
  if (!baseSha) throw validationFailed('PullRequest', 'base', 'invalid');
  if (
    repo.pulls.some(
      p => p.state === 'open' && p.headRef === head && p.baseRef === base,
    )
  ) {
    throw new ApiError(422, 'Validation Failed', [
      {
        resource: 'PullRequest',
        code: 'custom',
        message: `A pull request already exists for ${repo.owner.login}:${head}.`,
      },
    ]);
  }
  if ((await repo.git.commitsBetween(baseSha, headSha)).length === 0) {
    throw new ApiError(422, 'Validation Failed', [
      {
        resource: 'PullRequest',
        code: 'custom',
        message: `No commits between ${base} and ${head}`,
      },
    ]);
  }
  const now = isoNow();
  const pr: PullRecord = {
    number: repo.nextNumber++,
    id: req.store.nextId('pull'),
    title,
    body: optionalString(req.body, 'body') ?? null,
    state: 'open',
    draft: optionalBoolean(req.body, 'draft') ?? false,
    headRef: head,
    headSha,
    baseRef: base,
    user: req.user.login,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    mergedAt: null,
    mergeCommitSha: null,
    mergedBy: null,
  };
  repo.pulls.push(pr);
  return ok(await pullJson(req, repo, pr, true), 201);
}

async function listPulls(req: ApiRequest) {
  const repo = req.repo();
  const state = req.query.get('state') ?? 'open';
  const head = req.query.get('head');
  const headFilter = head ? headBranch(repo, head) ?? '\0' : undefined;
  const base = req.query.get('base');
  const sort = req.query.get('sort') ?? 'created';
  const direction =
    req.query.get('direction') ?? (sort === 'created' ? 'desc' : 'asc');
  const key = (p: PullRecord) =>
    (sort === 'updated' ? p.updatedAt : p.createdAt) +
    String(p.number).padStart(9, '0');
  const pulls = repo.pulls
    .filter(p => state === 'all' || p.state === state)
    .filter(p => headFilter === undefined || p.headRef === headFilter)
    .filter(p => !base || p.baseRef === base)
    .sort(
      (a, b) => (direction === 'asc' ? 1 : -1) * key(a).localeCompare(key(b)),
    );
  return paginate(
    req,
    await Promise.all(pulls.map(p => pullJson(req, repo, p, false))),
  );
}

async function updatePull(req: ApiRequest) {
  const repo = req.repo();
  const pr = findPull(repo, req.params.number);
  const state = optionalEnum(req.body, 'state', ['open', 'closed'] as const);
  const base = optionalString(req.body, 'base');
  if (base !== undefined) {
    if (!(await repo.git.refSha(`refs/heads/${base}`)))
      throw validationFailed('PullRequest', 'base', 'invalid');
    pr.baseRef = base;
  }
  pr.title = optionalString(req.body, 'title') ?? pr.title;
  if ('body' in req.body) pr.body = optionalString(req.body, 'body') ?? null;
  if (state === 'open' && pr.state === 'closed') {
    if (pr.mergedAt)
      throw new ApiError(422, 'Validation Failed', [
        {
          resource: 'PullRequest',
          code: 'custom',
          message: 'state cannot be changed. The pull request has been merged.',
        },
      ]);
    pr.state = 'open';
    pr.closedAt = null;
  } else if (state === 'closed' && pr.state === 'open') {
    await currentHeadSha(repo, pr);
    pr.state = 'closed';
    pr.closedAt = isoNow();
  }
  pr.updatedAt = isoNow();
  return ok(await pullJson(req, repo, pr, true));
}

const REVIEW_STATES = {
  APPROVE: 'APPROVED',
  REQUEST_CHANGES: 'CHANGES_REQUESTED',
  COMMENT: 'COMMENTED',
} as const;

async function createReview(req: ApiRequest) {
  const repo = req.repo();
  const pr = findPull(repo, req.params.number);
  const event = optionalEnum(req.body, 'event', [
    'APPROVE',
    'REQUEST_CHANGES',
    'COMMENT',
  ] as const);
  if (event === 'APPROVE' && pr.user === req.user.login) {
    throw new ApiError(422, 'Unprocessable Entity', [
      {
        resource: 'PullRequestReview',
        code: 'custom',
        message: 'Can not approve your own pull request',
      },
    ]);
  }
  const id = req.store.nextId('review');
  const review = {
    id,
    node_id: nodeId('PullRequestReview', id),
    user: userJson(req.user, req.urls),
    body: optionalString(req.body, 'body') ?? '',
    state: event ? REVIEW_STATES[event] : 'PENDING',
    html_url: `${req.urls.repoHtml(repo)}/pull/${
      pr.number
    }#pullrequestreview-${id}`,
    pull_request_url: `${req.urls.repoApi(repo)}/pulls/${pr.number}`,
    submitted_at: event ? isoNow() : undefined,
    commit_id:
      optionalString(req.body, 'commit_id') ?? (await currentHeadSha(repo, pr)),
    author_association: 'MEMBER',
    pullNumber: pr.number,
  };
  repo.reviews.push(review);
  const { pullNumber: _, ...json } = review;
  return ok(json);
}

/** Pull requests: create, list (state/head/base), get, update, merge (really, in the bare repo), reviews. */
export function registerPullRoutes(router: Router): void {
  router
    .get('/repos/:owner/:repo/pulls', listPulls)
    .post('/repos/:owner/:repo/pulls', createPull)
    .get('/repos/:owner/:repo/pulls/:number', async req => {
      const repo = req.repo();
      return ok(
        await pullJson(req, repo, findPull(repo, req.params.number), true),
      );
    })
    .patch('/repos/:owner/:repo/pulls/:number', updatePull)
    .get('/repos/:owner/:repo/pulls/:number/merge', req => {
      if (!findPull(req.repo(), req.params.number).mergedAt) throw notFound();
      return noContent();
    })
    .put('/repos/:owner/:repo/pulls/:number/merge', async req => {
      const repo = req.repo();
      const pr = findPull(repo, req.params.number);
      const sha = await mergePullRequest(repo, pr, {
        method:
          optionalEnum(req.body, 'merge_method', [
            'merge',
            'squash',
            'rebase',
          ] as const) ?? 'merge',
        title: optionalString(req.body, 'commit_title'),
        message: optionalString(req.body, 'commit_message'),
        expectedHeadSha: optionalString(req.body, 'sha'),
        author: signatureOf(req.user),
        login: req.user.login,
      });
      return ok({
        sha,
        merged: true,
        message: 'Pull Request successfully merged',
      });
    })
    .get('/repos/:owner/:repo/pulls/:number/reviews', req => {
      const repo = req.repo();
      const pr = findPull(repo, req.params.number);
      return paginate(
        req,
        repo.reviews
          .filter(r => r.pullNumber === pr.number)
          .map(({ pullNumber: _, ...r }) => r),
      );
    })
    .post('/repos/:owner/:repo/pulls/:number/reviews', createReview);
}
