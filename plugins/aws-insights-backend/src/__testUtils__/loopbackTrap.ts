import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * Test-only: a loopback HTTP server that answers 500 and records every request. Pointed to by
 * AWS_ENDPOINT_URL it catches any SDK call that escaped the configured endpoints (an STS
 * lookup, a service without an override) instead of letting it reach real AWS.
 */
export interface LoopbackTrap {
  url: string;
  requests: Array<{ method: string; url: string; host?: string }>;
  stop(): Promise<void>;
}

export async function startLoopbackTrap(): Promise<LoopbackTrap> {
  const requests: LoopbackTrap['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      host: req.headers.host,
    });
    req.resume();
    res.statusCode = 500;
    res.end('loopback trap: this call was not meant to leave the test');
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
