import { mockServices } from '@backstage/backend-test-utils';
import { initRepoAndPush } from '@backstage/plugin-scaffolder-node';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GitHubServiceRepoPublisher,
  pendingPushMark,
} from './GitHubServiceRepoPublisher';

jest.mock('@backstage/plugin-scaffolder-node', () => ({
  ...jest.requireActual('@backstage/plugin-scaffolder-node'),
  initRepoAndPush: jest.fn(),
}));
const push = initRepoAndPush as jest.MockedFunction<typeof initRepoAndPush>;

const location = { host: 'github.com', owner: 'acme', repo: 'orders' };
const repoData = {
  clone_url: 'https://github.com/acme/orders.git',
  html_url: 'https://github.com/acme/orders',
};
const httpError = (status: number) =>
  Object.assign(new Error(`status ${status}`), { status });

function octokitMock() {
  return {
    rest: {
      repos: {
        get: jest.fn(),
        createInOrg: jest.fn(),
        update: jest.fn(async () => ({ data: {} })),
        listBranches: jest.fn(),
      },
      actions: { listWorkflowRunsForRepo: jest.fn() },
    },
  };
}

/** GitHub access that hands out the mock and the token 'tok'; signatures are `sig(<text>)`. */
const accessWith = (octokit: ReturnType<typeof octokitMock>) => ({
  octokit: jest.fn(async (_url: string) => octokit as any),
  token: jest.fn(async (_url: string) => 'tok'),
  signature: (text: string) => `sig(${text})`,
});
const MARK =
  '[Platform Portal: first push pending sig(service-repository:acme/orders)]';

describe('GitHubServiceRepoPublisher', () => {
  let dir: string;
  let pushedFiles: string[][];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'portal-gh-publisher-'));
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.git', 'HEAD'), 'left by a failed attempt\n');
    writeFileSync(join(dir, 'README.md'), '# orders\n');
    pushedFiles = [];
    push.mockReset();
    push.mockImplementation(async ({ dir: pushed }) => {
      pushedFiles.push(readdirSync(pushed).sort());
      return { commitHash: 'c0ffee' };
    });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const request = () => ({
    location,
    description: 'Orders',
    sourceDir: dir,
    commitMessage: 'Create orders',
    author: { name: 'Guest', email: 'guest@example.com' },
  });
  const publisherOn = (octokit: ReturnType<typeof octokitMock>) =>
    new GitHubServiceRepoPublisher(
      accessWith(octokit),
      mockServices.logger.mock(),
    );

  it('the pending mark is keyed and bound to the repository name', () => {
    expect(pendingPushMark(accessWith(octokitMock()), location)).toBe(MARK);
  });

  it('creates a private repository marked as pending, pushes a copy of the workspace without .git, then drops the mark', async () => {
    const octokit = octokitMock();
    octokit.rest.repos.createInOrg.mockResolvedValue({ data: repoData });
    await expect(publisherOn(octokit).create(request())).resolves.toEqual({
      remoteUrl: 'https://github.com/acme/orders.git',
      htmlUrl: 'https://github.com/acme/orders',
      defaultBranch: 'main',
      commitSha: 'c0ffee',
      catalogInfoUrl:
        'https://github.com/acme/orders/blob/main/catalog-info.yaml',
    });
    expect(octokit.rest.repos.createInOrg).toHaveBeenCalledWith(
      expect.objectContaining({
        org: 'acme',
        name: 'orders',
        private: true,
        description: `Orders ${MARK}`,
      }),
    );
    expect(push).toHaveBeenCalledWith(
      expect.objectContaining({
        remoteUrl: 'https://github.com/acme/orders.git',
        auth: { username: 'x-access-token', password: 'tok' },
        defaultBranch: 'main',
      }),
    );
    expect(push.mock.calls[0][0].dir).not.toBe(dir);
    expect(pushedFiles).toEqual([['README.md']]);
    expect(octokit.rest.repos.update).toHaveBeenCalledWith({
      owner: 'acme',
      repo: 'orders',
      description: 'Orders',
    });
  });

  it('pushes into an empty repository that carries its mark (a failed run), instead of refusing', async () => {
    const octokit = octokitMock();
    octokit.rest.repos.createInOrg.mockRejectedValue(httpError(422));
    octokit.rest.repos.get.mockResolvedValue({
      data: { ...repoData, description: `Orders ${MARK}` },
    });
    octokit.rest.repos.listBranches.mockRejectedValue(httpError(409));
    const publisher = publisherOn(octokit);
    expect(await publisher.exists(location)).toBe(false);
    await expect(publisher.create(request())).resolves.toMatchObject({
      commitSha: 'c0ffee',
    });
    expect(push.mock.calls[0][0].remoteUrl).toBe(repoData.clone_url);
    expect(octokit.rest.repos.listBranches).toHaveBeenCalledWith(
      expect.objectContaining({ request: { retries: 0 } }),
    );
  });

  it.each([
    ['carries no mark', 'Orders', []],
    [
      "carries another repository's mark",
      'Orders [Platform Portal: first push pending sig(service-repository:acme/billing)]',
      [],
    ],
    ['has a branch', `Orders ${MARK}`, [{ name: 'main' }]],
  ])(
    'refuses a repository that %s, and checks existence the same way',
    async (_name, description, branches) => {
      const octokit = octokitMock();
      octokit.rest.repos.createInOrg.mockRejectedValue(httpError(422));
      octokit.rest.repos.get.mockResolvedValue({
        data: { ...repoData, description },
      });
      octokit.rest.repos.listBranches.mockResolvedValue({ data: branches });
      const publisher = publisherOn(octokit);
      await expect(publisher.create(request())).rejects.toMatchObject({
        name: 'ConflictError',
        message:
          'repoUrl: acme/orders already exists on GitHub; it is never overwritten',
      });
      expect(push).not.toHaveBeenCalled();
      expect(await publisher.exists(location)).toBe(true);
    },
  );

  it('reports a missing repository as free', async () => {
    const octokit = octokitMock();
    octokit.rest.repos.get.mockRejectedValue(httpError(404));
    expect(await publisherOn(octokit).exists(location)).toBe(false);
  });

  it('says that a rerun completes the repository when the push fails', async () => {
    const octokit = octokitMock();
    octokit.rest.repos.createInOrg.mockResolvedValue({ data: repoData });
    octokit.rest.repos.listBranches.mockResolvedValue({ data: [] });
    push.mockRejectedValue(new Error('HTTP Error: 403 Forbidden'));
    await expect(publisherOn(octokit).create(request())).rejects.toThrow(
      "Pushing the first commit to acme/orders failed: HTTP Error: 403 Forbidden; the repository stays empty and marked as the portal's, so a rerun pushes into it",
    );
    expect(octokit.rest.repos.update).not.toHaveBeenCalled();
  });

  it('is a conflict when another run pushed the first commit meanwhile', async () => {
    const octokit = octokitMock();
    octokit.rest.repos.createInOrg.mockResolvedValue({ data: repoData });
    octokit.rest.repos.listBranches.mockResolvedValue({
      data: [{ name: 'main' }],
    });
    push.mockRejectedValue(new Error('Push rejected: not a fast-forward'));
    await expect(publisherOn(octokit).create(request())).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'repoUrl: acme/orders got its first commit from another run meanwhile; it is never overwritten',
    });
  });

  it('finds the first workflow run once GitHub lists it', async () => {
    const octokit = octokitMock();
    octokit.rest.actions.listWorkflowRunsForRepo
      .mockResolvedValueOnce({ data: { workflow_runs: [] } })
      .mockResolvedValueOnce({
        data: {
          workflow_runs: [
            { html_url: 'https://github.com/acme/orders/actions/runs/1' },
          ],
        },
      });
    const publisher = new GitHubServiceRepoPublisher(
      accessWith(octokit),
      mockServices.logger.mock(),
      {
        pollDelayMs: 1,
      },
    );
    await expect(publisher.firstWorkflowRunUrl(location)).resolves.toBe(
      'https://github.com/acme/orders/actions/runs/1',
    );
  });
});
