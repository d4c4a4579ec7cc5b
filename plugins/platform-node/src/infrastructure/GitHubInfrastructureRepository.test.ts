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
    failMessage?: string;
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
  const commitParents: string[][] = [];
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
        { message: options.failMessage ?? 'Simulated failure' },
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
      commitParents.push(body.parents);
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
  return { octokit, calls, refs, pulls, commits, commitParents };
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
      'GET /git/ref/heads/env/qa',
      'GET /git/commits/base-sha',
      'GET /git/trees/base-tree',
      'POST /git/trees',
      'POST /git/commits',
      'POST /git/refs',
      'GET /pulls',
      'POST /pulls',
    ]);
    expect(gh.commits).toHaveLength(1);
    expect(gh.commitParents).toEqual([['base-sha']]);
    expect(gh.refs.get('env/qa')).toBe('commit-1');
    expect(result).toMatchObject({
      commitSha: 'commit-1',
      pullRequestNumber: 1,
      pullRequestReused: false,
      pullRequestUrl: 'https://github.com/acme/infra/pull/1',
      commitUrl: 'https://github.com/acme/infra/commit/commit-1',
    });
  });

  it('on a rerun fast-forwards the same branch (no force) and updates the same pull request', async () => {
    const gh = fakeGitHub();
    const repository = repositoryOn(gh.octokit);
    await repository.proposeChange(request);
    gh.calls.length = 0;
    const updateRef = jest.spyOn(gh.octokit.rest.git, 'updateRef');
    const again = await repository.proposeChange({
      ...request,
      pullRequest: { title: 'Environment qa (v2)', body: 'b' },
    });
    expect(gh.calls.slice(1, 2)).toEqual(['GET /git/ref/heads/env/qa']);
    expect(gh.calls.slice(-3)).toEqual([
      'PATCH /git/refs/heads/env/qa',
      'GET /pulls',
      'PATCH /pulls/1',
    ]);
    // The new commit descends from the head read at the start, so GitHub's fast-forward
    // check is the compare-and-swap.
    expect(gh.commitParents[1]).toEqual(['commit-1', 'base-sha']);
    expect(updateRef).toHaveBeenCalledWith(
      expect.objectContaining({ sha: 'commit-2', force: false }),
    );
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
    expect(gh.calls.slice(-3)).toEqual([
      'POST /pulls',
      'GET /git/ref/heads/env/qa',
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
    [
      'the branch was created meanwhile',
      'POST /git/refs',
      'Reference already exists',
      false,
    ],
    [
      'the branch was moved meanwhile',
      'PATCH /git/refs/heads/env/qa',
      'Update is not a fast forward',
      true,
    ],
    [
      'the branch was deleted meanwhile',
      'PATCH /git/refs/heads/env/qa',
      'Reference does not exist',
      true,
    ],
  ])(
    'answers a lost ref update (%s) with a ConflictError and opens no pull request',
    async (_name, failOn, failMessage, existing) => {
      const gh = fakeGitHub({ failOn, failStatus: 422, failMessage });
      if (existing) gh.refs.set('env/qa', 'commit-before');
      await expect(
        repositoryOn(gh.octokit).proposeChange(request),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message:
          'env/qa of acme/infra moved while publishing (another change landed on it first); nothing was written, rerun to publish on top of it',
      });
      expect(gh.calls.at(-1)).toBe(failOn);
      expect(gh.calls.filter(c => c.includes('/pulls'))).toEqual([]);
    },
  );

  it('passes other refusals of the ref update through unchanged', async () => {
    const gh = fakeGitHub({
      failOn: 'POST /git/refs',
      failStatus: 422,
      failMessage: 'Object does not exist',
    });
    await expect(
      repositoryOn(gh.octokit).proposeChange(request),
    ).rejects.toMatchObject({ status: 422, name: 'HttpError' });
  });

  it('leaves the branch alone when the pull request fails after another publish moved it', async () => {
    const gh = fakeGitHub({ failOn: 'POST /pulls', failStatus: 422 });
    const createPull = gh.octokit.rest.pulls.create;
    jest
      .spyOn(gh.octokit.rest.pulls, 'create')
      .mockImplementationOnce(async (...args) => {
        gh.refs.set('env/qa', 'commit-of-another-publish');
        return createPull(...args);
      });
    await expect(
      repositoryOn(gh.octokit).proposeChange(request),
    ).rejects.toMatchObject({ status: 422 });
    expect(gh.refs.get('env/qa')).toBe('commit-of-another-publish');
    expect(gh.calls.filter(c => c.startsWith('DELETE'))).toEqual([]);
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
