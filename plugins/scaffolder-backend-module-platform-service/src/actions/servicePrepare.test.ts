import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  environmentEntity,
  recordingPublisher,
  serviceCatalog,
  serviceConfig,
  validForm,
} from '../service/__testUtils__/serviceFixtures';
import { serviceActionDeps } from '../service/serviceActionDeps';
import { createServicePrepareAction } from './servicePrepare';

function setup(
  options: { existing?: string[]; config?: Record<string, unknown> } = {},
) {
  const { publisher } = recordingPublisher(options.existing);
  const action = createServicePrepareAction({
    catalog: serviceCatalog(
      environmentEntity('broken', 'dev', { 'aws.amazon.com/account-id': '' }),
    ),
    ...serviceActionDeps(serviceConfig(options.config)),
    publisherFor: () => publisher,
  });
  const run = async (input: Record<string, unknown>) => {
    const ctx = createMockActionContext({
      input: { ...validForm, ...input } as any,
    });
    await action.handler(ctx as any);
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  };
  return { run };
}

describe('platform:service:prepare', () => {
  it('resolves the environments from the catalog and outputs the skeleton values', async () => {
    const out = await setup().run({
      environments: ['resource:default/prod', 'resource:default/qa'],
      scheduling: 'critical',
    });
    expect(out.entityRef).toBe('component:default/orders');
    expect(out.publishTarget).toBe('local');
    expect(out.values).toMatchObject({
      name: 'orders',
      owner: 'group:default/team-orders',
      scheduling: 'critical',
      database: true,
      repoSlug: 'acme/orders',
      registry: { accountId: '000000000002', region: 'eu-west-1' },
    });
    expect(
      out.values.environments.map((e: any) => [e.name, e.host, e.autoDeploy]),
    ).toEqual([
      ['qa', 'orders.qa.example.com', true],
      ['prod', 'orders.prod.example.com', false],
    ]);
    expect(out.environmentValues.map((v: any) => v.environment.name)).toEqual([
      'qa',
      'prod',
    ]);
  });

  it.each([
    [{ name: 'Orders!' }, /name: 'Orders!' must match/],
    [
      { description: 'nice `rm -rf /` service' },
      /description: must not contain .*backtick/,
    ],
    [
      { repoUrl: 'github.com?owner=someone-else&repo=orders' },
      /repoUrl: repositories must be created in the organisation 'acme'/,
    ],
    [
      { environments: ['resource:default/nowhere'] },
      /environments: 'resource:default\/nowhere' is not an environment resource in the catalog/,
    ],
    [
      { environments: ['resource:default/shared-account'] },
      /environments: 'resource:default\/shared-account' is not an environment resource/,
    ],
    [
      { environments: ['resource:default/broken'] },
      /environments: resource:default\/broken has no 12-digit aws.amazon.com\/account-id annotation/,
    ],
  ])('refuses %j with a clear error', async (input, message) => {
    await expect(setup().run(input)).rejects.toThrow(message);
  });

  it('follows platform.services.allowedGithubOrgs', async () => {
    const { run } = setup({
      config: { platform: { services: { allowedGithubOrgs: ['platform'] } } },
    });
    await expect(run({})).rejects.toThrow(
      /organisation 'platform', not 'acme'/,
    );
    await expect(
      run({ repoUrl: 'github.com?owner=platform&repo=orders' }),
    ).resolves.toMatchObject({
      values: expect.objectContaining({ repoSlug: 'platform/orders' }),
    });
  });

  it('refuses a repository that already exists', async () => {
    await expect(setup({ existing: ['orders'] }).run({})).rejects.toThrow(
      /repoUrl: repository acme\/orders already exists \(local\); choose another name/,
    );
  });

  it('needs the registry account in the catalog', async () => {
    const { run } = setup({
      config: { platform: { services: { registryAccount: 'nope' } } },
    });
    await expect(run({})).rejects.toThrow(
      /platform.services.registryAccount: resource:default\/nope/,
    );
  });
});
