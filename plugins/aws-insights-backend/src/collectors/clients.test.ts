import { createServer, Server, Socket } from 'node:net';
import { ListClustersCommand } from '@aws-sdk/client-eks';
import { createAwsClients, PRICING_API_REGION } from './clients';
import { collectEks } from './eks';
import { testContext } from './__testUtils__/testContext';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Ends every request at the 'build' step with an empty answer: no network. */
function shortCircuit(client: {
  middlewareStack: { add: (...args: any[]) => void };
}) {
  client.middlewareStack.add(
    () => async () => ({ output: { $metadata: {} }, response: {} }),
    { step: 'build', name: 'testShortCircuit' },
  );
}

async function retryModeOf(client: {
  config: { retryStrategy: () => Promise<unknown> };
}) {
  return ((await client.config.retryStrategy()) as { mode?: string }).mode;
}

describe('createAwsClients', () => {
  it('applies region, attempts and retry mode; Pricing always in us-east-1', async () => {
    const clients = createAwsClients({
      credentials,
      region: 'eu-west-1',
      maxAttempts: 5,
      retryMode: 'standard',
    });
    expect(await clients.ec2.config.region()).toBe('eu-west-1');
    expect(await clients.pricing.config.region()).toBe(PRICING_API_REGION);
    expect(await clients.rds.config.maxAttempts()).toBe(5);
    expect(await retryModeOf(clients.rds)).toBe('standard');
    const defaults = createAwsClients({ credentials, region: 'eu-west-1' });
    expect(await retryModeOf(defaults.ec2)).toBe('adaptive');
    expect(await defaults.ec2.config.maxAttempts()).toBe(3);
  });

  it('overrides the endpoint per service only', async () => {
    const clients = createAwsClients({
      credentials,
      region: 'eu-west-1',
      endpoints: { eks: 'http://127.0.0.1:4566' },
    });
    const endpoint = await clients.eks.config.endpoint!();
    expect(endpoint.hostname).toBe('127.0.0.1');
    expect(endpoint.port).toBe(4566);
    expect(clients.ec2.config.endpoint).toBeUndefined();
  });

  it('builds each client once and counts calls across the clients it built', async () => {
    const clients = createAwsClients({ credentials, region: 'eu-west-1' });
    expect(clients.eks).toBe(clients.eks);
    shortCircuit(clients.eks);
    await clients.eks.send(new ListClustersCommand({}));
    await clients.eks.send(new ListClustersCommand({}));
    expect(clients.calls()).toBe(2);
    // Another set of clients has its own counter.
    expect(createAwsClients({ credentials, region: 'eu-west-1' }).calls()).toBe(
      0,
    );
  });
});

describe('request timeouts', () => {
  let server: Server;
  const sockets = new Set<Socket>();
  let port = 0;

  beforeAll(async () => {
    // Accepts connections and never answers: a hung endpoint on loopback.
    server = createServer(socket => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });

  afterAll(async () => {
    sockets.forEach(s => s.destroy());
    await new Promise(resolve => server.close(resolve));
  });

  it('turns a hung endpoint into ok:false with the timeout error, without throwing', async () => {
    const clients = createAwsClients({
      credentials,
      region: 'eu-west-1',
      endpoints: { eks: `http://127.0.0.1:${port}` },
      maxAttempts: 1,
      timeoutMs: 300,
    });
    const started = Date.now();
    const result = await collectEks(testContext({ clients }));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.clusters).toEqual([]);
    expect(result.status).toMatchObject({
      service: 'eks',
      ok: false,
      calls: 1,
      error: { name: 'TimeoutError' },
    });
  });
});
