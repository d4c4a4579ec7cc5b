import { Octokit } from 'octokit';
import { GitHubInfrastructureRepository } from './GitHubInfrastructureRepository';

/** The repository under test, on the fake's Octokit. */
const repositoryOn = (octokit: Octokit) =>
  new GitHubInfrastructureRepository({
    octokit: async () => octokit,
    owner: 'acme',
    repo: 'infra',
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
