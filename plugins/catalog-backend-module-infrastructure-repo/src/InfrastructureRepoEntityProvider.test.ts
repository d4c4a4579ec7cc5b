import { mockServices } from '@backstage/backend-test-utils';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { mockInfrastructureRepository } from '@platform-portal/platform-node/testUtils';
import { InfrastructureRepoEntityProvider } from './InfrastructureRepoEntityProvider';

describe('InfrastructureRepoEntityProvider', () => {
  it('replaces its entities with the environments the repository holds', async () => {
    const { repository } = mockInfrastructureRepository({
      kind: 'github',
      base: {
        'environments/qa/catalog-info.yaml':
          'kind: Resource\nmetadata: { name: qa }\nspec: { type: environment }\n',
        'environments/qa/main.tf': '',
      },
    });
    const provider = new InfrastructureRepoEntityProvider(
      repository,
      mockServices.logger.mock(),
    );
    const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
    expect(await provider.refresh()).toBe(0); // not connected yet
    await provider.connect(connection as unknown as EntityProviderConnection);
    expect(await provider.refresh()).toBe(1);
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [
        {
          entity: expect.objectContaining({
            metadata: expect.objectContaining({ name: 'qa' }),
          }),
          locationKey: 'platform-infrastructure-repo',
        },
      ],
    });
  });
});
