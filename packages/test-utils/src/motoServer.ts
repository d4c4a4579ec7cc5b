import { ChildProcess, spawn } from 'node:child_process';
import { commandOnPath, freePort } from './process';

/** moto's default account: every static access key maps to it. */
export const MOTO_ACCOUNT_ID = '123456789012';

/** A moto_server child process on loopback. */
export interface MotoServer {
  endpoint: string;
  stop(): Promise<void>;
}

async function waitUntilAnswering(
  child: ChildProcess,
  endpoint: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`moto_server exited early with code ${child.exitCode}`);
    }
    try {
      if ((await fetch(`${endpoint}/moto-api/`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  throw new Error(
    `moto_server did not answer on ${endpoint} within ${timeoutMs} ms`,
  );
}

/**
 * Starts `moto_server -H 127.0.0.1 -p <free port>` and waits until it answers. Fails loudly when
 * moto is not installed: CI must not pass by skipping the AWS tests.
 */
export async function startMotoServer(
  options: { timeoutMs?: number } = {},
): Promise<MotoServer> {
  if (!commandOnPath('moto_server')) {
    throw new Error(
      'moto_server is not on PATH: install moto[server] >= 5 (pip install "moto[server]") to run the AWS integration tests',
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
    await waitUntilAnswering(child, endpoint, options.timeoutMs ?? 20_000);
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
