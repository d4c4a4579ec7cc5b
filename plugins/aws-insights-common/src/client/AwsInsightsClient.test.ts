import { AwsInsightsClient } from './AwsInsightsClient';
import { AwsInsightsNotReadyError } from './AwsInsightsNotReadyError';

const json = (status: number, body: unknown, headers = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('AwsInsightsClient', () => {
  const requests: Request[] = [];
  let answer: (request: Request) => Response = () => json(200, { ok: true });
  const fetchApi = {
    fetch: (async (request: Request) => {
      requests.push(request);
      return answer(request);
    }) as unknown as typeof fetch,
  };
  const client = new AwsInsightsClient({
    discoveryApi: { getBaseUrl: async id => `http://backend/api/${id}` },
    fetchApi,
  });

  beforeEach(() => {
    requests.length = 0;
    answer = () => json(200, { ok: true });
  });

  it('builds every URL from the discovered base, escaping names and dropping empty filters', async () => {
    await client.getFleet();
    await client.getEnvironment('prod');
    await client.getCluster('prod eks');
    await client.getDatabase('prod-aurora-pg');
    await client.getWebAcl('prod-web', 168);
    await client.getWebAcl('prod-web');
    await client.getHistory('environment:prod', 30);
    await client.getFleet({ accountId: '000000000005', region: 'eu-west-1' });
    await client.getFleet({ environment: '', region: undefined });
    expect(requests.map(r => r.url)).toEqual([
      'http://backend/api/aws-insights/fleet',
      'http://backend/api/aws-insights/environments/prod',
      'http://backend/api/aws-insights/clusters/prod%20eks',
      'http://backend/api/aws-insights/databases/prod-aurora-pg',
      'http://backend/api/aws-insights/web-acls/prod-web?hours=168',
      'http://backend/api/aws-insights/web-acls/prod-web?hours=24',
      'http://backend/api/aws-insights/history?scope=environment%3Aprod&days=30',
      'http://backend/api/aws-insights/fleet?accountId=000000000005&region=eu-west-1',
      'http://backend/api/aws-insights/fleet',
    ]);
    expect(requests.every(r => r.method === 'GET')).toBe(true);
  });

  it('returns the parsed body', async () => {
    answer = () => json(200, { generatedAt: '2025-06-02T09:00:00.000Z' });
    await expect(client.getFleet()).resolves.toEqual({
      generatedAt: '2025-06-02T09:00:00.000Z',
    });
  });

  it("sends a backend caller's token as a bearer token", async () => {
    await client.getFleet({}, { token: 'service-token' });
    expect(requests[0].headers.get('authorization')).toBe(
      'Bearer service-token',
    );
    await client.getFleet();
    expect(requests[1].headers.get('authorization')).toBeNull();
  });

  it('turns an error response into a ResponseError carrying the server message', async () => {
    answer = () =>
      json(404, {
        error: {
          name: 'NotFoundError',
          message: 'No AWS resources are tagged environment=nowhere',
        },
        response: { statusCode: 404 },
      });
    await expect(client.getEnvironment('nowhere')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      body: {
        error: { message: 'No AWS resources are tagged environment=nowhere' },
      },
    });
  });

  it('turns 503 into AwsInsightsNotReadyError with the Retry-After seconds', async () => {
    answer = () =>
      json(
        503,
        {
          error: {
            name: 'ServiceUnavailableError',
            message: 'The first refresh of AWS data has not finished yet',
          },
          response: { statusCode: 503 },
        },
        { 'Retry-After': '7' },
      );
    const error = await client.getCluster('prod-eks').catch(e => e);
    expect(AwsInsightsNotReadyError.is(error)).toBe(true);
    expect(error).toMatchObject({
      statusCode: 503,
      retryAfterSeconds: 7,
      message: 'The first refresh of AWS data has not finished yet',
    });
  });

  it('waits 5 s when a 503 names no Retry-After', async () => {
    answer = () => json(503, { error: { name: 'Error', message: 'starting' } });
    await expect(client.getFleet()).rejects.toMatchObject({
      name: 'AwsInsightsNotReadyError',
      retryAfterSeconds: 5,
    });
  });
});
