import { ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

/** Test-only: a moto_server child process on loopback for the integration test. */
export interface MotoServer {
  endpoint: string;
  stop(): Promise<void>;
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some(dir => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForMoto(
  moto: ChildProcess,
  url: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (moto.exitCode !== null) {
      throw new Error(`moto_server exited early with code ${moto.exitCode}`);
    }
    try {
      const response = await fetch(`${url}/moto-api/`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  throw new Error(
    `moto_server did not answer on ${url} within ${timeoutMs} ms`,
  );
}

/** Starts `moto_server -H 127.0.0.1 -p <free port>` and waits until it answers. */
export async function startMotoServer(): Promise<MotoServer> {
  if (!onPath('moto_server')) {
    throw new Error(
      'moto_server is not on PATH: install moto[server] >= 5 (pip install "moto[server]") to run this integration test',
    );
  }
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
  });
  let spawnError: Error | undefined;
  child.once('error', error => {
    spawnError = error;
  });
  try {
    await waitForMoto(child, endpoint, 20_000);
    if (spawnError) throw spawnError;
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  return {
    endpoint,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
