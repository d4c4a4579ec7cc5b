import { Octokit } from 'octokit';
import { GitHubInfrastructureRepository } from './GitHubInfrastructureRepository';

/**
 * A small in-memory GitHub behind a real Octokit (its URL building, error mapping and
 * pagination run for real); `calls` records the exact REST sequence.
 */
function fakeGitHub(
  options: {
    failOn?: string;
    failStatus?: number;
    failHeaders?: Record<string, string>;
  } = {},
) {
  const refs = new Map<string, string>([['main', 'base-sha']]);
  const pulls: Array<{
    number: number;
    head: string;
    title: string;
    body: string;
  }> = [];
  const commits: string[] = [];
  const calls: string[] = [];
  let failures = options.failOn ? 1 : 0;

  const json = (
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) =>
    new Response(status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });

  const fetch = async (
    url: string | URL,
    init?: RequestInit,
  ): Promise<Response> => {
    const u = new URL(String(url));
    const method = (init?.method ?? 'GET').toUpperCase();
    const path = decodeURIComponent(u.pathname).replace(
      '/repos/acme/infra',
      '',
    );
    const key = `${method} ${path}`;
    calls.push(key);
    if (failures > 0 && options.failOn && key.startsWith(options.failOn)) {
      failures--;
      // Status 0 stands for the network failing: no HTTP answer at all.
      if (options.failStatus === 0) throw new TypeError('fetch failed');
      return json(
        options.failStatus ?? 422,
        { message: 'Simulated failure' },
        options.failHeaders,
      );
    }
    const body = init?.body ? JSON.parse(String(init.body)) : {};
    const getRef = path.match(/^\/git\/ref\/heads\/(.+)$/);
    if (getRef && method === 'GET') {
      const sha = refs.get(getRef[1]);
      return sha
        ? json(200, { ref: `refs/heads/${getRef[1]}`, object: { sha } })
        : json(404, { message: 'Not Found' });
    }
    if (path.startsWith('/git/commits/') && method === 'GET') {
      return json(200, { sha: 'base-sha', tree: { sha: 'base-tree' } });
    }
    if (path.startsWith('/git/trees/') && method === 'GET') {
      return json(200, {
        sha: 'base-tree',
        tree: [
          { path: 'environments/qa/old.tf', type: 'blob' },
          { path: 'environments/qa/main.tf', type: 'blob' },
          { path: 'environments/prod/main.tf', type: 'blob' },
        ],
      });
    }
    if (path === '/git/trees' && method === 'POST')
      return json(201, { sha: `tree-${calls.length}`, body });
    if (path === '/git/commits' && method === 'POST') {
      const sha = `commit-${commits.length + 1}`;
      commits.push(sha);
      return json(201, { sha });
    }
    if (path === '/git/refs' && method === 'POST') {
      refs.set(body.ref.replace('refs/heads/', ''), body.sha);
      return json(201, { ref: body.ref, object: { sha: body.sha } });
    }
    const moveRef = path.match(/^\/git\/refs\/heads\/(.+)$/);
    if (moveRef) {
      const branch = moveRef[1];
      if (method === 'PATCH') refs.set(branch, body.sha);
      if (method === 'DELETE') refs.delete(branch);
      return method === 'DELETE'
        ? json(204, null)
        : json(200, { object: { sha: body.sha } });
    }
    if (path === '/pulls' && method === 'GET') {
      const head = u.searchParams.get('head')!.split(':')[1];
      return json(
        200,
        pulls
          .filter(p => p.head === head)
          .map(p => ({
            ...p,
            html_url: `https://github.com/acme/infra/pull/${p.number}`,
          })),
      );
    }
    if (path === '/pulls' && method === 'POST') {
      const pr = {
        number: pulls.length + 1,
        head: body.head,
        title: body.title,
        body: body.body,
      };
      pulls.push(pr);
      return json(201, {
        ...pr,
        html_url: `https://github.com/acme/infra/pull/${pr.number}`,
      });
    }
    const pull = path.match(/^\/pulls\/(\d+)$/);
    if (pull && method === 'PATCH') {
      const pr = pulls.find(p => p.number === Number(pull[1]))!;
      Object.assign(pr, { title: body.title, body: body.body });
      return json(200, {
        ...pr,
        html_url: `https://github.com/acme/infra/pull/${pr.number}`,
      });
    }
    if (path.startsWith('/contents/'))
      return json(404, { message: 'Not Found' });
    return json(500, { message: `unexpected ${key}` });
  };

  const octokit = new Octokit({
    request: { fetch },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  return { octokit, calls, refs, pulls, commits };
}

const request = {
  branch: 'env/qa',
  files: {
    'environments/qa/main.tf': 'a = 1\n',
    'environments/qa/k8s/pools.yaml': 'x: 1\n',
  },
  replaceFolders: ['environments/qa'],
  commitMessage: 'Add environment qa',
  pullRequest: { title: 'Environment qa', body: 'Plan summary' },
};

/** The repository under test, on the fake's Octokit. */
const repositoryOn = (octokit: Octokit) =>
  new GitHubInfrastructureRepository({
    octokit: async () => octokit,
    owner: 'acme',
    repo: 'infra',
  });

describe('GitHubInfrastructureRepository: proposeChange', () => {
  it('makes one commit on a new branch and opens a pull request, in this exact order', async () => {
    const gh = fakeGitHub();
    const result = await repositoryOn(gh.octokit).proposeChange(request);
    expect(gh.calls).toEqual([
      'GET /git/ref/heads/main',
      'GET /git/commits/base-sha',
      'GET /git/trees/base-tree',
      'POST /git/trees',
      'POST /git/commits',
      'GET /git/ref/heads/env/qa',
      'POST /git/refs',
      'GET /pulls',
      'POST /pulls',
    ]);
    expect(gh.commits).toHaveLength(1);
    expect(gh.refs.get('env/qa')).toBe('commit-1');
    expect(result).toMatchObject({
      commitSha: 'commit-1',
      pullRequestNumber: 1,
      pullRequestReused: false,
      pullRequestUrl: 'https://github.com/acme/infra/pull/1',
      commitUrl: 'https://github.com/acme/infra/commit/commit-1',
    });
  });

  it('on a rerun moves the same branch and updates the same pull request', async () => {
    const gh = fakeGitHub();
    const repository = repositoryOn(gh.octokit);
    await repository.proposeChange(request);
    gh.calls.length = 0;
    const again = await repository.proposeChange({
      ...request,
      pullRequest: { title: 'Environment qa (v2)', body: 'b' },
    });
    expect(gh.calls.slice(-4)).toEqual([
      'GET /git/ref/heads/env/qa',
      'PATCH /git/refs/heads/env/qa',
      'GET /pulls',
      'PATCH /pulls/1',
    ]);
    expect(gh.pulls).toHaveLength(1);
    expect(gh.pulls[0].title).toBe('Environment qa (v2)');
    expect(again).toMatchObject({
      pullRequestReused: true,
      commitSha: 'commit-2',
    });
    expect(gh.refs.get('env/qa')).toBe('commit-2');
  });

  it('deletes files the update dropped from the owned folder, and only there', async () => {
    const gh = fakeGitHub();
    const createTree = jest.spyOn(gh.octokit.rest.git, 'createTree');
    await repositoryOn(gh.octokit).proposeChange(request);
    const entries = createTree.mock.calls[0][0]!.tree;
    expect(entries).toContainEqual({
      path: 'environments/qa/old.tf',
      mode: '100644',
      type: 'blob',
      sha: null,
    });
    expect(entries.map(e => e.path)).not.toContain('environments/prod/main.tf');
    expect(createTree.mock.calls[0][0]!.base_tree).toBe('base-tree');
  });

  it('removes the branch it created when opening the pull request fails, and a retry succeeds', async () => {
    const gh = fakeGitHub({ failOn: 'POST /pulls', failStatus: 422 });
    const repository = repositoryOn(gh.octokit);
    await expect(repository.proposeChange(request)).rejects.toMatchObject({
      status: 422,
    });
    expect(gh.calls.slice(-2)).toEqual([
      'POST /pulls',
      'DELETE /git/refs/heads/env/qa',
    ]);
    expect(gh.refs.has('env/qa')).toBe(false);

    const retry = await repository.proposeChange(request);
    expect(retry.pullRequestNumber).toBe(1);
    expect(gh.refs.get('env/qa')).toBe(retry.commitSha);
  });

  it('puts an existing branch back where it was when the pull request update fails', async () => {
    const gh = fakeGitHub();
    const repository = repositoryOn(gh.octokit);
    await repository.proposeChange(request);
    const failing = fakeGitHub({ failOn: 'GET /pulls', failStatus: 502 });
    failing.refs.set('env/qa', 'commit-before');
    await expect(
      repositoryOn(failing.octokit).proposeChange(request),
    ).rejects.toMatchObject({ status: 502 });
    expect(failing.refs.get('env/qa')).toBe('commit-before');
  });

  it.each([
    ['a conflict while committing', 'POST /git/commits', 409, {}],
    [
      'a rate limit while building the tree',
      'POST /git/trees',
      403,
      { 'x-ratelimit-remaining': '0' },
    ],
  ])(
    'touches no ref after %s',
    async (_name, failOn, failStatus, failHeaders) => {
      const gh = fakeGitHub({ failOn, failStatus, failHeaders });
      await expect(
        repositoryOn(gh.octokit).proposeChange(request),
      ).rejects.toMatchObject({
        status: failStatus,
      });
      expect(gh.calls.filter(c => c.includes('/git/refs'))).toEqual([]);
      expect(gh.refs.has('env/qa')).toBe(false);
    },
  );

  it('touches no ref when the network fails while committing, and a retry succeeds', async () => {
    const gh = fakeGitHub({ failOn: 'POST /git/commits', failStatus: 0 });
    const repository = repositoryOn(gh.octokit);
    await expect(repository.proposeChange(request)).rejects.toThrow(
      /fetch failed/,
    );
    expect(gh.refs.has('env/qa')).toBe(false);
    await expect(repository.proposeChange(request)).resolves.toMatchObject({
      pullRequestNumber: 1,
    });
  });

  it('answers missing paths with 404 as absent', async () => {
    const gh = fakeGitHub();
    const repository = repositoryOn(gh.octokit);
    expect(await repository.existingPaths(['environments/qa'])).toEqual(
      new Set(),
    );
    expect(
      await repository.readFile('environments/qa/main.tf'),
    ).toBeUndefined();
  });
});

/**
 * A GitHub whose branches hold files, answering the read side of the Git Data API. Commit, tree
 * and blob shas are derived from the content, as git's are, so unchanged content keeps its sha.
 */
function fakeBranches(initial: Record<string, Record<string, string>>) {
  let branches = initial;
  const calls: string[] = [];
  const sha = (kind: string, text: string) =>
    `${kind}-${Buffer.from(text).toString('base64url')}`;
  const commitSha = (files: Record<string, string>) =>
    sha('c', JSON.stringify(files));
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  const fetch = async (url: string | URL) => {
    const path = decodeURIComponent(new URL(String(url)).pathname).replace(
      '/repos/acme/infra',
      '',
    );
    calls.push(path);
    if (path === '/git/matching-refs/heads/') {
      return json(
        Object.entries(branches).map(([branch, files]) => ({
          ref: `refs/heads/${branch}`,
          object: { sha: commitSha(files) },
        })),
      );
    }
    const commit = path.match(/^\/git\/commits\/(.+)$/);
    if (commit) {
      return json({ sha: commit[1], tree: { sha: `t${commit[1]}` } });
    }
    const tree = path.match(/^\/git\/trees\/t(.+)$/);
    if (tree) {
      const files = Object.values(branches).find(
        f => commitSha(f) === tree[1],
      )!;
      return json({
        tree: [
          { path: 'environments', type: 'tree', sha: 'dir' },
          ...Object.entries(files).map(([p, text]) => ({
            path: p,
            type: 'blob',
            sha: sha('b', text),
          })),
        ],
      });
    }
    const blob = path.match(/^\/git\/blobs\/b-(.+)$/);
    if (blob) {
      return json({
        content: Buffer.from(
          Buffer.from(blob[1], 'base64url').toString('utf8'),
        ).toString('base64'),
        encoding: 'base64',
      });
    }
    return new Response('{}', { status: 500 });
  };
  const octokit = new Octokit({
    request: { fetch },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  return {
    octokit,
    calls,
    setBranches(next: Record<string, Record<string, string>>) {
      branches = next;
    },
  };
}

describe('GitHubInfrastructureRepository: readEnvironmentFiles', () => {
  const staging = 'kind: Resource\nmetadata: { name: staging }\n';
  const qa = 'kind: Resource\nmetadata: { name: qa }\n';

  it('reads environment files of the base branch and env/* branches, base branch first', async () => {
    const gh = fakeBranches({
      'env/qa': {
        'environments/qa/catalog-info.yaml': qa,
        'environments/qa/main.tf': 'x',
        'environments/staging/catalog-info.yaml': staging,
      },
      main: { 'environments/staging/catalog-info.yaml': staging },
      'bootstrap/dev': { 'environments/dev/catalog-info.yaml': 'ignored' },
    });
    const files = await repositoryOn(gh.octokit).readEnvironmentFiles();
    expect(files.map(f => `${f.branch} ${f.path}`)).toEqual([
      'main environments/staging/catalog-info.yaml',
      'env/qa environments/qa/catalog-info.yaml',
      'env/qa environments/staging/catalog-info.yaml',
    ]);
    expect(files[1]).toMatchObject({
      content: qa,
      location:
        'https://github.com/acme/infra/blob/env/qa/environments/qa/catalog-info.yaml',
    });
  });

  it('costs one call per refresh while nothing changes, and fetches only what is new', async () => {
    const gh = fakeBranches({
      main: { 'environments/staging/catalog-info.yaml': staging },
    });
    const repository = repositoryOn(gh.octokit);
    await repository.readEnvironmentFiles();
    expect(gh.calls).toHaveLength(4); // refs, commit, tree, blob

    gh.calls.length = 0;
    expect(await repository.readEnvironmentFiles()).toHaveLength(1);
    expect(gh.calls).toEqual(['/git/matching-refs/heads/']);

    // A new branch that shares staging's blob: its commit and tree, and only qa's blob.
    gh.calls.length = 0;
    gh.setBranches({
      main: { 'environments/staging/catalog-info.yaml': staging },
      'env/qa': {
        'environments/staging/catalog-info.yaml': staging,
        'environments/qa/catalog-info.yaml': qa,
      },
    });
    expect(await repository.readEnvironmentFiles()).toHaveLength(3);
    expect(gh.calls.filter(c => c.startsWith('/git/blobs/'))).toHaveLength(1);
    expect(gh.calls.filter(c => c.startsWith('/git/trees/'))).toHaveLength(1);
  });
});
