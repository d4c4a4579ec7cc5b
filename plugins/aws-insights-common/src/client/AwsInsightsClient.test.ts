import { AwsInsightsClient } from './AwsInsightsClient';

describe('AwsInsightsClient', () => {
  const calls: string[] = [];
  const fetchApi = {
    fetch: (async (url: string) => {
      calls.push(url);
      if (url.includes('/environments/nowhere')) {
        return new Response(
          JSON.stringify({
            error: {
              name: 'NotFoundError',
              message: 'No AWS resources are tagged environment=nowhere',
            },
            response: { statusCode: 404 },
          }),
          { status: 404, headers: { 'content-type': 'application/json' } },
        );
      }
      return new Response(JSON.stringify({ ok: url }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }) as unknown as typeof fetch,
  };
  const client = new AwsInsightsClient({
    discoveryApi: { getBaseUrl: async id => `http://backend/api/${id}` },
    fetchApi,
  });

  it('builds every URL from the discovered base, escaping names', async () => {
    await client.getFleet();
    await client.getEnvironment('prod');
    await client.getCluster('prod eks');
    await client.getDatabase('prod-aurora-pg');
    await client.getWebAcl('prod-web', 168);
    await client.getHistory('environment:prod', 30);
    await client.getFleet({ accountId: '000000000005', region: 'eu-west-1' });
    await client.getFleet({ environment: '', region: undefined });
    expect(calls).toEqual([
      'http://backend/api/aws-insights/fleet',
      'http://backend/api/aws-insights/environments/prod',
      'http://backend/api/aws-insights/clusters/prod%20eks',
      'http://backend/api/aws-insights/databases/prod-aurora-pg',
      'http://backend/api/aws-insights/web-acls/prod-web?hours=168',
      'http://backend/api/aws-insights/history?scope=environment%3Aprod&days=30',
      'http://backend/api/aws-insights/fleet?accountId=000000000005&region=eu-west-1',
      'http://backend/api/aws-insights/fleet',
    ]);
  });

  it('turns an error response into a ResponseError carrying the server message', async () => {
    await expect(client.getEnvironment('nowhere')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      body: {
        error: { message: 'No AWS resources are tagged environment=nowhere' },
      },
    });
  });
});
