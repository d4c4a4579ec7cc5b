import { MotoServer, startMotoServer } from '@platform-portal/test-utils';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BackendProcess,
  eventually,
  REPO_ROOT,
  startBackendProcess,
} from './__testUtils__/backendProcess';
import {
  backendApi,
  dryRunTemplate,
  runTemplateTask,
} from './__testUtils__/scaffolderClient';

/*
 * Issue #7 acceptance, end to end: the real backend runs the real aws-account-bootstrap template
 * against moto_server. The guest (not in platform-team) is refused and nothing is created; alice
 * (platform-team) creates the stack, a second run changes nothing, the role ARNs land on the
 * account entity through the local infrastructure repository, and the insights API reports the
 * stack as complete for the account.
 */

jest.setTimeout(600_000);

// moto's default account; the shared-account entity is mapped onto it through config.
const ACCOUNT_ID = '123456789012';
const REGION = 'eu-west-1';
const SHARED = 'resource:default/shared-account';
const INSIGHTS_SERVICES = [
  'eks',
  'ec2',
  'pricing',
  'cloudwatch',
  'rds',
  'wafv2',
  'cloudformation',
];

const TEMPLATE_DIR = join(REPO_ROOT, 'templates/aws-account-bootstrap');

/** DescribeStacks straight from moto (query protocol; moto ignores signatures). */
async function describeStack(
  endpoint: string,
): Promise<{ status?: string; outputs: Record<string, string> }> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/${REGION}/cloudformation/aws4_request, SignedHeaders=host, Signature=x`,
    },
    body: 'Action=DescribeStacks&Version=2010-05-15&StackName=platform-bootstrap',
  });
  const xml = await res.text();
  const outputs: Record<string, string> = {};
  for (const m of xml.matchAll(
    /<OutputKey>([^<]+)<\/OutputKey>\s*<OutputValue>([^<]*)<\/OutputValue>/g,
  )) {
    outputs[m[1]] = m[2];
  }
  return {
    status: xml.match(/<StackStatus>([^<]+)<\/StackStatus>/)?.[1],
    outputs,
  };
}

describe('aws-account-bootstrap template on the real backend against moto_server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-bootstrap-'));
  // The infrastructure repository is shared by both backends. Each backend gets its own data
  // dir (SQLite) so a global task lock left by the first one (stopped mid-refresh) cannot hold
  // up the second one's insights refresh.
  const repo = join(dataDir, 'git', 'infrastructure.git');
  const git = (...args: string[]) =>
    execFileSync('git', ['--git-dir', repo, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  let moto: MotoServer;
  let backend: BackendProcess | undefined;
  let token = '';

  const api = backendApi(
    () => backend!.baseUrl,
    () => token,
  );

  /** Starts the backend signed in as `user`, and waits for the template and the user's groups. */
  async function startAs(user: string, expectedGroup?: string) {
    backend = await startBackendProcess({
      configFiles: ['app-config.yaml'],
      env: {
        PORTAL_DATA_DIR: mkdtempSync(join(dataDir, 'backend-')),
        AWS_EC2_METADATA_DISABLED: 'true',
      },
      overrides: {
        auth: { providers: { guest: { userEntityRef: user } } },
        aws: {
          accounts: [
            {
              accountId: ACCOUNT_ID,
              accessKeyId: 'test',
              secretAccessKey: 'test',
            },
          ],
        },
        platform: {
          iac: { localRepositoryDir: repo },
          awsAccounts: {
            'shared-account': { accountId: ACCOUNT_ID, region: REGION },
          },
          bootstrap: {
            portalPrincipalArn: `arn:aws:iam::${ACCOUNT_ID}:role/platform-portal`,
            externalId: 'portal-external-id-1234',
            githubRepository: 'acme/infrastructure',
            endpoints: { cloudformation: moto.endpoint },
            pollIntervalMs: 200,
            maxAttempts: 3,
          },
        },
        awsInsights: {
          accounts: [
            {
              accountId: ACCOUNT_ID,
              name: 'shared-account',
              regions: [REGION],
            },
          ],
          endpoints: Object.fromEntries(
            INSIGHTS_SERVICES.map(s => [s, moto.endpoint]),
          ),
          refreshFrequency: { seconds: 5 },
          maxAttempts: 2,
          requestTimeoutMs: 5_000,
        },
      },
    });
    const signIn = async () => {
      const res = await fetch(
        `${backend!.baseUrl}/api/auth/guest/refresh?env=development`,
      );
      const { backstageIdentity } = await res.json();
      return {
        token: backstageIdentity.token as string,
        groups: (backstageIdentity.identity?.ownershipEntityRefs ??
          []) as string[],
      };
    };
    // Sign-in reads the user's groups from the catalog, which fills in right after start-up.
    const identity = await eventually(
      signIn,
      i => !expectedGroup || i.groups.includes(expectedGroup),
      90_000,
    );
    if (expectedGroup) expect(identity.groups).toContain(expectedGroup);
    token = identity.token;
    await eventually(
      () =>
        api(
          '/api/catalog/entities/by-name/template/default/aws-account-bootstrap',
        ).catch(() => undefined),
      t => !!t,
      90_000,
    );
  }

  const runTask = (values: Record<string, unknown>) =>
    runTemplateTask(api, 'template:default/aws-account-bootstrap', values);

  beforeAll(async () => {
    moto = await startMotoServer();
  });

  afterAll(async () => {
    await backend?.stop();
    await moto?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('as the guest (not in platform-team)', () => {
    beforeAll(() => startAs('user:default/guest'));
    afterAll(async () => {
      await backend?.stop();
      backend = undefined;
    });

    it('refuses the run naming the permission, and creates nothing', async () => {
      const { task, log } = await runTask({ account: SHARED, confirm: true });
      expect(task.status).toBe('failed');
      expect(log).toMatch(
        /platform\.account\.bootstrap: bootstrapping an AWS account requires membership in group:default\/platform-team/,
      );
      expect((await describeStack(moto.endpoint)).status).toBeUndefined();
      expect(() =>
        git('cat-file', '-e', 'main:accounts/shared-account.json'),
      ).toThrow();
    });
  });

  describe('as alice (platform-team)', () => {
    beforeAll(() =>
      startAs('user:default/alice', 'group:default/platform-team'),
    );

    it('creates the stack: CREATE_COMPLETE with the role ARNs and the state bucket as outputs', async () => {
      const { task, log } = await runTask({ account: SHARED, confirm: true });
      expect({
        status: task.status,
        log: task.status === 'completed' ? '' : log,
      }).toEqual({ status: 'completed', log: '' });
      expect(log).toMatch(
        /Stack platform-bootstrap does not exist: creating it/,
      );
      expect(log).toMatch(
        /platform-bootstrap AWS::CloudFormation::Stack CREATE_COMPLETE/,
      );
      const stack = await describeStack(moto.endpoint);
      expect(stack).toEqual({
        status: 'CREATE_COMPLETE',
        outputs: expect.objectContaining({
          PlanRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/terraform-plan`,
          ApplyRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/terraform-apply`,
          PermissionsBoundaryArn: `arn:aws:iam::${ACCOUNT_ID}:policy/platform-bootstrap/platform-workload-boundary`,
          PortalReadOnlyRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/platform-portal-read`,
          StateBucketName: `tfstate-${ACCOUNT_ID}-${REGION}`,
        }),
      });
    });

    it('records the ARNs in the infrastructure repository and on the account entity', async () => {
      const record = JSON.parse(
        git('show', 'main:accounts/shared-account.json'),
      );
      expect(record).toMatchObject({
        account: 'shared-account',
        accountId: ACCOUNT_ID,
        outputs: {
          ApplyRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/terraform-apply`,
        },
      });
      // Issue #13: the account baseline root and its module library, in the same commit.
      expect(
        git('show', `main:accounts/shared-account/${REGION}/main.tf`),
      ).toContain('source = "../../../modules/account-baseline"');
      expect(
        git('show', 'main:modules/account-baseline/services.tf'),
      ).toContain('resource "aws_guardduty_detector" "this"');
      const entity = await eventually(
        () =>
          api('/api/catalog/entities/by-name/resource/default/shared-account'),
        e => !!e.metadata.annotations['platform-portal.io/apply-role-arn'],
        120_000,
      );
      expect(entity.metadata.annotations).toMatchObject({
        'aws.amazon.com/account-id': ACCOUNT_ID,
        'platform-portal.io/plan-role-arn': `arn:aws:iam::${ACCOUNT_ID}:role/terraform-plan`,
        'platform-portal.io/apply-role-arn': `arn:aws:iam::${ACCOUNT_ID}:role/terraform-apply`,
        'platform-portal.io/permissions-boundary-arn': `arn:aws:iam::${ACCOUNT_ID}:policy/platform-bootstrap/platform-workload-boundary`,
        'platform-portal.io/portal-read-role-arn': `arn:aws:iam::${ACCOUNT_ID}:role/platform-portal-read`,
        'platform-portal.io/state-bucket': `tfstate-${ACCOUNT_ID}-${REGION}`,
        'platform-portal.io/bootstrap-stack-id': record.stackId,
      });
    });

    it('is a no-op success the second time: no stack update, no new commit', async () => {
      const head = git('rev-parse', 'main');
      const { task, log } = await runTask({ account: SHARED, confirm: true });
      expect({
        status: task.status,
        log: task.status === 'completed' ? '' : log,
      }).toEqual({ status: 'completed', log: '' });
      expect(log).toMatch(
        /CREATE_COMPLETE with this template and these parameters: nothing to do/,
      );
      expect(log).toMatch(
        /accounts\/shared-account\.json on the base branch of .* is up to date: nothing to commit/,
      );
      expect((await describeStack(moto.endpoint)).status).toBe(
        'CREATE_COMPLETE',
      );
      expect(git('rev-parse', 'main')).toBe(head);
    });

    it('dry-runs the template: the change set is printed, stack and repository stay as they are', async () => {
      const head = git('rev-parse', 'main');
      const result = await dryRunTemplate(api, TEMPLATE_DIR, {
        account: SHARED,
        repository: 'acme/platform-infra',
        confirm: true,
      });
      const log = result.log.map((l: any) => l.body.message).join('\n');
      expect(log).toMatch(
        /Dry run: A real run would update stack platform-bootstrap/,
      );
      expect(result.steps.map((s: { id: string }) => s.id)).toEqual([
        'modules',
        'bootstrap',
        'record',
      ]);
      // The record step is skipped: a dry run has no stack outputs to record.
      expect(log).not.toMatch(/accounts\/shared-account\.json/);
      expect((await describeStack(moto.endpoint)).status).toBe(
        'CREATE_COMPLETE',
      );
      expect(git('rev-parse', 'main')).toBe(head);
    });

    it('shows the stack as complete for the account in the insights API', async () => {
      const stackOf = (fleet: any) =>
        fleet?.stacks?.find(
          (s: any) =>
            s.accountId === ACCOUNT_ID && s.name === 'platform-bootstrap',
        );
      const fleet = await eventually(
        () =>
          api(`/api/aws-insights/fleet?accountId=${ACCOUNT_ID}`).catch(e => ({
            error: String(e),
          })),
        f => !!stackOf(f),
        120_000,
      );
      // On failure, say what the API answered and what the insights backend logged.
      const diagnostics = stackOf(fleet)
        ? undefined
        : {
            fleet: fleet.error ?? fleet.stacks,
            insightsLog: backend!
              .output()
              .split('\n')
              .filter(l => /insights/i.test(l))
              .slice(-15),
          };
      expect(diagnostics).toBeUndefined();
      expect(fleet.sample).toBe(false);
      // The account filter is what the account page's card asks for.
      expect(fleet.stacks.every((s: any) => s.accountId === ACCOUNT_ID)).toBe(
        true,
      );
      expect(stackOf(fleet)).toMatchObject({
        status: 'CREATE_COMPLETE',
        region: REGION,
        outputs: {
          ApplyRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/terraform-apply`,
        },
      });
      expect(stackOf(fleet).events.length).toBeGreaterThan(0);
    });
  });
});
