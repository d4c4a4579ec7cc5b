import {
  ApiError,
  ApiRequest,
  noContent,
  notFound,
  ok,
  optionalBoolean,
  optionalString,
  paginate,
  requiredString,
  Router,
  validationFailed,
} from '../http';
import { commitFiles, resolveRef, signatureOf } from '../repoGit';
import { repoCommitJson, repoJson, teamJson, userJson } from '../shapes';
import { isoNow, UserRecord } from '../store';

async function createRepository(req: ApiRequest, owner: UserRecord) {
  const name = requiredString(req.body, 'name');
  if (req.store.repository(owner.login, name)) {
    throw new ApiError(422, 'Repository creation failed.', [
      {
        resource: 'Repository',
        code: 'custom',
        field: 'name',
        message: 'name already exists on this account',
      },
    ]);
  }
  const visibility = optionalString(req.body, 'visibility');
  const description = optionalString(req.body, 'description') ?? null;
  let repo;
  try {
    repo = await req.store.createRepository(owner, name, {
      description,
      private:
        optionalBoolean(req.body, 'private') ??
        (visibility !== undefined && visibility !== 'public'),
      deleteBranchOnMerge: optionalBoolean(req.body, 'delete_branch_on_merge'),
      hasWiki: optionalBoolean(req.body, 'has_wiki'),
      hasIssues: optionalBoolean(req.body, 'has_issues'),
    });
  } catch (error) {
    throw new ApiError(422, 'Repository creation failed.', [
      {
        resource: 'Repository',
        code: 'custom',
        field: 'name',
        message: String((error as Error).message),
      },
    ]);
  }
  if (optionalBoolean(req.body, 'auto_init')) {
    await commitFiles(repo, {
      branch: repo.defaultBranch,
      files: {
        'README.md': `# ${name}${description ? `\n${description}` : ''}\n`,
      },
      message: 'Initial commit',
      author: signatureOf(req.user),
      expectedHead: null,
    });
  }
  return ok(repoJson(repo, req.urls, req.token.permission), 201);
}

function ownerJson(req: ApiRequest, user: UserRecord) {
  const json = userJson(user, req.urls);
  return user.type === 'Organization'
    ? { ...json, description: null, name: user.login }
    : { ...json, name: user.login, email: null, company: null, bio: null };
}

/** Users, organisations, teams and repositories (create, get, update, delete, branches, commits). */
export function registerRepoRoutes(router: Router): void {
  router
    .get('/user', req => ok(ownerJson(req, req.user)))
    .get('/users/:username', req => {
      const user = req.store.user(req.params.username);
      if (!user) throw notFound();
      return ok(ownerJson(req, user));
    })
    .get('/orgs/:org', req => {
      const org = req.store.user(req.params.org);
      if (!org || org.type !== 'Organization') throw notFound();
      return ok(ownerJson(req, org));
    })
    .get('/orgs/:org/teams', req =>
      paginate(
        req,
        req.store.teamsOf(req.params.org).map(t => teamJson(t, req.urls)),
      ),
    )
    .get('/orgs/:org/teams/:slug', req => {
      const team = req.store.team(req.params.org, req.params.slug);
      if (!team) throw notFound();
      return ok(teamJson(team, req.urls));
    })
    .post('/orgs/:org/repos', req => {
      const org = req.store.organization(req.params.org);
      if (!org) throw notFound();
      return createRepository(req, org);
    })
    .post('/user/repos', req => createRepository(req, req.user))
    .get('/orgs/:org/repos', req =>
      paginate(
        req,
        req.store
          .repositoriesOf(req.params.org)
          .map(r => repoJson(r, req.urls, req.token.permission)),
      ),
    )
    .get('/user/repos', req =>
      paginate(
        req,
        req.store
          .repositoriesOf(req.user.login)
          .map(r => repoJson(r, req.urls, req.token.permission)),
      ),
    )
    .get('/repos/:owner/:repo', req =>
      ok(repoJson(req.repo(), req.urls, req.token.permission)),
    )
    .patch('/repos/:owner/:repo', async req => {
      const repo = req.repo();
      const description = optionalString(req.body, 'description');
      if (description !== undefined) repo.description = description;
      const isPrivate = optionalBoolean(req.body, 'private');
      if (isPrivate !== undefined) repo.private = isPrivate;
      const defaultBranch = optionalString(req.body, 'default_branch');
      if (defaultBranch !== undefined) {
        if (!(await repo.git.refSha(`refs/heads/${defaultBranch}`))) {
          throw validationFailed('Repository', 'default_branch', 'invalid');
        }
        await repo.git.setDefaultBranch(defaultBranch);
        repo.defaultBranch = defaultBranch;
      }
      const s = repo.settings;
      s.deleteBranchOnMerge =
        optionalBoolean(req.body, 'delete_branch_on_merge') ??
        s.deleteBranchOnMerge;
      s.allowMergeCommit =
        optionalBoolean(req.body, 'allow_merge_commit') ?? s.allowMergeCommit;
      s.allowSquashMerge =
        optionalBoolean(req.body, 'allow_squash_merge') ?? s.allowSquashMerge;
      s.allowRebaseMerge =
        optionalBoolean(req.body, 'allow_rebase_merge') ?? s.allowRebaseMerge;
      s.hasWiki = optionalBoolean(req.body, 'has_wiki') ?? s.hasWiki;
      s.hasIssues = optionalBoolean(req.body, 'has_issues') ?? s.hasIssues;
      repo.updatedAt = isoNow();
      return ok(repoJson(repo, req.urls, req.token.permission));
    })
    .delete('/repos/:owner/:repo', async req => {
      await req.store.deleteRepository(req.repo());
      return noContent();
    })
    .get('/repos/:owner/:repo/branches', async req => {
      const repo = req.repo();
      const heads = await repo.git.refs('refs/heads/');
      return paginate(
        req,
        heads.map(h => ({
          name: h.ref.slice('refs/heads/'.length),
          commit: {
            sha: h.sha,
            url: `${req.urls.repoApi(repo)}/commits/${h.sha}`,
          },
          protected: false,
        })),
      );
    })
    .get('/repos/:owner/:repo/branches/*branch', async req => {
      const repo = req.repo();
      const branch = req.params.branch;
      const sha = await repo.git.refSha(`refs/heads/${branch}`);
      if (!sha) throw new ApiError(404, 'Branch not found');
      return ok({
        name: branch,
        commit: repoCommitJson(repo, await repo.git.readCommit(sha), req.urls),
        _links: {
          self: `${req.urls.repoApi(repo)}/branches/${branch}`,
          html: `${req.urls.repoHtml(repo)}/tree/${branch}`,
        },
        protected: false,
        protection_url: `${req.urls.repoApi(
          repo,
        )}/branches/${branch}/protection`,
      });
    })
    .get('/repos/:owner/:repo/commits', async req => {
      const repo = req.repo();
      const start = await resolveRef(repo, req.query.get('sha'));
      const shas = await repo.git.log(start, {
        path: req.query.get('path') ?? undefined,
      });
      const commits = await Promise.all(
        shas.map(sha => repo.git.readCommit(sha)),
      );
      return paginate(
        req,
        commits.map(c => repoCommitJson(repo, c, req.urls)),
      );
    })
    .get('/repos/:owner/:repo/commits/*ref', async req => {
      const repo = req.repo();
      const sha = await resolveRef(repo, req.params.ref);
      return ok(repoCommitJson(repo, await repo.git.readCommit(sha), req.urls));
    });

  for (const format of ['tarball', 'zipball'] as const) {
    const archive = async (req: ApiRequest) => {
      const repo = req.repo();
      const sha = await resolveRef(repo, req.params.ref);
      const prefix = `${repo.owner.login}-${repo.name}-${sha.slice(0, 7)}`;
      return {
        status: 200,
        raw: repo.git.archive(
          sha,
          prefix,
          format === 'tarball' ? 'tar.gz' : 'zip',
        ),
        headers: {
          'content-type':
            format === 'tarball' ? 'application/x-gzip' : 'application/zip',
          'content-disposition': `attachment; filename=${prefix}.${
            format === 'tarball' ? 'tar.gz' : 'zip'
          }`,
        },
      };
    };
    router.get(`/repos/:owner/:repo/${format}`, archive);
    router.get(`/repos/:owner/:repo/${format}/*ref`, archive);
  }
}
