import { PINNED_MODULE_INPUTS } from '../data';
import { validateTerraformFile } from './terraform';

const EKS = (body: string) =>
  [
    'module "eks" {',
    '  source  = "terraform-aws-modules/eks/aws"',
    '  version = "21.19.0"',
    '',
    '  name = var.name',
    body,
    '}',
    '',
  ].join('\n');

const NODE_GROUPS = `  eks_managed_node_groups = {
    core = {
      instance_types = ["m7g.large"]
      taints = {
        critical = {
          key    = "CriticalAddonsOnly"
          value  = "true"
          effect = "NO_SCHEDULE"
        }
      }
    }
  }`;

const ADDONS = `  addons = {
    vpc-cni = {
      before_compute       = true
      configuration_values = jsonencode({ enableNetworkPolicy = "true" })
    }
  }`;

const check = (text: string) =>
  validateTerraformFile('main.tf', text, PINNED_MODULE_INPUTS);

describe('validateTerraformFile: argument shapes against the pinned variable types', () => {
  it('accepts nested objects of the declared shape and expressions', async () => {
    await expect(check(EKS(`${NODE_GROUPS}\n${ADDONS}`))).resolves.toEqual([]);
  });

  it('reports an unknown nested attribute with its path and line', async () => {
    const text = EKS(
      NODE_GROUPS.replace('effect = "NO_SCHEDULE"', 'efect  = "NO_SCHEDULE"'),
    );
    const problems = await check(text);
    expect(problems).toEqual([
      {
        file: 'main.tf',
        line: 6,
        message:
          'module "eks": argument eks_managed_node_groups.core.taints.critical.efect: unknown attribute "efect" (known: key, value, effect)',
      },
      {
        file: 'main.tf',
        line: 6,
        message:
          'module "eks": argument eks_managed_node_groups.core.taints.critical: required attribute "effect" is missing',
      },
    ]);
  });

  it('reports a wrong shape: an object where the module takes a string, a string for a list', async () => {
    const text = EKS(
      `${ADDONS.replace(
        'jsonencode({ enableNetworkPolicy = "true" })',
        '{ enableNetworkPolicy = "true" }',
      )}\n  subnet_ids = "subnet-1"`,
    );
    const messages = (await check(text)).map(p => p.message);
    expect(messages).toEqual([
      'module "eks": argument addons.vpc-cni.configuration_values: expected a string, got an object',
      'module "eks": argument subnet_ids: expected a list, got a string',
    ]);
  });

  it('does not check shapes against a different version than the pinned one', async () => {
    const text = EKS('  subnet_ids = "subnet-1"').replace(
      '"21.19.0"',
      '"20.0.0"',
    );
    const messages = (await check(text)).map(p => p.message);
    expect(messages).toEqual([
      'module "eks": version "20.0.0" does not pin v21.19.0 of terraform-aws-modules/eks/aws',
    ]);
  });
});
