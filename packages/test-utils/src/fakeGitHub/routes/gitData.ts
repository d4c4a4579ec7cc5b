import { GitTreeEntry } from '../BareRepository';
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
  requiredSha,
  requiredString,
  Router,
} from '../http';
import { signatureOf } from '../repoGit';
import { gitCommitJson, refJson, Urls } from '../shapes';
import { nodeId, RepoRecord } from '../store';
import { TreeChange, TreeEditor } from '../TreeEditor';

const unprocessable = (message: string) => new ApiError(422, message);

/**
 * The repository for a Git Data call: GitHub answers 409 to every Git Data request (even
 * creating a blob) until the repository has a first commit (contents API, auto_init or a push).
 */
async function gitRepo(req: ApiRequest): Promise<RepoRecord> {
  const repo = req.repo();
  if ((await repo.git.refs()).length === 0) {
    throw new ApiError(409, 'Git Repository is empty.');
  }
  return repo;
}

/** `heads/main` and `refs/heads/main` both name `refs/heads/main`. */
const fullRef = (ref: string) =>
  ref.startsWith('refs/') ? ref : `refs/${ref}`;

/** GitHub's base64 layout for blob contents: lines of 60 characters. */
export function base64Lines(content: Buffer): string {
  return (
    (content.toString('base64').match(/.{1,60}/g) ?? []).join('\n') +
    (content.length ? '\n' : '')
  );
}

function treeEntryJson(repo: RepoRecord, entry: GitTreeEntry, urls: Urls) {
  const api = urls.repoApi(repo);
  return {
    path: entry.path,
    mode: entry.mode,
    type: entry.type,
    sha: entry.sha,
    ...(entry.type === 'blob'
      ? { size: entry.size, url: `${api}/git/blobs/${entry.sha}` }
      : {}),
    ...(entry.type === 'tree' ? { url: `${api}/git/trees/${entry.sha}` } : {}),
  };
}

async function treeJson(
  repo: RepoRecord,
  sha: string,
  urls: Urls,
  recursive: boolean,
) {
  const entries = await repo.git.listTree(sha, { recursive });
  return {
    sha,
    url: `${urls.repoApi(repo)}/git/trees/${sha}`,
    tree: entries.map(e => treeEntryJson(repo, e, urls)),
    truncated: false,
  };
}

/** A tree SHA, a commit SHA or a branch/tag name, as `GET /git/trees/{tree_sha}` accepts. */
async function resolveTree(repo: RepoRecord, treeish: string): Promise<string> {
  const type = await repo.git.objectType(treeish);
  if (type === 'tree') return treeish;
  const commit = await repo.git.resolveCommit(treeish);
  if (!commit) throw notFound();
  return (await repo.git.readCommit(commit)).tree;
}

function signature(body: JsonBody, field: string) {
  const value = optionalObject(body, field);
  if (!value) return undefined;
  return {
    name: requiredString(value, 'name'),
    email: requiredString(value, 'email'),
    date: optionalString(value, 'date'),
  };
}

const MODES: Record<string, TreeChange['type']> = {
  '100644': 'blob',
  '100755': 'blob',
  '120000': 'blob',
  '040000': 'tree',
  '160000': 'commit',
};

/** One `tree[]` entry of `POST /git/trees`, checked as GitHub checks it. */
async function treeChange(repo: RepoRecord, raw: unknown): Promise<TreeChange> {
  if (!raw || typeof raw !== 'object')
    throw unprocessable('tree entries must be objects');
  const entry = raw as JsonBody;
  const path = requiredString(entry, 'path');
  const type = optionalEnum(entry, 'type', ['blob', 'tree', 'commit'] as const);
  let mode = optionalString(entry, 'mode');
  if (mode !== undefined && !(mode in MODES))
    throw unprocessable(`tree.mode ${mode} is not a valid mode`);
  const kind = type ?? (mode ? MODES[mode] : 'blob');
  mode ??= { blob: '100644', tree: '040000', commit: '160000' }[kind];
  const content = optionalString(entry, 'content');
  if (content !== undefined && 'sha' in entry) {
    throw unprocessable(
      'Must supply either tree.sha or tree.content, not both',
    );
  }
  if (content !== undefined) {
    if (kind !== 'blob')
      throw unprocessable('tree.content is only valid for blobs');
    return {
      path,
      mode,
      type: kind,
      sha: await repo.git.writeBlob(Buffer.from(content, 'utf8')),
    };
  }
  if (!('sha' in entry))
    throw unprocessable('Must supply tree.sha or tree.content');
  if (entry.sha === null) return { path, mode, type: kind, sha: null };
  const sha = requiredSha(entry, 'sha');
  if (kind !== 'commit' && (await repo.git.objectType(sha)) !== kind) {
    throw unprocessable(`tree.sha ${sha} is not a valid ${kind}`);
  }
  return { path, mode, type: kind, sha };
}

async function updateRef(req: ApiRequest) {
  const repo = await gitRepo(req);
  const ref = fullRef(req.params.ref);
  const sha = requiredSha(req.body, 'sha');
  const force = optionalBoolean(req.body, 'force') ?? false;
  // Retry when another writer moved the ref between the check and the swap: the fast-forward
  // rule is then checked again against the new tip, as GitHub's own compare-and-swap does.
  for (let attempt = 0; attempt < 10; attempt++) {
    const current = await repo.git.refSha(ref);
    if (!current) throw unprocessable('Reference does not exist');
    const type = await repo.git.objectType(sha);
    if (!type) throw unprocessable('Object does not exist');
    if (ref.startsWith('refs/heads/') && type !== 'commit') {
      throw unprocessable('Object is not a commit');
    }
    if (
      !force &&
      current !== sha &&
      !(await repo.git.isAncestor(current, sha))
    ) {
      throw new ApiError(
        422,
        'Update is not a fast forward',
        undefined,
        'https://docs.github.com/rest/git/refs#update-a-reference',
      );
    }
    if (await repo.git.compareAndSwapRef(ref, sha, current)) {
      return ok(refJson(repo, { ref, sha, type }, req.urls));
    }
  }
  throw new ApiError(409, 'Reference update failed');
}

/** The Git Data API: refs, commits, trees and blobs, written with git plumbing. */
export function registerGitDataRoutes(router: Router): void {
  router
    .get('/repos/:owner/:repo/git/refs', async req => {
      const repo = await gitRepo(req);
      return ok((await repo.git.refs()).map(r => refJson(repo, r, req.urls)));
    })
    .get('/repos/:owner/:repo/git/ref/*ref', async req => {
      const repo = await gitRepo(req);
      const ref = fullRef(req.params.ref);
      const found = (await repo.git.refs(ref)).find(r => r.ref === ref);
      if (!found) throw notFound();
      return ok(refJson(repo, found, req.urls));
    })
    .get('/repos/:owner/:repo/git/matching-refs/*ref', async req => {
      const repo = await gitRepo(req);
      const prefix = fullRef(req.params.ref);
      const refs = (await repo.git.refs()).filter(r =>
        r.ref.startsWith(prefix),
      );
      return ok(refs.map(r => refJson(repo, r, req.urls)));
    })
    // the legacy form: one ref when the name is exact, else every ref starting with it
    .get('/repos/:owner/:repo/git/refs/*ref', async req => {
      const repo = await gitRepo(req);
      const prefix = fullRef(req.params.ref);
      const refs = (await repo.git.refs()).filter(r =>
        r.ref.startsWith(prefix),
      );
      const exact = refs.find(r => r.ref === prefix);
      if (exact) return ok(refJson(repo, exact, req.urls));
      if (refs.length === 0) throw notFound();
      return ok(refs.map(r => refJson(repo, r, req.urls)));
    })
    .post('/repos/:owner/:repo/git/refs', async req => {
      const repo = await gitRepo(req);
      const ref = requiredString(req.body, 'ref');
      const sha = requiredSha(req.body, 'sha');
      if (!ref.startsWith('refs/') || ref.split('/').length < 3) {
        throw unprocessable(
          "Reference name must start with 'refs/' and have at least two slashes.",
        );
      }
      if (!(await repo.git.isValidRefName(ref)))
        throw unprocessable(`${ref} is not a valid ref name.`);
      const type = await repo.git.objectType(sha);
      if (!type) throw unprocessable('Object does not exist');
      if (!(await repo.git.compareAndSwapRef(ref, sha, undefined))) {
        throw unprocessable('Reference already exists');
      }
      return ok(refJson(repo, { ref, sha, type }, req.urls), 201);
    })
    .patch('/repos/:owner/:repo/git/refs/*ref', updateRef)
    .delete('/repos/:owner/:repo/git/refs/*ref', async req => {
      const repo = await gitRepo(req);
      const ref = fullRef(req.params.ref);
      const current = await repo.git.refSha(ref);
      if (!current || !(await repo.git.deleteRef(ref, current))) {
        throw unprocessable('Reference does not exist');
      }
      return noContent();
    })
    .get('/repos/:owner/:repo/git/commits/:sha', async req => {
      const repo = await gitRepo(req);
      if ((await repo.git.objectType(req.params.sha)) !== 'commit')
        throw notFound();
      return ok(
        gitCommitJson(
          repo,
          await repo.git.readCommit(req.params.sha),
          req.urls,
        ),
      );
    })
    .post('/repos/:owner/:repo/git/commits', async req => {
      const repo = await gitRepo(req);
      const message = requiredString(req.body, 'message');
      const tree = requiredSha(req.body, 'tree');
      if ((await repo.git.objectType(tree)) !== 'tree')
        throw unprocessable('Tree SHA does not exist');
      const parents = (optionalArray(req.body, 'parents') ?? []).map(String);
      for (const parent of parents) {
        if ((await repo.git.objectType(parent)) !== 'commit') {
          throw unprocessable(
            'Parent SHA does not exist or is not a commit object',
          );
        }
      }
      const author = signature(req.body, 'author') ?? signatureOf(req.user);
      const committer = signature(req.body, 'committer') ?? author;
      const sha = await repo.git.writeCommit({
        tree,
        parents,
        message,
        author,
        committer,
      });
      return ok(
        gitCommitJson(repo, await repo.git.readCommit(sha), req.urls),
        201,
      );
    })
    .get('/repos/:owner/:repo/git/trees/*sha', async req => {
      const repo = await gitRepo(req);
      const sha = await resolveTree(repo, req.params.sha);
      return ok(
        await treeJson(repo, sha, req.urls, req.query.has('recursive')),
      );
    })
    .post('/repos/:owner/:repo/git/trees', async req => {
      const repo = await gitRepo(req);
      const entries = optionalArray(req.body, 'tree');
      if (!entries)
        throw new ApiError(422, 'Invalid request.\n\n"tree" wasn\'t supplied.');
      const baseTree = optionalString(req.body, 'base_tree');
      if (
        baseTree !== undefined &&
        (await repo.git.objectType(baseTree)) !== 'tree'
      ) {
        throw unprocessable(`base_tree ${baseTree} is not a valid tree oid`);
      }
      const editor = new TreeEditor(repo.git, baseTree);
      for (const entry of entries)
        await editor.apply(await treeChange(repo, entry));
      return ok(
        await treeJson(repo, await editor.write(), req.urls, false),
        201,
      );
    })
    .post('/repos/:owner/:repo/git/blobs', async req => {
      const repo = await gitRepo(req);
      const content = requiredString(req.body, 'content');
      const encoding = optionalEnum(req.body, 'encoding', [
        'utf-8',
        'utf8',
        'base64',
      ] as const);
      const bytes = Buffer.from(
        content,
        encoding === 'base64' ? 'base64' : 'utf8',
      );
      const sha = await repo.git.writeBlob(bytes);
      return ok(
        { sha, url: `${req.urls.repoApi(repo)}/git/blobs/${sha}` },
        201,
      );
    })
    .get('/repos/:owner/:repo/git/blobs/:sha', async req => {
      const repo = await gitRepo(req);
      if ((await repo.git.objectType(req.params.sha)) !== 'blob')
        throw notFound();
      const content = await repo.git.readBlob(req.params.sha);
      return ok({
        sha: req.params.sha,
        node_id: nodeId('Blob', req.params.sha.slice(0, 12)),
        size: content.length,
        url: `${req.urls.repoApi(repo)}/git/blobs/${req.params.sha}`,
        content: base64Lines(content),
        encoding: 'base64',
      });
    });
}
