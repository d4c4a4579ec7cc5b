import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { renderedTreeDigest, Tier } from '@platform-portal/platform-iac';
import {
  InfrastructureRepository,
  LocalInfrastructureRepository,
  readFiles,
} from '@platform-portal/platform-node';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  catalogWith,
  environment,
  guardFor,
  planTokens,
  repositoryWith,
  userCredentials,
} from '../__testUtils__/fixtures';
import { PlanClaims, PlanTokens } from '../guards/planToken';
import { createIacPublishAction } from './iacPublish';

const git = (repo: string, ...args: string[]) =>
  execFileSync('git', ['--git-dir', repo, ...args], {
    encoding: 'utf8',
  }).trim();

const DEV_ACCOUNT = { name: 'dev-account', accountId: '000000000003' };
const PROD_ACCOUNT = { name: 'prod-account', accountId: '000000000005' };

describe('platform:iac:publish (local git repository)', () => {
  const workspace = createMockDirectory();
  let dir: string;
  let repo: string;
  let events: { publish: jest.Mock };

  beforeEach(() => {
    workspace.setContent({
      'environments/qa/main.tf': 'module "vpc" {}\n',
      'environments/qa/catalog-info.yaml': 'kind: Resource\n',
      'modules/vpc/main.tf': '# vpc\n',
      'modules/eks/main.tf': '# eks\n',
      'stray.txt': 'not published',
    });
    dir = mkdtempSync(join(tmpdir(), 'portal-publish-'));
    repo = join(dir, 'infrastructure.git');
    events = { publish: jest.fn() };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A token as the plan would issue it over the workspace as it is now. */
  const plan = async (claims: Partial<PlanClaims> = {}, tokens = planTokens) =>
    tokens.sign({
      task: 'mock-task-id',
      environment: claims.environment ?? 'qa',
      tier: 'dev',
      account: DEV_ACCOUNT,
      digest: renderedTreeDigest(
        await readFiles(workspace.path),
        claims.environment ?? 'qa',
      ),
      ...claims,
    });

  const run = async (
    input: Record<string, unknown>,
    opts: {
      isDryRun?: boolean;
      member?: boolean;
      catalog?: ReturnType<typeof catalogWith>;
      repository?: InfrastructureRepository;
    } = {},
  ) => {
    const action = createIacPublishAction({
      repository: opts.repository ?? new LocalInfrastructureRepository(repo),
      guard: guardFor({
        member: opts.member ?? false,
        catalog: opts.catalog,
        repository: opts.repository,
      }),
      planTokens,
      events: events as any,
    });
    // The mock context drops isDryRun, so set it on the result.
    const ctx = {
      ...createMockActionContext({
        input: input as any,
        workspacePath: workspace.path,
      }),
      getInitiatorCredentials: async () => userCredentials(),
      isDryRun: opts.isDryRun ?? false,
    };
    await action.handler(ctx);
    return ctx;
  };
  const publish = async (
    input: Record<string, unknown> = {},
    opts: Parameters<typeof run>[1] = {},
  ) => run({ environment: 'qa', planToken: await plan(), ...input }, opts);

  it('commits the environment and the module library as one commit on env/<name>', async () => {
    const ctx = await publish({ description: 'Plan summary' });
    expect(git(repo, 'rev-list', '--count', 'main..env/qa')).toBe('1');
    expect(
      git(repo, 'ls-tree', '-r', '--name-only', 'env/qa').split('\n'),
    ).toEqual([
      'README.md',
      'environments/qa/catalog-info.yaml',
      'environments/qa/main.tf',
      'modules/eks/main.tf',
      'modules/vpc/main.tf',
    ]);
    expect(git(repo, 'log', '-1', '--format=%B', 'env/qa')).toMatch(
      /Add environment qa\n\nPlan summary/,
    );
    expect(ctx.output).toHaveBeenCalledWith('branch', 'env/qa');
    expect(ctx.output).toHaveBeenCalledWith(
      'commitSha',
      git(repo, 'rev-parse', 'env/qa'),
    );
    expect(events.publish).toHaveBeenCalledWith(
      expect.objectContaining({ topic: 'platform.infrastructure.published' }),
    );
  });

  it('does not overwrite module folders the base branch already has', async () => {
    await publish();
    git(
      repo,
      'update-ref',
      'refs/heads/main',
      git(repo, 'rev-parse', 'env/qa'),
    ); // merged
    workspace.setContent({
      'environments/staging/main.tf': 'x\n',
      'modules/vpc/main.tf': '# changed locally\n',
      'modules/waf/main.tf': '# new module\n',
    });
    await run({
      environment: 'staging',
      planToken: await plan({ environment: 'staging' }),
    });
    expect(git(repo, 'show', 'env/staging:modules/vpc/main.tf')).toBe('# vpc');
    expect(git(repo, 'show', 'env/staging:modules/waf/main.tf')).toBe(
      '# new module',
    );
  });

  it('refuses to touch an environment that exists on the base branch unless update is set', async () => {
    await publish();
    git(
      repo,
      'update-ref',
      'refs/heads/main',
      git(repo, 'rev-parse', 'env/qa'),
    );
    const before = git(repo, 'rev-parse', 'env/qa');
    await expect(publish()).rejects.toThrow(
      /environment: environments\/qa already exists on the base branch .*set update: true/,
    );
    expect(git(repo, 'rev-parse', 'env/qa')).toBe(before);
    await publish({ update: true });
    expect(git(repo, 'log', '-1', '--format=%s', 'env/qa')).toBe(
      'Update environment qa',
    );
  });

  it('writes nothing in a dry run, not even the repository', async () => {
    const ctx = await publish({}, { isDryRun: true });
    expect(ctx.output).toHaveBeenCalledWith('commitSha', 'dry-run');
    expect(existsSync(repo)).toBe(false);

    await publish();
    const head = git(repo, 'rev-parse', 'env/qa');
    await publish({ update: true }, { isDryRun: true });
    expect(git(repo, 'rev-parse', 'env/qa')).toBe(head);
  });

  it.each([
    [{ environment: '../etc' }, "environment: '../etc' must match"],
    [
      { environment: 'other' },
      "planToken: issued for environment 'qa', not 'other'",
    ],
    [
      { sourcePath: '../..' },
      "sourcePath '../..' must stay inside the task workspace",
    ],
  ])('rejects %j', async (input, message) => {
    await expect(publish(input)).rejects.toThrow(message);
  });

  describe('commits only what the plan of this task rendered', () => {
    /** Every refusal: one line for the task log, and nothing in the repository. */
    const refusalOf = async (promise: Promise<unknown>): Promise<string> => {
      const error = await promise.then(
        () => undefined,
        e => e,
      );
      expect(error?.stack).toBe(`${error?.name}: ${error?.message}`);
      expect(existsSync(repo)).toBe(false);
      return error.message;
    };

    it('refuses a template that skipped the plan (no token)', async () => {
      expect(await refusalOf(run({ environment: 'qa' }))).toBe(
        'planToken: missing; platform:iac:publish commits only what platform:environment:plan rendered in the same task (pass ${{ steps.<plan step>.output.planToken }})',
      );
    });

    it.each([
      ['a made-up token', 'v1.e30.AAAA'],
      ['a token signed with another key', 'other-key'],
    ])('refuses %s', async (_, token) => {
      const planToken =
        token === 'other-key'
          ? await plan({}, PlanTokens.withRandomKey())
          : token;
      expect(await refusalOf(run({ environment: 'qa', planToken }))).toBe(
        'planToken: not issued by platform:environment:plan on this backend (signature mismatch); run the plan again in the same task',
      );
    });

    it('refuses a token from another task', async () => {
      expect(
        await refusalOf(
          run({ environment: 'qa', planToken: await plan({ task: 'other' }) }),
        ),
      ).toBe(
        'planToken: issued in another task; publish only what the plan of this task rendered',
      );
    });

    it.each([
      ['Terraform added after the plan', 'environments/qa/backdoor.tf'],
      ['a changed file', 'environments/qa/main.tf'],
      ['a module added after the plan', 'modules/evil/main.tf'],
    ])('refuses %s', async (_, path) => {
      const planToken = await plan();
      workspace.addContent({ [path]: 'data "external" "x" {}\n' });
      expect(await refusalOf(run({ environment: 'qa', planToken }))).toBe(
        'planToken: environments/qa/ or modules/ in the workspace differ from what platform:environment:plan rendered in this task; only the planned files are published',
      );
    });

    it.each([['.github'], ['.github/workflows/'], ['../'], ['README.md']])(
      'refuses ifMissing %p',
      async entry => {
        expect(await refusalOf(publish({ ifMissing: [entry] }))).toBe(
          `ifMissing: '${entry}' is outside the module library; only 'modules/' or 'modules/<module>/' may be added besides environments/<name>/`,
        );
      },
    );

    it('never commits anything outside environments/<name>/ and modules/', async () => {
      workspace.addContent({
        '.github/workflows/apply.yaml': 'on: push\n',
        'environments/other/main.tf': 'x\n',
      });
      await publish();
      const files = git(repo, 'ls-tree', '-r', '--name-only', 'env/qa');
      expect(files).not.toMatch(/\.github|environments\/other|stray/);
    });

    it('refuses a source folder that links out of the workspace', async () => {
      const outside = mkdtempSync(join(tmpdir(), 'portal-outside-'));
      try {
        symlinkSync(outside, join(workspace.path, 'out'));
        expect(await refusalOf(publish({ sourcePath: 'out' }))).toBe(
          "sourcePath 'out' must stay inside the task workspace; it is a symbolic link out of it",
        );
      } finally {
        rmSync(outside, { recursive: true, force: true });
      }
    });
  });

  describe('authorizes again, for the initiating user', () => {
    it('refuses a prod-tier plan to a user without the prod permission', async () => {
      const planToken = await plan({ tier: 'prod', account: PROD_ACCOUNT });
      await expect(run({ environment: 'qa', planToken })).rejects.toThrow(
        'tier: creating a prod-tier environment requires membership in group:default/platform-team',
      );
      expect(existsSync(repo)).toBe(false);
      await run({ environment: 'qa', planToken }, { member: true });
      expect(git(repo, 'rev-list', '--count', 'main..env/qa')).toBe('1');
    });

    it('refuses a dev-tier plan for an environment that has become prod since', async () => {
      await expect(
        publish(
          { update: true },
          { catalog: catalogWith(environment('qa', '10.9.0.0/16', 'prod')) },
        ),
      ).rejects.toThrow(
        "tier: environment 'qa' is prod-tier (catalog resource:default/qa); changing it requires membership in group:default/platform-team",
      );
      expect(existsSync(repo)).toBe(false);
    });

    it.each<[Tier, typeof DEV_ACCOUNT, RegExp]>([
      ['dev', PROD_ACCOUNT, /is the production account prod-account/],
      [
        'prod',
        DEV_ACCOUNT,
        /a prod-tier environment goes into a production account/,
      ],
    ])('re-checks the account: %s in %j', async (tier, account, message) => {
      const planToken = await plan({ tier, account });
      await expect(
        run({ environment: 'qa', planToken }, { member: true }),
      ).rejects.toThrow(message);
      expect(existsSync(repo)).toBe(false);
    });
  });
});

describe('platform:iac:publish (GitHub)', () => {
  const workspace = createMockDirectory();

  it('outputs the pull request and the catalog-info.yaml URL on the branch', async () => {
    workspace.setContent({
      'environments/qa/catalog-info.yaml': 'kind: Resource\n',
    });
    const { repository, proposed } = repositoryWith({ kind: 'github' });
    const action = createIacPublishAction({
      repository,
      guard: guardFor({ member: false, repository }),
      planTokens,
    });
    const planToken = planTokens.sign({
      task: 'mock-task-id',
      environment: 'qa',
      tier: 'dev',
      account: DEV_ACCOUNT,
      digest: renderedTreeDigest(await readFiles(workspace.path), 'qa'),
    });
    const ctx = createMockActionContext({
      input: { environment: 'qa', planToken },
      workspacePath: workspace.path,
    });
    await action.handler(ctx);
    expect(proposed).toHaveLength(1);
    expect(proposed[0]).toMatchObject({
      branch: 'env/qa',
      replaceFolders: ['environments/qa'],
      pullRequest: { title: 'Add environment qa' },
    });
    expect(ctx.output).toHaveBeenCalledWith(
      'pullRequestUrl',
      'https://github.com/acme/infra/pull/1',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoUrl',
      'https://github.com/acme/infra/blob/env/qa/environments/qa/catalog-info.yaml',
    );
  });
});
