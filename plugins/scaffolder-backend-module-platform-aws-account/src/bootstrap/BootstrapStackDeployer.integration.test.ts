import {
  CloudFormationClient,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { ConfigReader } from '@backstage/config';
import { readFileSync } from 'node:fs';
import { TEMPLATE_FILE } from './__testUtils__/repositoryTemplate';
import { recordingLogger } from './__testUtils__/fakeCloudFormation';
import {
  MOTO_ACCOUNT_ID,
  MotoServer,
  startMotoServer,
} from '@platform-portal/test-utils';
import {
  DefaultAwsCredentialsFactory,
  readBootstrapConfig,
} from '@platform-portal/platform-node';
import { BootstrapStackDeployer } from './BootstrapStackDeployer';
import { cloudFormationClients } from './cloudFormationClient';
import {
  bootstrapParameters,
  BootstrapParameterInput,
} from './stackParameters';

/*
 * The deployer through the real SDK against moto_server: create, no-op rerun, update, dry run.
 * moto cannot make a resource fail, so failure and rollback are covered by the unit tests.
 */

jest.setTimeout(120_000);

const templateBody = readFileSync(TEMPLATE_FILE, 'utf8');
const sharedAccount: BootstrapParameterInput = {
  accountRole: 'shared',
  repository: { org: 'acme', repo: 'infrastructure' },
  applyEnvironments: ['shared-account'],
  workloadAccountIds: ['000000000003'],
  portalPrincipalArn: `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/platform-portal`,
  externalId: 'portal-external-id-1234',
  stateBucketName: `tfstate-${MOTO_ACCOUNT_ID}-eu-west-1`,
};

describe('BootstrapStackDeployer against moto_server', () => {
  let moto: MotoServer;
  let client: CloudFormationClient;
  const logger = recordingLogger();
  let deployer: BootstrapStackDeployer;
  const request = (input: BootstrapParameterInput) => ({
    stackName: 'platform-bootstrap',
    templateBody,
    parameters: bootstrapParameters(input),
  });

  beforeAll(async () => {
    moto = await startMotoServer();
    const config = new ConfigReader({
      aws: {
        accounts: [
          {
            accountId: MOTO_ACCOUNT_ID,
            accessKeyId: 'test',
            secretAccessKey: 'test',
          },
        ],
      },
      platform: {
        bootstrap: {
          endpoints: { cloudformation: moto.endpoint },
          pollIntervalMs: 50,
        },
      },
    });
    const settings = readBootstrapConfig(config);
    client = await cloudFormationClients(
      DefaultAwsCredentialsFactory.forConfig(config),
      settings,
    )(MOTO_ACCOUNT_ID, 'eu-west-1');
    deployer = new BootstrapStackDeployer(client, {
      logger,
      pollIntervalMs: settings.pollIntervalMs,
      timeoutMs: 60_000,
    });
  });
  afterAll(async () => {
    client?.destroy();
    await moto?.stop();
  });

  it('creates the stack of the shared account with the role ARNs and the state bucket as outputs', async () => {
    const result = await deployer.deploy(request(sharedAccount));
    expect(result).toMatchObject({
      status: 'CREATE_COMPLETE',
      changed: true,
      operation: 'create',
    });
    expect(result.stackId).toMatch(
      new RegExp(
        `^arn:aws:cloudformation:eu-west-1:${MOTO_ACCOUNT_ID}:stack/platform-bootstrap/`,
      ),
    );
    expect(result.outputs).toMatchObject({
      PortalReadOnlyRoleArn: `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/platform-portal-read`,
      PlanRoleArn: `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/terraform-plan`,
      ApplyRoleArn: `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/terraform-apply`,
      PermissionsBoundaryArn: `arn:aws:iam::${MOTO_ACCOUNT_ID}:policy/platform-bootstrap/platform-workload-boundary`,
      StateBucketName: `tfstate-${MOTO_ACCOUNT_ID}-eu-west-1`,
      StateBucketKmsKeyArn: expect.stringMatching(
        /^arn:aws:kms:eu-west-1:123456789012:key\//,
      ),
    });
    expect(
      logger.lines.filter(l =>
        /Z platform-bootstrap AWS::CloudFormation::Stack CREATE_COMPLETE$/.test(
          l,
        ),
      ),
    ).toHaveLength(1);
  });

  it('leaves an unchanged stack alone on a second run', async () => {
    const result = await deployer.deploy(request(sharedAccount));
    expect(result).toMatchObject({
      status: 'CREATE_COMPLETE',
      changed: false,
      operation: 'none',
    });
  });

  it('shows an update as a change set on a dry run without touching the stack', async () => {
    const preview = await deployer.preview(
      request({
        ...sharedAccount,
        repository: { org: 'acme', repo: 'platform-infra' },
      }),
    );
    expect(preview.changeSetType).toBe('UPDATE');
    const { Stacks } = await client.send(
      new DescribeStacksCommand({ StackName: 'platform-bootstrap' }),
    );
    expect(Stacks?.[0].StackStatus).toBe('CREATE_COMPLETE');
  });

  it('updates the stack when a parameter changes', async () => {
    const result = await deployer.deploy(
      request({
        ...sharedAccount,
        repository: { org: 'acme', repo: 'platform-infra' },
      }),
    );
    expect(result).toMatchObject({
      status: 'UPDATE_COMPLETE',
      changed: true,
      operation: 'update',
    });
    const { Stacks } = await client.send(
      new DescribeStacksCommand({ StackName: 'platform-bootstrap' }),
    );
    expect(Stacks?.[0].Parameters).toContainEqual({
      ParameterKey: 'GitHubRepo',
      ParameterValue: 'platform-infra',
    });
    expect(result.outputs.ApplyRoleArn).toBe(
      `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/terraform-apply`,
    );
  });
});
