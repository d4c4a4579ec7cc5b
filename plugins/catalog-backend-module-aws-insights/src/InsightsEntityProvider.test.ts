import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { cluster, database, fleet, webAcl } from './__testUtils__/fleetFixture';
import { InsightsEntityProvider } from './InsightsEntityProvider';

const BASE_URL = 'http://insights.test/api/aws-insights';

const fleetBody = {
  ...fleet({
    sample: true,
    clusters: [cluster('prod-eks', { environment: 'prod' })],
    databases: [database('prod-db', { environment: 'prod' })],
    wafs: [webAcl('prod-web-acl', { environment: 'prod' })],
  }),
  generatedAt: '2025-06-02T09:00:00.000Z',
  ageSeconds: 10,
  stale: false,
  sources: [],
};

function setup(fetchImpl: jest.Mock) {
  const connection: jest.Mocked<EntityProviderConnection> = {
    applyMutation: jest.fn(),
    refresh: jest.fn(),
  };
  const discovery = {
    getBaseUrl: jest.fn().mockResolvedValue(BASE_URL),
    getExternalBaseUrl: jest.fn(),
  };
  const auth = mockServices.auth();
  const logger = mockServices.logger.mock();
  const provider = new InsightsEntityProvider({
    discovery,
    auth,
    logger,
    fetch: fetchImpl as unknown as typeof fetch,
  });
  return { provider, connection, discovery, logger, auth };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('InsightsEntityProvider', () => {
  it('is named aws-insights', () => {
    expect(setup(jest.fn()).provider.getProviderName()).toBe('aws-insights');
  });

  it('replaces its entities in full with the fetched fleet', async () => {
    const fetchImpl = jest.fn().mockResolvedValue(json(200, fleetBody));
    const { provider, connection, discovery, auth } = setup(fetchImpl);
    await provider.connect(connection);

    await expect(provider.refresh()).resolves.toEqual({
      status: 'applied',
      entities: 3,
      sample: true,
    });

    expect(discovery.getBaseUrl).toHaveBeenCalledWith('aws-insights');
    const [url, init] = fetchImpl.mock.calls[0];
    expect(url).toBe(`${BASE_URL}/fleet`);
    // A service token for the insights plugin, issued on the module's own behalf.
    expect(init.headers.Authorization).toBe(
      `Bearer ${mockCredentials.service.token({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'aws-insights',
      })}`,
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
      jest
        .fn()
        .mockResolvedValue(
          json(200, { ...fleetBody, clusters: [], databases: [], wafs: [] }),
        ),
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

  it('leaves the entities alone while the first insights refresh runs (404)', async () => {
    const { provider, connection, logger } = setup(
      jest.fn().mockResolvedValue(
        json(404, {
          error: {
            name: 'NotFoundError',
            message: 'The first refresh of AWS data has not finished yet',
          },
        }),
      ),
    );
    await provider.connect(connection);
    await expect(provider.refresh()).resolves.toMatchObject({
      status: 'not-ready',
      reason: expect.stringContaining('404'),
    });
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('not available yet'),
    );
  });

  it.each([
    ['a network error', () => Promise.reject(new TypeError('fetch failed'))],
    ['a server error', () => Promise.resolve(json(500, { error: 'boom' }))],
    ['an unexpected body', () => Promise.resolve(json(200, { hello: 1 }))],
  ])('keeps the current entities on %s', async (_what, answer) => {
    const { provider, connection, logger } = setup(
      jest.fn().mockImplementation(answer),
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
    const fetchImpl = jest.fn();
    const { provider } = setup(fetchImpl);
    await expect(provider.refresh()).resolves.toMatchObject({
      status: 'not-ready',
    });
    expect(fetchImpl).not.toHaveBeenCalled();
  });
});
