import {
  CloudFormationClient,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { ConfigReader } from '@backstage/config';
import { Readable } from 'node:stream';
import {
  DefaultAwsCredentialsFactory,
  readBootstrapConfig,
} from '@platform-portal/platform-node';
import {
  cloudFormationClientConfig,
  cloudFormationClients,
} from './cloudFormationClient';

const THROTTLED = `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
  <Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>
  <RequestId>throttled</RequestId>
</ErrorResponse>`;
const STACKS = `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
  <DescribeStacksResult><Stacks><member>
    <StackName>platform-bootstrap</StackName>
    <StackId>arn:aws:cloudformation:eu-west-1:000000000003:stack/platform-bootstrap/1</StackId>
    <StackStatus>CREATE_COMPLETE</StackStatus>
    <CreationTime>2026-11-24T12:00:00Z</CreationTime>
  </member></Stacks></DescribeStacksResult>
  <ResponseMetadata><RequestId>ok</RequestId></ResponseMetadata>
</DescribeStacksResponse>`;

/** An HTTP handler that answers from a script, so the SDK's real retry strategy runs. */
function scriptedHttp(answers: Array<{ status: number; body: string }>) {
  const calls: number[] = [];
  return {
    calls,
    handler: {
      async handle() {
        const answer = answers[Math.min(calls.length, answers.length - 1)];
        calls.push(answer.status);
        return {
          response: {
            statusCode: answer.status,
            reason: '',
            headers: { 'content-type': 'text/xml' },
            body: Readable.from([Buffer.from(answer.body)]),
          },
        };
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
    },
  };
}

function clientWith(
  http: ReturnType<typeof scriptedHttp>,
  bootstrap: Record<string, string | number>,
) {
  const settings = readBootstrapConfig(
    new ConfigReader({ platform: { bootstrap } }),
  );
  return new CloudFormationClient({
    ...cloudFormationClientConfig(settings, 'eu-west-1', {
      accessKeyId: 'test',
      secretAccessKey: 'test',
    }),
    requestHandler: http.handler as any,
  });
}

describe('CloudFormation client settings', () => {
  it('retries throttling with the configured strategy until a call succeeds', async () => {
    const http = scriptedHttp([
      { status: 400, body: THROTTLED },
      { status: 400, body: THROTTLED },
      { status: 200, body: STACKS },
    ]);
    const client = clientWith(http, { maxAttempts: 3, retryMode: 'standard' });
    const result = await client.send(
      new DescribeStacksCommand({ StackName: 'platform-bootstrap' }),
    );
    expect(result.Stacks?.[0].StackStatus).toBe('CREATE_COMPLETE');
    expect(result.$metadata.attempts).toBe(3);
    expect(http.calls).toEqual([400, 400, 200]);
  });

  it('gives up with the Throttling error once maxAttempts are spent', async () => {
    const http = scriptedHttp([{ status: 400, body: THROTTLED }]);
    const client = clientWith(http, { maxAttempts: 2, retryMode: 'standard' });
    const failure = client.send(
      new DescribeStacksCommand({ StackName: 'platform-bootstrap' }),
    );
    await expect(failure).rejects.toMatchObject({
      name: 'Throttling',
      message: 'Rate exceeded',
      $metadata: { attempts: 2 },
    });
    expect(http.calls).toHaveLength(2);
  });

  it('uses the endpoint override and adaptive retries by default', () => {
    const settings = readBootstrapConfig(
      new ConfigReader({
        platform: {
          bootstrap: { endpoints: { cloudformation: 'http://127.0.0.1:5000' } },
        },
      }),
    );
    expect(
      cloudFormationClientConfig(settings, 'eu-west-1', {
        accessKeyId: 'a',
        secretAccessKey: 'b',
      }),
    ).toMatchObject({
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:5000',
      maxAttempts: 5,
      retryMode: 'adaptive',
    });
  });

  it('takes static keys of the target account from aws.accounts', async () => {
    const config = new ConfigReader({
      aws: {
        accounts: [
          {
            accountId: '000000000003',
            accessKeyId: 'AKIDDEV',
            secretAccessKey: 'dev-secret',
          },
        ],
      },
    });
    const client = await cloudFormationClients(
      DefaultAwsCredentialsFactory.forConfig(config),
      readBootstrapConfig(config),
    )('000000000003', 'eu-west-1');
    expect(await client.config.credentials()).toMatchObject({
      accessKeyId: 'AKIDDEV',
    });
    expect(await client.config.region()).toBe('eu-west-1');
  });
});
