/*
 * The "Done when" matrix of issue #13: form combinations planned through the functions the
 * platform:environment:plan action calls (parse, CIDR allocation, subnets, cost, render, policy)
 * and validated as platform:iac:validate does, with the module library the template fetches.
 */
import { resolve } from 'node:path';
import { readModuleLibrary } from './__testUtils__/moduleLibrary';
import { allocateVpcCidr, availabilityZones, planSubnets } from './cidr';
import { estimateMonthlyCost } from './cost';
import { PINNED_MODULE_INPUTS } from './data';
import { checkEnvironmentPolicies } from './policy';
import { stageOneFiles } from './policy/environmentFiles';
import { iamRoleNames } from './policy/rules/iamNames';
import { renderEnvironment } from './render';
import { parseEnvironmentRequest } from './request';
import type { DatabaseEngine, EnvironmentRequest, Tier } from './types';
import { localModuleVariables, validateRenderedFiles } from './validate';

const library = readModuleLibrary(
  resolve(__dirname, '../../../templates/aws-environment/modules'),
);

interface Combination {
  name: string;
  tier: Tier;
  engine: DatabaseEngine;
  spot: boolean;
  graviton: boolean;
  singleNat: boolean;
  account?: string;
}

const MIN_NAME = 'ab';
const MAX_NAME = 'abcdefghij-klmnopq-rs'; // 21 characters, the longest the form accepts

/** Every tier, Spot on/off, Graviton on/off, every engine, single/multi NAT, min/max names. */
const MATRIX: Combination[] = [
  {
    name: MIN_NAME,
    tier: 'dev',
    engine: 'rds-postgresql',
    spot: true,
    graviton: true,
    singleNat: true,
  },
  {
    name: MAX_NAME,
    tier: 'dev',
    engine: 'aurora-serverless-v2',
    spot: false,
    graviton: false,
    singleNat: false,
  },
  {
    name: 'dev-aurora',
    tier: 'dev',
    engine: 'aurora-postgresql',
    spot: true,
    graviton: false,
    singleNat: true,
  },
  {
    name: 'stg',
    tier: 'staging',
    engine: 'rds-postgresql',
    spot: true,
    graviton: true,
    singleNat: false,
  },
  {
    name: MAX_NAME,
    tier: 'staging',
    engine: 'aurora-serverless-v2',
    spot: false,
    graviton: true,
    singleNat: true,
  },
  {
    name: 'stg-aurora',
    tier: 'staging',
    engine: 'aurora-postgresql',
    spot: false,
    graviton: false,
    singleNat: false,
  },
  {
    name: MIN_NAME,
    tier: 'prod',
    engine: 'aurora-postgresql',
    spot: true,
    graviton: true,
    singleNat: false,
  },
  {
    name: MAX_NAME,
    tier: 'prod',
    engine: 'aurora-postgresql',
    spot: false,
    graviton: false,
    singleNat: false,
  },
  {
    name: 'live',
    tier: 'prod',
    engine: 'aurora-postgresql',
    spot: true,
    graviton: false,
    singleNat: false,
  },
  {
    name: 'sandbox',
    tier: 'other',
    engine: 'rds-postgresql',
    spot: false,
    graviton: true,
    singleNat: true,
  },
  {
    name: MAX_NAME,
    tier: 'other',
    engine: 'aurora-serverless-v2',
    spot: true,
    graviton: false,
    singleNat: false,
  },
  {
    name: 'z9',
    tier: 'other',
    engine: 'aurora-postgresql',
    spot: true,
    graviton: true,
    singleNat: true,
  },
];

const INSTANCE_CLASS: Record<DatabaseEngine, string> = {
  'aurora-postgresql': 'db.r7g.large',
  'aurora-serverless-v2': 'db.serverless',
  'rds-postgresql': 'db.t4g.medium',
};

/** The action's input to parseEnvironmentRequest, as the form submits it. */
function formInput(c: Combination) {
  const prod = c.tier === 'prod';
  return {
    name: c.name,
    tier: c.tier,
    account: c.account
      ? { name: c.account, accountId: '111122223333' }
      : {
          name: `workloads-${c.tier}`,
          accountId: prod ? '222233334444' : '111122223333',
        },
    region: 'eu-west-1',
    owner: 'group:default/team-orders',
    network: { singleNatGateway: c.singleNat },
    kubernetes: { karpenter: { allowSpot: c.spot, allowGraviton: c.graviton } },
    database: {
      engine: c.engine,
      instanceClass: INSTANCE_CLASS[c.engine],
      backupRetentionDays: prod ? 30 : 7,
      readReplicas: prod ? 2 : 1,
      multiAz: prod || c.tier === 'staging',
    },
    waf: { rateLimitPer5Minutes: 2000 },
    ingress: { domain: `${c.name}.example.com` },
    state: {
      bucket: 'tfstate-999988887777-eu-west-1',
      region: 'eu-west-1',
      accountId: '999988887777',
    },
  };
}

/** What platform:environment:plan computes, with the library the template fetched. */
function plan(
  c: Combination,
  existing: Array<{ name: string; cidr: string }> = [],
) {
  const request = parseEnvironmentRequest(formInput(c));
  const vpc = allocateVpcCidr({ existing, requested: request.network.cidr });
  const network = planSubnets(vpc, availabilityZones(request.region));
  const cost = estimateMonthlyCost(request);
  const rendered = renderEnvironment({ request, network, cost });
  const files = { ...library, ...rendered };
  return { request, network, rendered, files };
}

const label = (c: Combination) =>
  `${c.tier} ${c.engine} spot=${c.spot} graviton=${c.graviton} nat=${
    c.singleNat ? 'single' : 'per-AZ'
  } name=${c.name} (${c.name.length})`;

/** Stage 1: the root's .tf files and the library modules; stage 2 is YAML under cluster/, gitops/. */
function stageOneText(
  request: EnvironmentRequest,
  files: Record<string, string>,
): string[] {
  return stageOneFiles(request, files)!.map(f => `${f.path}\n${f.text}`);
}

describe('the environment matrix (issue #13, "Done when")', () => {
  it('covers every tier, engine, Spot and Graviton setting, NAT mode and the name limits', () => {
    expect(MATRIX.length).toBeGreaterThanOrEqual(12);
    expect(new Set(MATRIX.map(c => c.tier))).toEqual(
      new Set(['dev', 'staging', 'prod', 'other']),
    );
    expect(new Set(MATRIX.map(c => c.engine))).toEqual(
      new Set(Object.keys(INSTANCE_CLASS)),
    );
    for (const key of ['spot', 'graviton', 'singleNat'] as const) {
      expect(new Set(MATRIX.map(c => c[key]))).toEqual(new Set([true, false]));
    }
    expect(MATRIX.map(c => c.name.length)).toEqual(
      expect.arrayContaining([2, 21]),
    );
  });

  it.each(MATRIX.map(c => [label(c), c] as const))('%s', async (_, c) => {
    const { request, network, files, rendered } = plan(c);
    expect(request.tier).toBe(c.tier);

    // Stage 1 holds no Kubernetes, Helm or kubectl provider or resource.
    for (const text of stageOneText(request, files)) {
      expect(text).not.toMatch(
        /\b(resource|data)\s+"(kubernetes|helm|kubectl)_/,
      );
      expect(text).not.toMatch(/\bprovider\s+"(kubernetes|helm|kubectl)"/);
      expect(text).not.toMatch(
        /source\s*=\s*"[^"]*\/(kubernetes|helm|kubectl)"/,
      );
    }
    // Stage 2 exists: manifests Argo CD syncs into the cluster and the hub's objects.
    const dir = `environments/${request.name}`;
    expect(
      Object.keys(rendered).some(p => p.startsWith(`${dir}/cluster/`)),
    ).toBe(true);
    expect(
      Object.keys(rendered).some(p => p.startsWith(`${dir}/gitops/`)),
    ).toBe(true);

    // Every policy rule passes: errors and warnings.
    const failed = checkEnvironmentPolicies(request, network, files)
      .filter(r => !r.passed)
      .map(r => `${r.id}: ${r.message}`);
    expect(failed).toEqual([]);

    // As platform:iac:validate: HCL, module inputs and shapes, local modules, manifest schemas.
    const problems = await validateRenderedFiles(
      files,
      PINNED_MODULE_INPUTS,
      await localModuleVariables(files),
    );
    expect(problems).toEqual([]);
  });

  it('renders two environments in one account without once-per-account resources or shared IAM names', () => {
    const dev = plan({ ...MATRIX[0], account: 'shared-workloads' });
    const staging = plan({ ...MATRIX[4], account: 'shared-workloads' }, [
      { name: dev.request.name, cidr: dev.network.vpcCidr },
    ]);
    expect(dev.request.account).toEqual(staging.request.account);
    expect(dev.network.vpcCidr).not.toBe(staging.network.vpcCidr);
    const roles = [dev, staging].map(e =>
      iamRoleNames(e.request, e.files, stageOneFiles(e.request, e.files)!).map(
        u => u.name.text,
      ),
    );
    expect(roles[0].length).toBeGreaterThan(0);
    expect(roles[0].filter(r => roles[1].includes(r))).toEqual([]);
    for (const e of [dev, staging]) {
      const once = checkEnvironmentPolicies(e.request, e.network, e.files).find(
        r => r.id === 'no-once-per-account-resources',
      );
      expect(once).toMatchObject({ passed: true });
      for (const text of stageOneText(e.request, e.files)) {
        expect(text).not.toMatch(
          /resource\s+"aws_(guardduty_|securityhub_|config_configuration_recorder|config_delivery_channel|cloudtrail"|ebs_encryption_by_default|ebs_default_kms_key|accessanalyzer_|iam_service_linked_role)/,
        );
      }
    }
  });
});
