import { environmentEntity } from './__testUtils__/serviceFixtures';
import {
  describeEnvironment,
  environmentAccountId,
  environmentProblem,
  sortForDelivery,
} from './serviceEnvironments';
import { buildTemplateValues } from './templateValues';

describe('service environments', () => {
  it('derives the deployment settings the environment template creates', () => {
    expect(
      describeEnvironment(
        environmentEntity('qa', 'dev', {
          'platform-portal.io/vpc-cidr': '10.1.0.0/16',
          'platform-portal.io/domain': 'qa.example.com',
        }),
        'orders',
      ),
    ).toEqual({
      name: 'qa',
      entityRef: 'resource:default/qa',
      tier: 'dev',
      accountId: '000000000003',
      region: 'eu-west-1',
      ingressClass: 'alb',
      host: 'orders.qa.example.com',
      roleArn: 'arn:aws:iam::000000000003:role/qa-orders',
      databaseSecretKey: 'qa/orders/database',
      albSourceCidr: '10.1.0.0/16',
      autoDeploy: true,
    });
  });

  it('ignores unsafe annotation values and falls back to defaults', () => {
    const env = describeEnvironment(
      environmentEntity('prod', 'prod', {
        'platform-portal.io/domain': 'x.com; rm -rf /',
        'platform-portal.io/ingress-class': '${{ evil }}',
        'platform-portal.io/vpc-cidr': 'any',
      }),
      'orders',
    );
    expect(env).toMatchObject({
      host: 'orders.prod.example.com',
      ingressClass: 'alb',
      albSourceCidr: '10.0.0.0/8',
      autoDeploy: false,
    });
  });

  it('names why an entity cannot be a target environment', () => {
    expect(environmentProblem(undefined, 'resource:default/nope')).toBe(
      "'resource:default/nope' is not an environment resource in the catalog",
    );
    const account = environmentEntity('dev-account', 'dev');
    account.spec = { type: 'aws-account' };
    expect(environmentProblem(account, 'resource:default/dev-account')).toMatch(
      /is not an environment resource/,
    );
    const noId = environmentEntity('dev', 'dev', {
      'aws.amazon.com/account-id': 'x',
    });
    expect(environmentProblem(noId, 'resource:default/dev')).toMatch(
      /12-digit/,
    );
    expect(
      environmentProblem(environmentEntity('dev', 'dev'), 'dev'),
    ).toBeUndefined();
  });

  it('orders environments dev first, prod last; only dev-like tiers deploy automatically', () => {
    const envs = ['prod', 'staging', 'dev'].map(n =>
      describeEnvironment(environmentEntity(n, n), 'orders'),
    );
    expect(sortForDelivery(envs).map(e => [e.name, e.autoDeploy])).toEqual([
      ['dev', true],
      ['staging', false],
      ['prod', false],
    ]);
  });

  it('builds the skeleton values and one value set per environment', () => {
    const { values, environmentValues } = buildTemplateValues(
      {
        name: 'orders',
        description: '',
        owner: 'group:default/team-orders',
        environmentRefs: [],
        scheduling: 'critical',
        database: true,
        repo: { host: 'github.com', owner: 'acme', repo: 'orders-svc' },
      },
      ['prod', 'dev'].map(n =>
        describeEnvironment(environmentEntity(n, n), 'orders'),
      ),
      { accountId: '000000000002', region: 'eu-west-1' },
    );
    expect(values).toMatchObject({
      description: 'orders: Flask API and React SPA',
      repoSlug: 'acme/orders-svc',
      repoCloneUrl: 'https://github.com/acme/orders-svc.git',
      registry: { host: '000000000002.dkr.ecr.eu-west-1.amazonaws.com' },
      ciRoleArn: 'arn:aws:iam::000000000002:role/github-actions-orders',
    });
    expect(values.environments.map(e => e.name)).toEqual(['dev', 'prod']);
    expect(environmentValues).toEqual([
      expect.objectContaining({
        name: 'orders',
        database: true,
        environment: expect.objectContaining({ name: 'dev' }),
      }),
      expect.objectContaining({
        environment: expect.objectContaining({ name: 'prod' }),
      }),
    ]);
  });
});

describe('environmentAccountId', () => {
  it('prefers the annotation, else takes the aws-account the environment dependsOn', () => {
    const account = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'dev-account',
        annotations: { 'aws.amazon.com/account-id': '111122223333' },
      },
      spec: { type: 'aws-account' },
    };
    const reference = environmentEntity('dev', 'dev', {});
    delete reference.metadata.annotations!['aws.amazon.com/account-id'];
    reference.spec = {
      ...reference.spec,
      dependsOn: ['resource:default/dev-account'],
    };
    expect(environmentAccountId(reference, [account])).toBe('111122223333');
    expect(environmentAccountId(reference, [])).toBeUndefined();
    expect(environmentProblem(reference, 'dev')).toMatch(
      /on the aws-account it dependsOn/,
    );
    expect(
      environmentProblem(reference, 'dev', '111122223333'),
    ).toBeUndefined();
    expect(
      describeEnvironment(reference, 'orders', '111122223333').roleArn,
    ).toBe('arn:aws:iam::111122223333:role/dev-orders');
    expect(
      environmentAccountId(environmentEntity('qa', 'dev'), [account]),
    ).toBe('000000000003');
  });
});
