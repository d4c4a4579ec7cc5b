import { connect } from 'node:net';

/** True when a TCP connection to host:port opens within `timeoutMs`. */
function canConnect(host: string, port: number, timeoutMs: number) {
  return new Promise<boolean>(resolve => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Test-only: why the external services a test needs cannot be used, or undefined when all of
 * them can. Each value is a connection URL, 'docker' (started by the test utils), or
 * undefined (neither configured nor startable).
 */
export async function reachable(
  services: Record<string, string | undefined>,
): Promise<string | undefined> {
  for (const [id, connection] of Object.entries(services)) {
    if (connection === undefined) {
      return `${id} is neither configured by connection string nor startable with Docker`;
    }
    if (connection === 'docker') continue;
    const url = new URL(connection);
    const port = Number(
      url.port || (url.protocol.startsWith('redis') ? 6379 : 5432),
    );
    if (!(await canConnect(url.hostname, port, 2_000))) {
      return `${id} at ${url.hostname}:${port} is unreachable`;
    }
  }
  return undefined;
}
