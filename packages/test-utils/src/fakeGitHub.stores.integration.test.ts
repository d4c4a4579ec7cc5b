import { mockServices } from '@backstage/backend-test-utils';
import { initRepoAndPush } from '@backstage/plugin-scaffolder-node';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Octokit } from 'octokit';
import { FakeGitHub, startFakeGitHub } from './fakeGitHub';

const TOKEN = 'ghp_portal';
const REVIEWER_TOKEN = 'ghp_reviewer';

jest.setTimeout(30_000);

describe('startFakeGitHub stores (checks, statuses, environments, rulesets, issues, deployments)', () => {
  let fake: FakeGitHub;
  let octokit: Octokit;
  let head: string;
  const owner = 'acme';
  const repo = 'svc';

  beforeEach(async () => {
    fake = await startFakeGitHub({
      tokens: [TOKEN, { token: REVIEWER_TOKEN, login: 'alice' }],
      organizations: [
        { login: 'acme', teams: ['platform-team', 'team-orders'] },
      ],
    });
    octokit = new Octokit({
      auth: TOKEN,
      baseUrl: fake.apiBaseUrl,
      retry: { enabled: false },
      throttle: { enabled: false },
    });
    await fake.createRepo(owner, repo, { 'README.md': '# svc\n' });
    head = await fake.commitFiles(owner, repo, 'env/qa', {
      'environments/qa/main.tf': 'a = 1\n',
    });
  });

  afterEach(() => fake.stop());

  it('stores check runs and commit statuses by commit, seeded or created through the API', async () => {
    await fake.seed.checkRun(owner, repo, {
      name: 'plan',
      head_sha: head,
      status: 'in_progress',
    });
    const { data: apply } = await octokit.rest.checks.create({
      owner,
      repo,
      name: 'apply',
      head_sha: head,
      conclusion: 'failure',
      output: { title: 'Apply failed', summary: 'Error: AccessDenied' },
    });
    expect(apply).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      output: { summary: 'Error: AccessDenied' },
    });
    await octokit.rest.checks.update({
      owner,
      repo,
      check_run_id: apply.id,
      conclusion: 'success',
    });

    const { data } = await octokit.rest.checks.listForRef({
      owner,
      repo,
      ref: 'env/qa',
    });
    expect(
      data.check_runs.map(r => [r.name, r.status, r.conclusion]).sort(),
    ).toEqual([
      ['apply', 'completed', 'success'],
      ['plan', 'in_progress', null],
    ]);
    expect(
      (await octokit.rest.checks.listForRef({ owner, repo, ref: 'main' })).data
        .total_count,
    ).toBe(0);
    await expect(
      fake.seed.checkRun(owner, repo, { name: 'x', head_sha: '0'.repeat(40) }),
    ).rejects.toThrow(/422 No commit found/);

    await octokit.rest.repos.createCommitStatus({
      owner,
      repo,
      sha: head,
      state: 'pending',
      context: 'ci',
    });
    await fake.seed.commitStatus(owner, repo, head, {
      state: 'success',
      context: 'ci',
    });
    const { data: combined } = await octokit.rest.repos.getCombinedStatusForRef(
      { owner, repo, ref: head },
    );
    expect(combined).toMatchObject({
      state: 'success',
      total_count: 1,
      sha: head,
    });
  });

  it("keeps environments with team and user reviewers and branch policies in GitHub's shape", async () => {
    await octokit.rest.repos.createOrUpdateEnvironment({
      owner,
      repo,
      environment_name: 'prod',
      wait_timer: 5,
      reviewers: [
        { type: 'Team', id: fake.teamId('acme', 'platform-team') },
        { type: 'User', id: fake.userId('alice') },
      ],
      deployment_branch_policy: {
        protected_branches: false,
        custom_branch_policies: true,
      },
    });
    await octokit.rest.repos.createDeploymentBranchPolicy({
      owner,
      repo,
      environment_name: 'prod',
      name: 'main',
    });
    const { data: prod } = await octokit.rest.repos.getEnvironment({
      owner,
      repo,
      environment_name: 'prod',
    });
    expect(prod.protection_rules?.map(r => r.type)).toEqual([
      'wait_timer',
      'required_reviewers',
      'branch_policy',
    ]);
    const reviewers = prod.protection_rules?.find(
      r => r.type === 'required_reviewers',
    );
    expect(
      reviewers &&
        'reviewers' in reviewers &&
        reviewers.reviewers?.map(r => r.type),
    ).toEqual(['Team', 'User']);
    const { data: policies } =
      await octokit.rest.repos.listDeploymentBranchPolicies({
        owner,
        repo,
        environment_name: 'prod',
      });
    expect(policies.branch_policies.map(p => p.name)).toEqual(['main']);

    fake.seed.environment(owner, repo, 'dev');
    const { data: all } = await octokit.rest.repos.getAllEnvironments({
      owner,
      repo,
    });
    expect(all.environments?.map(e => e.name)).toEqual(['prod', 'dev']);
    const bad = octokit.rest.repos.createOrUpdateEnvironment({
      owner,
      repo,
      environment_name: 'staging',
      reviewers: [{ type: 'Team', id: 424242 }],
    });
    await expect(bad).rejects.toMatchObject({ status: 422 });
    await expect(
      octokit.rest.repos.getEnvironment({
        owner,
        repo,
        environment_name: 'staging',
      }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  it('keeps rulesets, issue comments, reviews and deployments', async () => {
    const { data: ruleset } = await octokit.rest.repos.createRepoRuleset({
      owner,
      repo,
      name: 'main',
      enforcement: 'active',
      conditions: { ref_name: { include: ['~DEFAULT_BRANCH'], exclude: [] } },
      rules: [
        {
          type: 'pull_request',
          parameters: {
            required_approving_review_count: 1,
            dismiss_stale_reviews_on_push: true,
            require_code_owner_review: true,
            require_last_push_approval: false,
            required_review_thread_resolution: false,
          },
        },
      ],
    });
    expect(
      (await octokit.rest.repos.getRepoRulesets({ owner, repo })).data.map(
        r => r.name,
      ),
    ).toEqual(['main']);
    const { data: full } = await octokit.rest.repos.getRepoRuleset({
      owner,
      repo,
      ruleset_id: ruleset.id,
    });
    expect(full.rules?.map(r => r.type)).toEqual(['pull_request']);
    await expect(
      octokit.rest.repos.createRepoRuleset({
        owner,
        repo,
        name: 'main',
        enforcement: 'active',
      }),
    ).rejects.toMatchObject({ status: 422 });

    const { data: pr } = await octokit.rest.pulls.create({
      owner,
      repo,
      head: 'env/qa',
      base: 'main',
      title: 'qa',
    });
    const { data: comment } = await octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: pr.number,
      body: 'Plan: +1',
    });
    await octokit.rest.issues.updateComment({
      owner,
      repo,
      comment_id: comment.id,
      body: 'Plan: +2',
    });
    const { data: comments } = await octokit.rest.issues.listComments({
      owner,
      repo,
      issue_number: pr.number,
    });
    expect(comments.map(c => c.body)).toEqual(['Plan: +2']);

    await expect(
      octokit.rest.pulls.createReview({
        owner,
        repo,
        pull_number: pr.number,
        event: 'APPROVE',
      }),
    ).rejects.toMatchObject({ status: 422 });
    const reviewer = new Octokit({
      auth: REVIEWER_TOKEN,
      baseUrl: fake.apiBaseUrl,
      throttle: { enabled: false },
    });
    await reviewer.rest.pulls.createReview({
      owner,
      repo,
      pull_number: pr.number,
      event: 'APPROVE',
    });
    const { data: reviews } = await octokit.rest.pulls.listReviews({
      owner,
      repo,
      pull_number: pr.number,
    });
    expect(reviews.map(r => [r.user?.login, r.state])).toEqual([
      ['alice', 'APPROVED'],
    ]);

    const { data: deployment } = await octokit.rest.repos.createDeployment({
      owner,
      repo,
      ref: 'env/qa',
      environment: 'qa',
      required_contexts: [],
    });
    if (!('id' in deployment)) throw new Error('expected a deployment');
    expect(deployment).toMatchObject({
      sha: head,
      environment: 'qa',
      production_environment: false,
    });
    await octokit.rest.repos.createDeploymentStatus({
      owner,
      repo,
      deployment_id: deployment.id,
      state: 'success',
    });
    const { data: statuses } = await octokit.rest.repos.listDeploymentStatuses({
      owner,
      repo,
      deployment_id: deployment.id,
    });
    expect(statuses.map(s => s.state)).toEqual(['success']);
    expect(
      (
        await octokit.rest.repos.listDeployments({
          owner,
          repo,
          environment: 'qa',
        })
      ).data,
    ).toHaveLength(1);
    expect(fake.state(owner, repo).environments.map(e => e.name)).toEqual([
      'qa',
    ]);
  });

  it("accepts a push from Backstage's initRepoAndPush (isomorphic-git) to a new repository", async () => {
    const { data: created } = await octokit.rest.repos.createInOrg({
      org: owner,
      name: 'orders',
      private: true,
    });
    const dir = await mkdtemp(join(tmpdir(), 'fake-github-push-'));
    try {
      await writeFile(join(dir, 'catalog-info.yaml'), 'kind: Component\n');
      const { commitHash } = await initRepoAndPush({
        dir,
        remoteUrl: created.clone_url,
        auth: { username: 'x-access-token', password: TOKEN },
        logger: mockServices.logger.mock(),
        defaultBranch: 'main',
        commitMessage: 'Initial commit',
        gitAuthorInfo: { name: 'Portal', email: 'portal@example.com' },
      });
      expect(await fake.branches(owner, 'orders')).toEqual({
        main: commitHash,
      });
      expect(
        await fake.readFile(owner, 'orders', 'main', 'catalog-info.yaml'),
      ).toBe('kind: Component\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
