import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import {
  AwsInsightsNotReadyError,
  FleetResponse,
} from '@platform-portal/plugin-aws-insights-common';
import { cluster, database, fleet, webAcl } from './__testUtils__/fleetFixture';
import { InsightsEntityProvider } from './InsightsEntityProvider';

// The provider reads only clusters, databases, web ACLs and the freshness fields.
const fleetBody = {
  ...fleet({
    sample: true,
    clusters: [cluster('prod-eks', { environment: 'prod' })],
    databases: [database('prod-db', { environment: 'prod' })],
    wafs: [webAcl('prod-web-acl', { environment: 'prod' })],
  }),
  generatedAt: '2025-06-02T09:00:00.000Z',
  staleAfter: '2025-06-02T09:11:00.000Z',
  sources: [],
} as unknown as FleetResponse;

function setup(getFleet: jest.Mock) {
  const connection: jest.Mocked<EntityProviderConnection> = {
    applyMutation: jest.fn(),
    refresh: jest.fn(),
  };
  const auth = mockServices.auth();
  const logger = mockServices.logger.mock();
  const provider = new InsightsEntityProvider({
    client: { getFleet },
    auth,
    logger,
  });
  return { provider, connection, logger, auth };
}

describe('InsightsEntityProvider', () => {
  it('is named aws-insights', () => {
    expect(setup(jest.fn()).provider.getProviderName()).toBe('aws-insights');
  });

  it('replaces its entities in full with the fleet read through the client', async () => {
    const getFleet = jest.fn().mockResolvedValue(fleetBody);
    const { provider, connection, auth } = setup(getFleet);
    await provider.connect(connection);

    await expect(provider.refresh()).resolves.toEqual({
      status: 'applied',
      entities: 3,
      sample: true,
    });

    // The whole fleet, with a service token for the insights plugin on the module's own behalf.
    expect(getFleet).toHaveBeenCalledWith(
      {},
      {
        token: mockCredentials.service.token({
          onBehalfOf: await auth.getOwnServiceCredentials(),
          targetPluginId: 'aws-insights',
        }),
      },
    );
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    const mutation = connection.applyMutation.mock.calls[0][0];
    expect(mutation.type).toBe('full');
    expect(
      mutation.type === 'full' &&
        mutation.entities.map(e => [e.entity.metadata.name, e.locationKey]),
    ).toEqual([
      ['prod-eks', 'aws-insights:fleet'],
      ['prod-db', 'aws-insights:fleet'],
      ['prod-web-acl', 'aws-insights:fleet'],
    ]);
  });

  it('applies an empty fleet as an empty full mutation', async () => {
    const { provider, connection } = setup(
      jest.fn().mockResolvedValue({
        ...fleetBody,
        clusters: [],
        databases: [],
        wafs: [],
      }),
    );
    await provider.connect(connection);
    await expect(provider.refresh()).resolves.toMatchObject({
      status: 'applied',
      entities: 0,
    });
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [],
    });
  });

  it('leaves the entities alone while the first insights refresh runs (503), waiting for the event', async () => {
    const { provider, connection, logger } = setup(
      jest
        .fn()
        .mockRejectedValue(
          new AwsInsightsNotReadyError(
            'The first refresh of AWS data has not finished yet',
            8,
          ),
        ),
    );
    await provider.connect(connection);
    await expect(provider.refresh()).resolves.toMatchObject({
      status: 'not-ready',
      reason: expect.stringContaining('has not finished yet'),
    });
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('waiting for its aws-insights.refreshed event'),
    );
  });

  it.each([
    ['a network error', new TypeError('fetch failed')],
    [
      'a server error',
      Object.assign(new Error('Request failed with 500'), {
        name: 'ResponseError',
      }),
    ],
  ])('keeps the current entities on %s', async (_what, error) => {
    const { provider, connection, logger } = setup(
      jest.fn().mockRejectedValue(error),
    );
    await provider.connect(connection);
    await expect(provider.refresh()).resolves.toMatchObject({
      status: 'failed',
    });
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('keeping the current entities'),
    );
  });

  it('does nothing before the catalog connects it', async () => {
    const getFleet = jest.fn();
    const { provider } = setup(getFleet);
    await expect(provider.refresh()).resolves.toMatchObject({
      status: 'not-ready',
    });
    expect(getFleet).not.toHaveBeenCalled();
  });
});
