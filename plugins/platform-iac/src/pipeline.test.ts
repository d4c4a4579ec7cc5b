import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { allocateVpcCidr, availabilityZones, planSubnets } from './cidr';
import { estimateMonthlyCost } from './cost';
import { PINNED_MODULE_INPUTS } from './data';
import { checkEnvironmentPolicies, policyErrors } from './policy';
import { renderEnvironment } from './render';
import { parseEnvironmentRequest } from './request';
import { RenderedFiles } from './types';
import { localModuleVariables, validateRenderedFiles } from './validate';

// The whole chain the plan and validate actions run, on the real module library.
const LIBRARY_DIR = resolvePath(
  __dirname,
  '../../../templates/aws-environment/modules',
);

function moduleLibrary(): RenderedFiles {
  const files: RenderedFiles = {};
  for (const name of readdirSync(LIBRARY_DIR)) {
    for (const file of readdirSync(join(LIBRARY_DIR, name))) {
      files[`modules/${name}/${file}`] = readFileSync(
        join(LIBRARY_DIR, name, file),
        'utf8',
      );
    }
  }
  return files;
}

const input = (tier: string) => ({
  name: `web-${tier}`,
  tier,
  account: {
    name: tier === 'prod' ? 'prod' : 'dev',
    accountId: '000000000005',
  },
  region: 'eu-west-1',
  owner: 'group:default/team-orders',
  network: { singleNatGateway: tier !== 'prod' },
  kubernetes: {},
  database: {},
  waf: {},
  ingress: { domain: `${tier}.example.com` },
  state: {
    bucket: 'tfstate-000000000002-eu-west-1',
    region: 'eu-west-1',
    accountId: '000000000002',
  },
});

function plan(tier: string, library: RenderedFiles) {
  const request = parseEnvironmentRequest(input(tier));
  const network = planSubnets(
    allocateVpcCidr({ existing: [{ name: 'other', cidr: '10.0.0.0/16' }] }),
    availabilityZones(request.region),
  );
  const files = renderEnvironment({
    request,
    network,
    cost: estimateMonthlyCost(request),
  });
  return {
    request,
    network,
    files,
    policies: checkEnvironmentPolicies(request, network, {
      ...library,
      ...files,
    }),
  };
}

describe('request -> CIDR -> render -> policy -> validate', () => {
  const library = moduleLibrary();

  it.each(['dev', 'staging', 'prod', 'other'])(
    'a %s root passes every policy and validator',
    async tier => {
      const { network, files, policies } = await plan(tier, library);
      expect(network.vpcCidr).toBe('10.1.0.0/16');
      expect(policyErrors(policies)).toEqual([]);
      const all = { ...library, ...files };
      expect(
        await validateRenderedFiles(
          all,
          PINNED_MODULE_INPUTS,
          await localModuleVariables(all),
        ),
      ).toEqual([]);
    },
  );

  it('fails the KMS policy when the module library stops encrypting the database', async () => {
    const weakened = { ...library };
    weakened['modules/database/main.tf'] = weakened[
      'modules/database/main.tf'
    ].replace(/storage_encrypted\s*=\s*true/, 'storage_encrypted = false');
    expect(weakened['modules/database/main.tf']).toMatch(
      /storage_encrypted = false/,
    );
    const { policies } = await plan('prod', weakened);
    expect(policyErrors(policies).map(p => p.id)).toEqual(['kms-encryption']);
  });

  it.each<[string, RegExp, string]>([
    ['modules/irsa/main.tf', /\n\s*permissions_boundary\s*=.*/, ''],
    ['modules/karpenter/main.tf', /\n\s*node_iam_role_path\s*=.*/, ''],
    // The core node group's role.
    [
      'modules/eks/main.tf',
      /(core = \{[\s\S]*?)\n\s*iam_role_path\s*=.*/,
      '$1',
    ],
    ['modules/vpc/main.tf', /\n\s*path\s*=.*/, ''],
  ])(
    'fails the workload IAM policy when %s drops a boundary or path',
    async (file, setting, replacement) => {
      const weakened = { ...library };
      weakened[file] = weakened[file].replace(setting, replacement);
      expect(weakened[file]).not.toBe(library[file]);
      const { policies } = await plan('dev', weakened);
      const failed = policyErrors(policies);
      expect(failed.map(p => p.id)).toEqual(['workload-iam']);
      expect(failed[0].message).toMatch(new RegExp(`^${file}: `));
    },
  );

  it('fails the workload IAM policy when the root stops passing the boundary', async () => {
    const { files, request, network } = await plan('prod', library);
    const main = `environments/${request.name}/main.tf`;
    const weakened = {
      ...library,
      ...files,
      [main]: files[main].replace(
        /permissions_boundary_arn = local\.workload_boundary_arn/,
        'permissions_boundary_arn = "arn:aws:iam::000000000005:policy/Admin"',
      ),
    };
    expect(weakened[main]).not.toBe(files[main]);
    const failed = policyErrors(
      checkEnvironmentPolicies(request, network, weakened),
    );
    expect(failed.map(p => `${p.id}: ${p.message}`)).toEqual([
      `workload-iam: ${main}: module "vpc" must set permissions_boundary_arn = "arn:aws:iam::000000000005:policy/platform-bootstrap/platform-workload-boundary"`,
    ]);
  });
});
