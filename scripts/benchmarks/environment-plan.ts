/*
 * Benchmark: platform:environment:plan + platform:iac:validate for a prod request, and the CIDR
 * check against 200 existing environments. Prints figures; no pass/fail (targets in the README).
 * Run with ./scripts/bench environment-plan.
 */
import {
  allocateVpcCidr,
  availabilityZones,
  checkEnvironmentPolicies,
  estimateMonthlyCost,
  localModuleVariables,
  parseEnvironmentRequest,
  PINNED_MODULE_INPUTS,
  planSubnets,
  policyErrors,
  renderEnvironment,
  RenderedFiles,
  validateRenderedFiles,
} from '@platform-portal/platform-iac';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { performance } from 'node:perf_hooks';

const LIBRARY = resolvePath(
  __dirname,
  '../../templates/aws-environment/modules',
);

function moduleLibrary(): RenderedFiles {
  const files: RenderedFiles = {};
  for (const name of readdirSync(LIBRARY)) {
    for (const file of readdirSync(join(LIBRARY, name))) {
      files[`modules/${name}/${file}`] = readFileSync(
        join(LIBRARY, name, file),
        'utf8',
      );
    }
  }
  return files;
}

// 200 environments spread over the pool: /16s from 10.0.0.0 upwards, every other block taken.
const existing = Array.from({ length: 200 }, (_, i) => ({
  name: `env-${i}`,
  cidr: `10.${i}.0.0/16`,
}));

const prodInput = {
  name: 'live',
  tier: 'prod',
  account: { name: 'prod', accountId: '000000000005' },
  region: 'eu-west-1',
  owner: 'group:default/platform-team',
  network: { singleNatGateway: false },
  kubernetes: {
    karpenter: { allowSpot: true, allowGraviton: true, cpuLimit: 2000 },
  },
  database: {
    engine: 'aurora-postgresql',
    backupRetentionDays: 30,
    readReplicas: 2,
    multiAz: true,
  },
  waf: { rateLimitPer5Minutes: 2000 },
  ingress: { domain: 'app.example.com' },
  state: {
    bucket: 'tfstate-000000000002-eu-west-1',
    region: 'eu-west-1',
    accountId: '000000000002',
  },
};

async function planAndValidate(
  library: RenderedFiles,
  locals: Record<string, string[]>,
) {
  const request = parseEnvironmentRequest(prodInput);
  const vpc = allocateVpcCidr({ existing });
  const network = planSubnets(vpc, availabilityZones(request.region));
  const cost = estimateMonthlyCost(request);
  const files = renderEnvironment({ request, network, cost });
  const policies = checkEnvironmentPolicies(request, network, {
    ...library,
    ...files,
  });
  if (policyErrors(policies).length) throw new Error('policy failed');
  // As the validate action does: the root and the module library of the workspace.
  const problems = await validateRenderedFiles(
    { ...library, ...files },
    PINNED_MODULE_INPUTS,
    locals,
  );
  if (problems.length)
    throw new Error(`validation failed: ${problems[0].message}`);
  return Object.keys(files).length;
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

async function main() {
  const library = moduleLibrary();
  const locals = await localModuleVariables(library);

  let t = performance.now();
  const fileCount = await planAndValidate(library, locals);
  const cold = performance.now() - t;

  const runs: number[] = [];
  for (let i = 0; i < 20; i++) {
    t = performance.now();
    await planAndValidate(library, locals);
    runs.push(performance.now() - t);
  }
  const warm = stats(runs);

  const autoRuns: number[] = [];
  const explicitRuns: number[] = [];
  for (let i = 0; i < 2000; i++) {
    t = performance.now();
    allocateVpcCidr({ existing });
    autoRuns.push(performance.now() - t);
    t = performance.now();
    allocateVpcCidr({ existing, requested: '10.250.0.0/16' });
    explicitRuns.push(performance.now() - t);
  }
  const auto = stats(autoRuns);
  const explicit = stats(explicitRuns);

  console.log(
    'environment plan + validate (prod request, 200 existing environments)',
  );
  console.log(`  files rendered per plan:        ${fileCount}`);
  console.log(`  first run (cold, incl. parser): ${ms(cold)}`);
  console.log(
    `  warm p50 / p95 / max (20 runs): ${ms(warm.p50)} / ${ms(warm.p95)} / ${ms(
      warm.max,
    )}   target < 1000 ms`,
  );
  console.log('CIDR check against 200 existing environments (2000 runs each)');
  console.log(
    `  auto allocation  p50 / p95:     ${(auto.p50 * 1000).toFixed(0)} µs / ${(
      auto.p95 * 1000
    ).toFixed(0)} µs`,
  );
  console.log(
    `  explicit block   p50 / p95:     ${(explicit.p50 * 1000).toFixed(
      0,
    )} µs / ${(explicit.p95 * 1000).toFixed(0)} µs`,
  );
  console.log(
    `  heap used:                      ${(
      process.memoryUsage().heapUsed / 1048576
    ).toFixed(0)} MiB`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
