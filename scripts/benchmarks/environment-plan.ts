/*
 * Benchmark with a budget: platform:environment:plan + platform:iac:validate of a prod request,
 * as the two actions run them (parse, CIDR allocation among 200 environments, subnets, cost,
 * render, every policy rule over the root and the module library, then HCL syntax, registry
 * module inputs and argument shapes, local module variables and manifest schemas). Warm-up runs
 * first; prints p50 / p95 / max of N runs and exits 1 when p95 reaches 1 s. Then the CIDR check
 * against 200 existing environments on its own.
 * Run with ./scripts/bench environment-plan. Runs: PLAN_BENCH_RUNS (default 50), warm-up
 * PLAN_BENCH_WARMUP (5).
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
  renderEnvironment,
  RenderedFiles,
  validateRenderedFiles,
} from '@platform-portal/platform-iac';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { performance } from 'node:perf_hooks';
import { stats } from './lib/httpLoad';

const BUDGET_MS = 1000;
const RUNS = Number(process.env.PLAN_BENCH_RUNS ?? 50);
const WARMUP = Number(process.env.PLAN_BENCH_WARMUP ?? 5);
const LIBRARY = resolvePath(
  __dirname,
  '../../templates/aws-environment/modules',
);

/** The library as the template's first step fetches it into the workspace. */
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

const existing = Array.from({ length: 200 }, (_, i) => ({
  name: `env-${i}`,
  cidr: `10.${i}.0.0/16`,
}));

const prodInput = {
  name: 'payments-production-1', // 21 characters: the longest name the form accepts
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
  ingress: { domain: 'payments.example.com' },
  state: {
    bucket: 'tfstate-000000000002-eu-west-1',
    region: 'eu-west-1',
    accountId: '000000000002',
  },
};

interface Outcome {
  files: number;
  failedPolicies: string[];
  problems: string[];
}

async function planAndValidate(library: RenderedFiles): Promise<Outcome> {
  // platform:environment:plan
  const request = parseEnvironmentRequest(prodInput);
  const vpc = allocateVpcCidr({ existing });
  const network = planSubnets(vpc, availabilityZones(request.region));
  const cost = estimateMonthlyCost(request);
  const rendered = renderEnvironment({ request, network, cost });
  const workspace = { ...library, ...rendered };
  const policies = checkEnvironmentPolicies(request, network, workspace);
  // platform:iac:validate over the workspace, local module variables read from it as it does.
  const problems = await validateRenderedFiles(
    workspace,
    PINNED_MODULE_INPUTS,
    await localModuleVariables(workspace),
  );
  return {
    files: Object.keys(rendered).length,
    failedPolicies: policies.filter(p => !p.passed).map(p => p.id),
    problems: problems.map(p => `${p.file}:${p.line ?? '?'} ${p.message}`),
  };
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const us = (v: number) => `${(v * 1000).toFixed(0)} µs`;

/** The CIDR check alone: automatic allocation and an explicit block, 2000 runs each. */
function cidrFigures() {
  const auto: number[] = [];
  const explicit: number[] = [];
  for (let i = 0; i < 2000; i++) {
    let t = performance.now();
    allocateVpcCidr({ existing });
    auto.push(performance.now() - t);
    t = performance.now();
    allocateVpcCidr({ existing, requested: '10.250.0.0/16' });
    explicit.push(performance.now() - t);
  }
  const a = stats(auto);
  const e = stats(explicit);
  console.log('CIDR check against 200 existing environments (2000 runs each)');
  console.log(`  auto allocation  p50 / p95:     ${us(a.p50)} / ${us(a.p95)}`);
  console.log(`  explicit block   p50 / p95:     ${us(e.p50)} / ${us(e.p95)}`);
  console.log(
    `  heap used:                      ${(
      process.memoryUsage().heapUsed / 1048576
    ).toFixed(0)} MiB`,
  );
}

async function main() {
  const library = moduleLibrary();
  let t = performance.now();
  const outcome = await planAndValidate(library);
  const cold = performance.now() - t;
  for (let i = 1; i < WARMUP; i++) await planAndValidate(library);
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    t = performance.now();
    await planAndValidate(library);
    runs.push(performance.now() - t);
  }
  const { p50, p95, max } = stats(runs);
  console.log(
    'environment plan + validate (prod request, 200 existing environments)',
  );
  console.log(`  files rendered:                 ${outcome.files}`);
  console.log(`  first run (cold, incl. parser): ${ms(cold)}`);
  console.log(
    `  p50 / p95 / max (${RUNS} runs after ${WARMUP} warm-up): ${ms(
      p50,
    )} / ${ms(p95)} / ${ms(max)}   budget p95 < ${BUDGET_MS} ms`,
  );
  if (outcome.failedPolicies.length) {
    console.log(
      `  note: policy rules failing on this output: ${outcome.failedPolicies.join(
        ', ',
      )}`,
    );
  }
  for (const problem of outcome.problems.slice(0, 5))
    console.log(`  note: validation: ${problem}`);
  cidrFigures();
  if (p95 >= BUDGET_MS) {
    console.error(
      `environment-plan: p95 ${ms(p95)} is over the ${BUDGET_MS} ms budget`,
    );
    process.exit(1);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
