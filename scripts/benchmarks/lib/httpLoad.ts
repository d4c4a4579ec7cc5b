/*
 * HTTP load from Node in a child process: `clients` keep-alive workers issue GETs until
 * `warmup + requests` are done; the latencies of the last `requests` come back. In a child
 * process so the client's work is not counted in the server's event loop (it still shares the
 * machine's cores; wrk, in C, leaves more of them to the server).
 */
import { fork } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  clients: number;
  requests: number;
  warmup: number;
}

export interface LoadResult {
  latencies: number[];
  /** Answers other than 200, and connection errors. */
  failures: number;
  /** Status codes of the failed answers, for the error message. */
  failedStatuses: number[];
  seconds: number;
  bytesPerResponse: number;
}

const MESSAGE = 'http-load-result';

export function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

/** Runs the load in a child process (this file) and resolves with its figures. */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--http-load', JSON.stringify(options)]);
    // The TS transform also talks over this channel ('watch' messages): pick ours.
    child.on('message', (message: any) => {
      if (message?.type === MESSAGE) resolve(message.result);
    });
    child.once(
      'exit',
      code => code && reject(new Error(`load client exited ${code}`)),
    );
  });
}

async function load(options: LoadOptions): Promise<LoadResult> {
  const { url, headers, clients, requests, warmup } = options;
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  const failedStatuses: number[] = [];
  let issued = 0;
  let failures = 0;
  let bytes = 0;
  let started = performance.now();
  const once = (measured: boolean) =>
    new Promise<void>(resolve => {
      const start = performance.now();
      const req = httpRequest(url, { agent, headers }, res => {
        res.on('data', (chunk: Buffer) => {
          if (measured) bytes += chunk.length;
        });
        res.on('end', () => {
          if (res.statusCode !== 200) {
            failures += 1;
            if (failedStatuses.length < 5) failedStatuses.push(res.statusCode!);
          }
          if (measured) latencies.push(performance.now() - start);
          resolve();
        });
      });
      req.on('error', () => {
        failures += 1;
        resolve();
      });
      req.end();
    });
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (issued < warmup + requests) {
        issued += 1;
        if (issued === warmup + 1) started = performance.now();
        await once(issued > warmup);
      }
    }),
  );
  agent.destroy();
  return {
    latencies,
    failures,
    failedStatuses,
    seconds: (performance.now() - started) / 1000,
    bytesPerResponse: bytes / Math.max(1, latencies.length),
  };
}

if (process.argv[2] === '--http-load') {
  load(JSON.parse(process.argv[3]))
    .then(result => process.send!({ type: MESSAGE, result }))
    .catch(error => {
      console.error(error);
      process.exit(1);
    });
}
