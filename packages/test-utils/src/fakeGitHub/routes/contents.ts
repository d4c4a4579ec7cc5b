import { GitTreeEntry } from '../BareRepository';
import {
  ApiError,
  ApiRequest,
  ApiResponse,
  JsonBody,
  notFound,
  ok,
  optionalObject,
  optionalString,
  requiredString,
  Router,
} from '../http';
import { commitFiles, entryAt, resolveRef, signatureOf } from '../repoGit';
import { gitCommitJson } from '../shapes';
import { RepoRecord } from '../store';
import { base64Lines } from './gitData';

function contentType(
  entry: GitTreeEntry,
): 'file' | 'dir' | 'symlink' | 'submodule' {
  if (entry.type === 'tree') return 'dir';
  if (entry.type === 'commit') return 'submodule';
  return entry.mode === '120000' ? 'symlink' : 'file';
}

/** One item of the contents API (a file's metadata, or a directory entry). */
function contentItem(
  req: ApiRequest,
  repo: RepoRecord,
  entry: GitTreeEntry,
  ref: string,
) {
  const type = contentType(entry);
  const path = entry.path;
  const api = req.urls.repoApi(repo);
  const url = `${api}/contents/${path}?ref=${encodeURIComponent(ref)}`;
  const gitUrl =
    type === 'dir'
      ? `${api}/git/trees/${entry.sha}`
      : `${api}/git/blobs/${entry.sha}`;
  const htmlUrl = `${req.urls.repoHtml(repo)}/${
    type === 'dir' ? 'tree' : 'blob'
  }/${ref}/${path}`;
  return {
    type,
    size: entry.size ?? 0,
    name: path.split('/').pop() ?? '',
    path,
    sha: entry.sha,
    url,
    git_url: type === 'submodule' ? null : gitUrl,
    html_url: type === 'submodule' ? null : htmlUrl,
    download_url:
      type === 'file' || type === 'symlink'
        ? `${req.urls.raw}/${repo.owner.login}/${repo.name}/${ref}/${path}`
        : null,
    _links: { self: url, git: gitUrl, html: htmlUrl },
  };
}

function wantsRaw(req: ApiRequest): boolean {
  return /application\/vnd\.github(\.v3)?\.raw/.test(
    String(req.headers.accept ?? ''),
  );
}

async function getContent(req: ApiRequest): Promise<ApiResponse> {
  const repo = req.repo();
  const refName = req.query.get('ref') || repo.defaultBranch;
  const commit = await resolveRef(repo, req.query.get('ref'));
  const path = (req.params.path ?? '').replace(/^\/+|\/+$/g, '');
  const entry = await entryAt(repo, commit, path);
  if (!entry) throw notFound();
  if (entry.type === 'tree') {
    const children = await repo.git.listTree(entry.sha);
    const items = children.map(child =>
      contentItem(
        req,
        repo,
        { ...child, path: path ? `${path}/${child.path}` : child.path },
        refName,
      ),
    );
    if (
      /application\/vnd\.github\.object/.test(String(req.headers.accept ?? ''))
    ) {
      return ok({ ...contentItem(req, repo, entry, refName), entries: items });
    }
    return ok(items);
  }
  if (entry.type === 'commit')
    return ok({
      ...contentItem(req, repo, entry, refName),
      submodule_git_url: null,
    });
  const content = await repo.git.readBlob(entry.sha);
  if (wantsRaw(req)) {
    return {
      status: 200,
      raw: content,
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        etag: `"${entry.sha}"`,
      },
    };
  }
  const item = contentItem(req, repo, entry, refName);
  if (item.type === 'symlink')
    return ok({ ...item, target: content.toString('utf8') });
  return ok({ ...item, content: base64Lines(content), encoding: 'base64' });
}

function signature(body: JsonBody, field: string) {
  const value = optionalObject(body, field);
  return value
    ? {
        name: requiredString(value, 'name'),
        email: requiredString(value, 'email'),
        date: optionalString(value, 'date'),
      }
    : undefined;
}

/** The branch tip a contents write builds on; undefined only for the first commit of a repository. */
async function branchHead(
  repo: RepoRecord,
  branch: string,
): Promise<string | undefined> {
  const head = await repo.git.refSha(`refs/heads/${branch}`);
  if (head) return head;
  if (
    (await repo.git.refs('refs/heads/')).length === 0 &&
    branch === repo.defaultBranch
  ) {
    return undefined;
  }
  throw new ApiError(404, `Branch ${branch} not found`);
}

/** PUT (create/update) and DELETE of one file, each as one commit with the SHA check GitHub does. */
async function writeContent(
  req: ApiRequest,
  remove: boolean,
): Promise<ApiResponse> {
  const repo = req.repo();
  const path = req.params.path.replace(/^\/+|\/+$/g, '');
  const message = requiredString(req.body, 'message');
  const branch = optionalString(req.body, 'branch') ?? repo.defaultBranch;
  const sha = remove
    ? requiredString(req.body, 'sha')
    : optionalString(req.body, 'sha');
  let content: Buffer | null = null;
  if (!remove) {
    const encoded = requiredString(req.body, 'content');
    if (!/^[A-Za-z0-9+/=\s]*$/.test(encoded))
      throw new ApiError(422, 'content is not valid Base64');
    content = Buffer.from(encoded, 'base64');
  }
  const head = await branchHead(repo, branch);
  const existing = head ? await entryAt(repo, head, path) : undefined;
  if (existing?.type === 'tree')
    throw new ApiError(422, `${path} is a directory`);
  if (remove && !existing) throw notFound();
  if (existing && sha === undefined)
    throw new ApiError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
  if (existing && sha !== existing.sha)
    throw new ApiError(409, `${path} does not match ${sha}`);
  const author =
    signature(req.body, 'author') ??
    signature(req.body, 'committer') ??
    signatureOf(req.user);
  const committer = signature(req.body, 'committer') ?? author;
  const { commitSha } = await commitFiles(repo, {
    branch,
    files: { [path]: content },
    message,
    author,
    committer,
    expectedHead: head ?? null,
  });
  const commitJson = gitCommitJson(
    repo,
    await repo.git.readCommit(commitSha),
    req.urls,
  );
  if (remove) return ok({ content: null, commit: commitJson });
  const entry = (await entryAt(repo, commitSha, path))!;
  return ok(
    { content: contentItem(req, repo, entry, branch), commit: commitJson },
    existing ? 200 : 201,
  );
}

/** The contents API: files as JSON (base64) or raw, directory listings, and one-file commits. */
export function registerContentRoutes(router: Router): void {
  router
    .get('/repos/:owner/:repo/contents', getContent)
    .get('/repos/:owner/:repo/contents/*path', getContent)
    .put('/repos/:owner/:repo/contents/*path', req => writeContent(req, false))
    .delete('/repos/:owner/:repo/contents/*path', req =>
      writeContent(req, true),
    )
    .get('/repos/:owner/:repo/readme', async req => {
      const repo = req.repo();
      const commit = await resolveRef(repo, req.query.get('ref'));
      const entry = (await repo.git.listTree(commit)).find(e =>
        /^readme(\.|$)/i.test(e.path),
      );
      if (!entry) throw notFound();
      return getContent({
        ...req,
        params: { ...req.params, path: entry.path },
      });
    });
}
