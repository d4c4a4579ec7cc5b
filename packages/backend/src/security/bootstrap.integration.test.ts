import { MotoServer, startMotoServer } from '@platform-portal/test-utils';
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BackendProcess,
  REPO_ROOT,
  startBackendProcess,
} from '../__testUtils__/backendProcess';
import { motoQuery, xmlValues } from '../__testUtils__/motoQuery';
import {
  backendApi,
  guestTokenWithGroup,
  runTemplateTask,
  waitForEntities,
} from '../__testUtils__/scaffolderClient';

/*
 * Attacks on the account bootstrap (issue #12), each against the real backend and moto_server:
 * - a guest and an app-team member run it: refused in one line, nothing created in AWS or git;
 * - an aws-account entity annotated `account-role: shared` (a user's own account id) sits in the
 *   catalog: it can neither become the state account nor change whom a workload account trusts;
 * - a template fetches a modified CloudFormation body into the workspace: the stack is made from
 *   the template bundled with the portal all the same (checked with GetTemplate), and passing the
 *   body's path is refused.
 * Accounts are separate moto accounts reached through STS (platform.bootstrap.roleName), as in
 * production.
 */

jest.setTimeout(900_000);

const REGION = 'eu-west-1';
const STATE_ACCOUNT = '123456789012'; // moto's default account: shared-account
const DEV_ACCOUNT = '111111111111';
const ROGUE_ACCOUNT = '210987654321';
const BUNDLED = readFileSync(
  join(
    REPO_ROOT,
    'plugins/scaffolder-backend-module-platform-aws-account/cloudformation/platform-bootstrap.yaml',
  ),
  'utf8',
);
const REFUSAL_NO_STACK_TRACE = /\n\s+at /;

const ROGUE_ENTITY = `apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: rogue-shared
  annotations:
    aws.amazon.com/account-id: '${ROGUE_ACCOUNT}'
    aws.amazon.com/region: ${REGION}
    platform-portal.io/account-role: shared
spec:
  type: aws-account
  owner: group:default/team-orders
`;

/** Fetches `./cloudformation` (a modified body) into the workspace, then bootstraps. */
const hostileTemplate = (name: string, input: Record<string, string>) => `
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: ${name}
spec:
  owner: group:default/platform-team
  type: account
  parameters:
    - properties:
        account: { type: string }
  steps:
    - id: cloudformation
      action: fetch:plain
      input: { url: ./cloudformation, targetPath: cloudformation }
    - id: bootstrap
      action: platform:aws:bootstrap-account
      input: ${JSON.stringify({
        account: '${{ parameters.account }}',
        ...input,
      })}
`;
const BACKDOOR = `${BUNDLED}
  Backdoor:
    Type: AWS::IAM::User
    Properties:
      UserName: backdoor
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
`;

describe('account bootstrap attacks on the real backend against moto_server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-bootstrap-attacks-'));
  const repo = join(dataDir, 'git', 'infrastructure.git');
  const catalogDir = join(dataDir, 'catalog');
  let moto: MotoServer;
  let backend: BackendProcess | undefined;
  let token = '';
  const api = backendApi(
    () => backend!.baseUrl,
    () => token,
  );
  const gitRefs = () => {
    try {
      return execFileSync('git', ['--git-dir', repo, 'for-each-ref'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    } catch {
      return '';
    }
  };
  const stacksIn = async (accountId: string) =>
    xmlValues(
      await (
        await motoQuery(moto.endpoint, REGION, accountId)
      )('cloudformation', 'DescribeStacks'),
      'StackName',
    );

  async function startAs(user: string, group: string) {
    backend = await startBackendProcess({
      configFiles: ['app-config.yaml'],
      env: {
        PORTAL_DATA_DIR: mkdtempSync(join(dataDir, 'backend-')),
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_ENDPOINT_URL_STS: moto.endpoint,
      },
      overrides: {
        auth: { providers: { guest: { userEntityRef: user } } },
        catalog: {
          locations: [
            join(REPO_ROOT, 'catalog/all.yaml'),
            join(catalogDir, 'rogue-shared.yaml'),
            join(catalogDir, 'hostile-bootstrap/template.yaml'),
            join(catalogDir, 'hostile-bootstrap-path/template.yaml'),
          ].map(target => ({ type: 'file', target })),
        },
        aws: {
          mainAccount: { accessKeyId: 'test', secretAccessKey: 'test' },
        },
        platform: {
          iac: { localRepositoryDir: repo },
          awsAccounts: {
            'shared-account': { accountId: STATE_ACCOUNT, region: REGION },
            'dev-account': { accountId: DEV_ACCOUNT, region: REGION },
          },
          bootstrap: {
            portalPrincipalArn: `arn:aws:iam::${STATE_ACCOUNT}:role/platform-portal`,
            externalId: 'portal-external-id-1234',
            githubRepository: 'acme/infrastructure',
            roleName: 'OrganizationAccountAccessRole',
            workloadAccounts: ['dev-account'],
            endpoints: { cloudformation: moto.endpoint },
            pollIntervalMs: 200,
            maxAttempts: 3,
          },
        },
      },
    });
    token = await guestTokenWithGroup(backend.baseUrl, group);
    await waitForEntities(api, [
      'template/default/aws-account-bootstrap',
      'template/default/hostile-bootstrap',
      'template/default/hostile-bootstrap-path',
      'resource/default/rogue-shared',
      'resource/default/dev-account',
    ]);
  }
  const stop = async () => {
    await backend?.stop();
    backend = undefined;
  };
  const bootstrap = (account: string) =>
    runTemplateTask(api, 'template:default/aws-account-bootstrap', {
      account: `resource:default/${account}`,
      confirm: true,
    });

  beforeAll(async () => {
    moto = await startMotoServer();
    mkdirSync(catalogDir, { recursive: true });
    writeFileSync(join(catalogDir, 'rogue-shared.yaml'), ROGUE_ENTITY);
    for (const [name, input] of [
      ['hostile-bootstrap', {}],
      [
        'hostile-bootstrap-path',
        { templatePath: 'cloudformation/platform-bootstrap.yaml' },
      ],
    ] as const) {
      mkdirSync(join(catalogDir, name, 'cloudformation'), { recursive: true });
      writeFileSync(
        join(catalogDir, name, 'template.yaml'),
        hostileTemplate(name, input),
      );
      writeFileSync(
        join(catalogDir, name, 'cloudformation/platform-bootstrap.yaml'),
        BACKDOOR,
      );
    }
  });

  afterAll(async () => {
    await stop();
    await moto?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe.each([
    ['the guest', 'user:default/guest'],
    ['an app-team member', 'user:default/chioma'],
  ])('as %s (team-orders)', (_who, user) => {
    beforeAll(() => startAs(user, 'group:default/team-orders'));
    afterAll(stop);

    it('is refused in one line naming the permission; no stack, no commit', async () => {
      for (const account of ['shared-account', 'dev-account']) {
        const { task, log } = await bootstrap(account);
        expect(task.status).toBe('failed');
        expect(log).toContain(
          'NotAllowedError: platform.account.bootstrap: bootstrapping an AWS account requires membership in group:default/platform-team',
        );
        expect(log).not.toMatch(REFUSAL_NO_STACK_TRACE);
      }
      expect(await stacksIn(STATE_ACCOUNT)).toEqual([]);
      expect(await stacksIn(DEV_ACCOUNT)).toEqual([]);
      expect(gitRefs()).toBe('');
    });
  });

  describe('as alice (platform-team)', () => {
    beforeAll(() =>
      startAs('user:default/alice', 'group:default/platform-team'),
    );
    afterAll(stop);

    it('does not let an entity annotated account-role: shared become the state account', async () => {
      const rogue = await api(
        '/api/catalog/entities/by-name/resource/default/rogue-shared',
      );
      expect(
        rogue.metadata.annotations['platform-portal.io/account-role'],
      ).toBe('shared');
      const { task, log } = await bootstrap('rogue-shared');
      expect(task.status).toBe('failed');
      expect(log).toContain(
        `InputError: account: resource:default/rogue-shared has platform-portal.io/account-role 'shared', but only platform.iac.stateAccount ('shared-account', ${STATE_ACCOUNT}) holds Terraform state`,
      );
      expect(log).not.toMatch(REFUSAL_NO_STACK_TRACE);
      expect(await stacksIn(STATE_ACCOUNT)).toEqual([]);
      expect(gitRefs()).toBe('');
    });

    it('makes a workload account trust the configured state account, whatever the catalog claims', async () => {
      const { task, log } = await bootstrap('dev-account');
      expect({
        status: task.status,
        log: task.status === 'completed' ? '' : log,
      }).toEqual({
        status: 'completed',
        log: '',
      });
      const dev = await motoQuery(moto.endpoint, REGION, DEV_ACCOUNT);
      const stack = await dev('cloudformation', 'DescribeStacks', {
        StackName: 'platform-bootstrap',
      });
      const parameters = Object.fromEntries(
        [
          ...stack.matchAll(
            /<ParameterKey>([^<]*)<\/ParameterKey>\s*<ParameterValue>([^<]*)<\/ParameterValue>/g,
          ),
        ].map(m => [m[1], m[2]]),
      );
      expect(parameters).toMatchObject({
        AccountRole: 'workload',
        StateAccountId: STATE_ACCOUNT,
        ApplyEnvironmentSubjects:
          'repo:acme/infrastructure:environment:dev-account',
      });
      const trust = decodeURIComponent(
        xmlValues(
          await dev('iam', 'GetRole', { RoleName: 'terraform-apply' }),
          'AssumeRolePolicyDocument',
        )[0],
      );
      // moto leaves an empty parameter out: a workload account may assume no other account's role.
      expect(parameters.WorkloadAccountIds ?? '').toBe('');
      expect(trust).toContain(
        `arn:aws:iam::${STATE_ACCOUNT}:role/terraform-apply`,
      );
      expect(trust).not.toContain(ROGUE_ACCOUNT);
    });

    it('refuses a template that hands the action a workspace path for the body', async () => {
      const { task, log } = await runTemplateTask(
        api,
        'template:default/hostile-bootstrap-path',
        { account: 'resource:default/shared-account' },
      );
      expect(task.status).toBe('failed');
      expect(log).toMatch(/templatePath/);
      expect(await stacksIn(STATE_ACCOUNT)).toEqual([]);
    });

    it('deploys the bundled template, not the modified body a template put in the workspace', async () => {
      const { task, log } = await runTemplateTask(
        api,
        'template:default/hostile-bootstrap',
        { account: 'resource:default/shared-account' },
      );
      expect({
        status: task.status,
        log: task.status === 'completed' ? '' : log,
      }).toEqual({
        status: 'completed',
        log: '',
      });
      const state = await motoQuery(moto.endpoint, REGION);
      const [body] = xmlValues(
        await state('cloudformation', 'GetTemplate', {
          StackName: 'platform-bootstrap',
        }),
        'TemplateBody',
      );
      expect(body).toBe(BUNDLED);
      expect(body).not.toContain('Backdoor');
      const users = await state('iam', 'ListUsers');
      expect(xmlValues(users, 'UserName')).not.toContain('backdoor');
      expect(log).toMatch(
        /Template: the bundled platform-bootstrap\.yaml, sha256 [0-9a-f]{64}/,
      );
    });
  });
});
