/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectIssue"] }] */
import { EnvironmentRequestError, parseEnvironmentRequest } from './parse';
import { RESERVED_NAMES } from './rules';

const CERT =
  'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

/** A minimal valid dev request: everything optional left out. */
function devInput(): any {
  return {
    name: 'qa',
    tier: 'dev',
    account: { name: 'workloads-dev', accountId: '123456789012' },
    region: 'eu-west-1',
    owner: 'group:default/team-orders',
    ingress: { domain: 'qa.example.com' },
    state: {
      bucket: 'tfstate-210987654321-eu-west-1',
      region: 'eu-west-1',
      accountId: '210987654321',
    },
  };
}

function prodInput(): any {
  return { ...devInput(), name: 'orders-prod', tier: 'prod' };
}

/** Deep-sets `path` (dotted) on a copy of the input. */
function withField(input: any, path: string, value: unknown): any {
  const copy = structuredClone(input);
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) {
    target[key] = target[key] ?? {};
    target = target[key];
  }
  target[keys[keys.length - 1]] = value;
  return copy;
}

function issuesOf(input: unknown) {
  try {
    parseEnvironmentRequest(input);
  } catch (e) {
    expect(e).toBeInstanceOf(EnvironmentRequestError);
    return (e as EnvironmentRequestError).issues;
  }
  throw new Error('expected the request to be rejected');
}

function expectIssue(input: unknown, field: string, message: RegExp) {
  const issues = issuesOf(input);
  expect(issues).toContainEqual({
    field,
    message: expect.stringMatching(message),
  });
}

describe('parseEnvironmentRequest: valid requests', () => {
  it('parses a dev request and applies defaults', () => {
    expect(parseEnvironmentRequest(devInput())).toEqual({
      name: 'qa',
      tier: 'dev',
      account: { name: 'workloads-dev', accountId: '123456789012' },
      region: 'eu-west-1',
      owner: 'group:default/team-orders',
      network: { singleNatGateway: true },
      kubernetes: {
        version: '1.33',
        karpenter: {
          allowSpot: true,
          allowGraviton: true,
          instanceCategories: ['c', 'm', 'r'],
          minInstanceGeneration: 5,
          cpuLimit: 1000,
        },
      },
      database: {
        engine: 'rds-postgresql',
        instanceClass: 'db.t4g.medium',
        backupRetentionDays: 7,
        readReplicas: 0,
        multiAz: false,
      },
      waf: { rateLimitPer5Minutes: 2000 },
      ingress: { domain: 'qa.example.com' },
      state: devInput().state,
    });
  });

  it('parses a prod request with prod defaults', () => {
    const request = parseEnvironmentRequest(prodInput());
    expect(request.database).toEqual({
      engine: 'aurora-postgresql',
      instanceClass: 'db.r6g.large',
      backupRetentionDays: 14,
      readReplicas: 1,
      multiAz: true,
    });
    expect(request.network.singleNatGateway).toBe(false);
  });

  it('keeps every value the user gave', () => {
    const input = {
      ...prodInput(),
      network: { cidr: '10.42.0.0/16', singleNatGateway: false },
      kubernetes: {
        version: '1.31',
        karpenter: {
          allowSpot: false,
          allowGraviton: false,
          instanceCategories: ['m', 'i'],
          minInstanceGeneration: 6,
          cpuLimit: 64,
        },
      },
      database: {
        engine: 'aurora-postgresql',
        instanceClass: 'db.r7g.2xlarge',
        backupRetentionDays: 30,
        readReplicas: 2,
        multiAz: true,
      },
      waf: { rateLimitPer5Minutes: 500 },
      ingress: { domain: 'orders.example.com', certificateArn: CERT },
    };
    const request = parseEnvironmentRequest(input);
    expect(request.network).toEqual(input.network);
    expect(request.kubernetes).toEqual(input.kubernetes);
    expect(request.database).toEqual(input.database);
    expect(request.waf).toEqual(input.waf);
    expect(request.ingress).toEqual(input.ingress);
  });

  it('does not let tier defaults override user values outside prod', () => {
    const request = parseEnvironmentRequest(
      withField(devInput(), 'database', {
        multiAz: true,
        backupRetentionDays: 21,
        readReplicas: 2,
      }),
    );
    expect(request.database).toMatchObject({
      multiAz: true,
      backupRetentionDays: 21,
      readReplicas: 2,
    });
    expect(
      parseEnvironmentRequest(
        withField(devInput(), 'network.singleNatGateway', false),
      ).network,
    ).toEqual({ singleNatGateway: false });
  });

  it('defaults the instance class of serverless to db.serverless', () => {
    const request = parseEnvironmentRequest(
      withField(devInput(), 'database.engine', 'aurora-serverless-v2'),
    );
    expect(request.database.instanceClass).toBe('db.serverless');
  });

  it('normalises a short owner ref and accepts other namespaces', () => {
    expect(
      parseEnvironmentRequest(withField(devInput(), 'owner', 'group:team-a'))
        .owner,
    ).toBe('group:default/team-a');
    expect(
      parseEnvironmentRequest(
        withField(devInput(), 'owner', 'group:ops/SRE_Team'),
      ).owner,
    ).toBe('group:ops/SRE_Team');
  });

  it('accepts undefined optional fields as the scaffolder action sends them', () => {
    const input = {
      ...devInput(),
      network: { cidr: undefined, singleNatGateway: false },
      kubernetes: { version: undefined, karpenter: {} },
      waf: { rateLimitPer5Minutes: undefined },
      ingress: { domain: 'qa.example.com', certificateArn: undefined },
    };
    const request = parseEnvironmentRequest(input);
    expect(request.kubernetes.version).toBe('1.33');
    expect(request.waf.rateLimitPer5Minutes).toBe(2000);
    expect('cidr' in request.network).toBe(false);
    expect('certificateArn' in request.ingress).toBe(false);
  });

  it('strips unknown keys', () => {
    expect(
      parseEnvironmentRequest({ ...devInput(), confirm: true }),
    ).not.toHaveProperty('confirm');
  });
});

describe('parseEnvironmentRequest: field rules', () => {
  it.each([
    ['name', 'Qa', /lowercase letter/],
    ['name', 'q', /lowercase letter/],
    ['name', '1qa', /lowercase letter/],
    ['name', 'a'.repeat(22), /1-20/],
    ['name', 'qa_1', /lowercase/],
    ['tier', 'production', /must be one of dev, staging, prod, other/],
    ['account.accountId', '12345678901', /12-digit/],
    ['account.accountId', '12345678901a', /12-digit/],
    ['account.name', '', /must not be empty/],
    ['account.name', 'x'.repeat(51), /at most 50/],
    ['region', 'eu-west', /AWS region code/],
    ['region', 'EU-WEST-1', /AWS region code/],
    ['region', 'mars-east-1', /AWS region code/],
    ['owner', 'user:default/alice', /group entity ref/],
    ['owner', 'team-orders', /group entity ref/],
    ['owner', 'group:', /group entity ref/],
    ['network.cidr', '10.0.0.1/16', /host bits set/],
    ['network.cidr', '10.0.0.0/33', /prefix length must be 0..32/],
    ['network.cidr', '10.0.0.0/24', /between \/16 and \/22/],
    ['network.cidr', '8.8.0.0/16', /private RFC 1918/],
    ['network.cidr', '10.300.0.0/16', /octet '300'/],
    ['kubernetes.version', '1.3', /must look like 1.33/],
    ['kubernetes.version', 'v1.33', /must look like 1.33/],
    ['kubernetes.version', '1.30', /supported EKS version, 1.31 to 1.34/],
    ['kubernetes.version', '1.35', /supported EKS version/],
    ['kubernetes.karpenter.instanceCategories', [], /at least one/],
    ['kubernetes.karpenter.instanceCategories', ['c', 'c'], /must not repeat/],
    [
      'kubernetes.karpenter.instanceCategories.1',
      ['c', 'g'],
      /must be one of c, m, r, t, i, x, z/,
    ],
    ['kubernetes.karpenter.minInstanceGeneration', 1, /between 2 and 9/],
    ['kubernetes.karpenter.minInstanceGeneration', 10, /between 2 and 9/],
    ['kubernetes.karpenter.minInstanceGeneration', 5.5, /whole number/],
    ['kubernetes.karpenter.cpuLimit', 4, /between 8 and 10000/],
    ['kubernetes.karpenter.cpuLimit', 10001, /between 8 and 10000/],
    ['kubernetes.karpenter.allowSpot', 'yes', /expected boolean/],
    ['database.engine', 'mysql', /must be one of aurora-postgresql/],
    ['database.instanceClass', 'r6g.large', /DB instance class/],
    ['database.instanceClass', 'db.r6g.huge', /DB instance class/],
    ['database.backupRetentionDays', 6, /between 7 and 30/],
    ['database.backupRetentionDays', 31, /between 7 and 30/],
    ['database.readReplicas', 6, /between 0 and 5/],
    ['database.readReplicas', -1, /between 0 and 5/],
    ['database.multiAz', 'true', /expected boolean/],
    ['waf.rateLimitPer5Minutes', 99, /between 100 and 2000000/],
    ['waf.rateLimitPer5Minutes', 2_000_001, /between 100 and 2000000/],
    ['ingress.domain', 'Qa.example.com', /lowercase DNS name/],
    ['ingress.domain', 'qa.example.com.', /trailing dot/],
    ['ingress.domain', 'localhost', /lowercase DNS name/],
    ['ingress.domain', '-qa.example.com', /lowercase DNS name/],
    [
      'ingress.certificateArn',
      'arn:aws:acm:eu-west-1:123:certificate/x',
      /ACM certificate ARN/,
    ],
    [
      'ingress.certificateArn',
      CERT.replace(':acm:', ':iam:'),
      /ACM certificate ARN/,
    ],
    ['state.bucket', 'ab', /S3 bucket name/],
    ['state.bucket', 'Tfstate', /S3 bucket name/],
    ['state.bucket', 'tf..state', /two adjacent periods/],
    ['state.bucket', '192.168.1.1', /IP address/],
    ['state.bucket', 'xn--state', /reserved prefix 'xn--'/],
    ['state.bucket', 'state-s3alias', /reserved suffix '-s3alias'/],
    ['state.region', 'nowhere', /AWS region code/],
    ['state.accountId', '1', /12-digit/],
  ])('%s = %j is rejected', (field, value, message) => {
    const path = field.replace(/\.\d+$/, '');
    expectIssue(withField(devInput(), path, value), field, message);
  });

  it.each(RESERVED_NAMES)('rejects the reserved name %s', name => {
    expectIssue(
      withField(devInput(), 'name', name),
      'name',
      /is a reserved name/,
    );
  });

  it('allows test as a name', () => {
    expect(
      parseEnvironmentRequest(withField(devInput(), 'name', 'test')).name,
    ).toBe('test');
  });

  it.each(['name', 'tier', 'account', 'region', 'owner', 'ingress', 'state'])(
    'requires %s',
    field => {
      const input = devInput();
      delete input[field];
      expectIssue(input, field, /is required/);
    },
  );

  it('rejects a non-object with a readable message', () => {
    expect(() => parseEnvironmentRequest('qa')).toThrow(
      /Invalid environment request:\n- \(request\): Invalid input: expected object/,
    );
  });

  it('lists every problem in the message', () => {
    const input = { ...devInput(), name: 'X', region: 'nowhere' };
    expect(() => parseEnvironmentRequest(input)).toThrow(
      'Invalid environment request:\n- name: must start with a lowercase letter followed by 1-20 lowercase letters, digits or hyphens\n- region: must be an AWS region code such as eu-west-1',
    );
    expect(issuesOf(input)).toHaveLength(2);
  });
});

describe('parseEnvironmentRequest: tier rules', () => {
  it.each([
    [
      'database.engine',
      'rds-postgresql',
      /prod requires aurora-postgresql, got rds-postgresql/,
    ],
    ['database.multiAz', false, /prod requires a Multi-AZ database/],
    [
      'database.backupRetentionDays',
      7,
      /prod requires at least 14 days of backups, got 7/,
    ],
    ['database.readReplicas', 0, /prod requires at least 1 read replica/],
    [
      'network.singleNatGateway',
      true,
      /^prod requires one NAT gateway per AZ$/,
    ],
  ])('prod rejects %s = %j', (field, value, message) => {
    expectIssue(withField(prodInput(), field, value), field, message);
  });

  it('formats the NAT error with its field', () => {
    expect(() =>
      parseEnvironmentRequest(
        withField(prodInput(), 'network.singleNatGateway', true),
      ),
    ).toThrow('network.singleNatGateway: prod requires one NAT gateway per AZ');
  });

  it('allows any engine and a single NAT gateway outside prod', () => {
    for (const tier of ['dev', 'staging', 'other']) {
      for (const engine of ['aurora-postgresql', 'rds-postgresql']) {
        const input = {
          ...devInput(),
          tier,
          database: { engine },
          network: { singleNatGateway: true },
        };
        expect(parseEnvironmentRequest(input).database.engine).toBe(engine);
      }
    }
  });

  it('requires db.serverless for aurora-serverless-v2 and only there', () => {
    expectIssue(
      withField(devInput(), 'database', {
        engine: 'aurora-serverless-v2',
        instanceClass: 'db.t4g.medium',
      }),
      'database.instanceClass',
      /aurora-serverless-v2 requires instanceClass db.serverless, got db.t4g.medium/,
    );
    expectIssue(
      withField(devInput(), 'database.instanceClass', 'db.serverless'),
      'database.instanceClass',
      /only valid with engine aurora-serverless-v2, not rds-postgresql/,
    );
  });

  it('rejects serverless in prod via the engine rule', () => {
    expectIssue(
      withField(prodInput(), 'database', { engine: 'aurora-serverless-v2' }),
      'database.engine',
      /prod requires aurora-postgresql/,
    );
  });

  it('requires the certificate to be in the environment region', () => {
    expectIssue(
      withField(
        devInput(),
        'ingress.certificateArn',
        CERT.replace('eu-west-1', 'us-east-1'),
      ),
      'ingress.certificateArn',
      /certificate is in us-east-1 but the environment is in eu-west-1/,
    );
  });
});
