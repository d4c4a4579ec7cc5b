/*
 * HTTP load with wrk (Debian package `wrk`), a C load generator: on a 2-core machine the Node
 * client competes with the server for CPU, wrk much less, so its figures are closer to what
 * browsers on other machines would see. Used by the benchmarks when wrk is installed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface WrkResult {
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  requestsPerSecond: number;
  errors: number;
}

// wrk calls done() once at the end; latencies are in microseconds.
const REPORT_SCRIPT = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK_RESULT %f %f %f %d %f %d\\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency.max / 1000,
    summary.requests, summary.duration / 1e6,
    e.connect + e.read + e.write + e.status + e.timeout))
end
`;

export function wrkAvailable(): boolean {
  return spawnSync('wrk', ['--version']).error === undefined;
}

/** Runs wrk asynchronously: the server under test usually lives in this very process. */
function wrk(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args);
    let out = '';
    child.stdout.on('data', chunk => {
      out += chunk;
    });
    child.stderr.on('data', chunk => {
      out += chunk;
    });
    child.once('error', reject);
    child.once('exit', () => resolve(out));
  });
}

/** `connections` keep-alive clients for `seconds`, after a warm-up of `warmupSeconds`. */
export async function runWrk(options: {
  url: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  warmupSeconds: number;
}): Promise<WrkResult> {
  const dir = mkdtempSync(join(tmpdir(), 'wrk-'));
  try {
    const script = join(dir, 'report.lua');
    writeFileSync(script, REPORT_SCRIPT);
    const headerArgs = Object.entries(options.headers).flatMap(([k, v]) => [
      '-H',
      `${k}: ${v}`,
    ]);
    const run = async (seconds: number) => {
      const out = await wrk([
        '-t1',
        `-c${options.connections}`,
        `-d${seconds}s`,
        '-s',
        script,
        ...headerArgs,
        options.url,
      ]);
      const line = out.match(/WRK_RESULT (.*)/)?.[1];
      if (!line) throw new Error(`wrk failed: ${out}`);
      return line.split(' ').map(Number);
    };
    await run(options.warmupSeconds);
    const [p50, p95, max, requests, duration, errors] = await run(
      options.seconds,
    );
    return {
      p50Ms: p50,
      p95Ms: p95,
      maxMs: max,
      requestsPerSecond: requests / duration,
      errors,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
