import { mockServices } from '@backstage/backend-test-utils';
import { initRepoAndPush } from '@backstage/plugin-scaffolder-node';
import { GitHubServiceRepoPublisher } from './GitHubServiceRepoPublisher';

jest.mock('@backstage/plugin-scaffolder-node', () => ({
  ...jest.requireActual('@backstage/plugin-scaffolder-node'),
  initRepoAndPush: jest.fn(async () => ({ commitHash: 'c0ffee' })),
}));

const location = { host: 'github.com', owner: 'acme', repo: 'orders' };

function octokitMock() {
  return {
    rest: {
      repos: { get: jest.fn(), createInOrg: jest.fn() },
      actions: { listWorkflowRunsForRepo: jest.fn() },
    },
  };
}

/** GitHub access that hands out the mock and the token 'tok', recording the URLs asked for. */
const accessWith = (octokit: ReturnType<typeof octokitMock>) => ({
  octokit: jest.fn(async (_url: string) => octokit as any),
  token: jest.fn(async (_url: string) => 'tok'),
});

describe('GitHubServiceRepoPublisher', () => {
  const request = {
    location,
    description: 'Orders',
    sourceDir: '/workspace',
    commitMessage: 'Create orders',
    author: { name: 'Guest', email: 'guest@example.com' },
  };

  it('creates a private repository in the organisation and pushes the workspace with the token', async () => {
    const octokit = octokitMock();
    octokit.rest.repos.createInOrg.mockResolvedValue({
      data: {
        clone_url: 'https://github.com/acme/orders.git',
        html_url: 'https://github.com/acme/orders',
      },
    });
    const publisher = new GitHubServiceRepoPublisher(
      accessWith(octokit),
      mockServices.logger.mock(),
    );
    await expect(publisher.create(request)).resolves.toEqual({
      remoteUrl: 'https://github.com/acme/orders.git',
      htmlUrl: 'https://github.com/acme/orders',
      defaultBranch: 'main',
      commitSha: 'c0ffee',
      catalogInfoUrl:
        'https://github.com/acme/orders/blob/main/catalog-info.yaml',
    });
    expect(octokit.rest.repos.createInOrg).toHaveBeenCalledWith(
      expect.objectContaining({ org: 'acme', name: 'orders', private: true }),
    );
    expect(initRepoAndPush).toHaveBeenCalledWith(
      expect.objectContaining({
        dir: '/workspace',
        remoteUrl: 'https://github.com/acme/orders.git',
        auth: { username: 'x-access-token', password: 'tok' },
        defaultBranch: 'main',
      }),
    );
  });

  it('reports an existing repository as a conflict and checks existence with repos.get', async () => {
    const octokit = octokitMock();
    octokit.rest.repos.createInOrg.mockRejectedValue(
      Object.assign(new Error('exists'), { status: 422 }),
    );
    octokit.rest.repos.get.mockRejectedValueOnce(
      Object.assign(new Error('nf'), { status: 404 }),
    );
    octokit.rest.repos.get.mockResolvedValueOnce({ data: {} });
    const publisher = new GitHubServiceRepoPublisher(
      accessWith(octokit),
      mockServices.logger.mock(),
    );
    await expect(publisher.create(request)).rejects.toThrow(
      /acme\/orders already exists on GitHub/,
    );
    expect(await publisher.exists(location)).toBe(false);
    expect(await publisher.exists(location)).toBe(true);
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
