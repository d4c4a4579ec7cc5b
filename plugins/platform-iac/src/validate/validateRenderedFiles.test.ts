import fs from 'node:fs';
import path from 'node:path';
import { cost, network, request } from '../render/__fixtures__/requests';
import { renderEnvironment } from '../render/renderEnvironment';
import { MODULE_NAMES } from '../render/options';
import { RenderedFiles } from '../types';
import { declaredVariables } from './terraform';
import { loadModuleInputs } from './moduleInputs';
import { PINNED_MODULE_INPUTS } from '../data';
import { localModuleVariables } from './localModules';
import { validateRenderedFiles } from './validateRenderedFiles';

const MODULES_DIR = path.resolve(
  __dirname,
  '../../../../templates/aws-environment/modules',
);

/** modules/<name>/<file> -> content, as the scaffolder copies the library. */
function moduleLibrary(): RenderedFiles {
  const files: RenderedFiles = {};
  for (const name of fs.readdirSync(MODULES_DIR)) {
    for (const file of fs.readdirSync(path.join(MODULES_DIR, name))) {
      files[`modules/${name}/${file}`] = fs.readFileSync(
        path.join(MODULES_DIR, name, file),
        'utf8',
      );
    }
  }
  return files;
}

function renderDev(): RenderedFiles {
  return renderEnvironment({
    request: request('dev'),
    network: network('dev'),
    cost: cost('dev'),
  });
}

const VPC_MODULE = [
  'module "vpc" {',
  '  source  = "terraform-aws-modules/vpc/aws"',
  '  version = "6.6.0"',
  '',
  '  name = "x"',
  '  cidr = "10.0.0.0/16"',
  '}',
  '',
].join('\n');

describe('validateRenderedFiles', () => {
  it('lists exactly the modules of the library', () => {
    expect(fs.readdirSync(MODULES_DIR).sort()).toEqual(
      [...MODULE_NAMES].sort(),
    );
  });

  it('finds no problems in the rendered roots and the module library', async () => {
    const library = moduleLibrary();
    const locals = await localModuleVariables(library);
    expect(Object.keys(locals).sort()).toEqual([...MODULE_NAMES].sort());
    for (const tier of ['dev', 'staging', 'prod'] as const) {
      const files = {
        ...renderEnvironment({
          request: request(tier),
          network: network(tier),
          cost: cost(tier),
        }),
        ...library,
      };
      await expect(
        validateRenderedFiles(files, PINNED_MODULE_INPUTS, locals),
      ).resolves.toEqual([]);
    }
    // Three roots with stage 2 and the whole library: a cold first run takes seconds.
  }, 30_000);

  it('reports an argument a registry module does not declare, with its line', async () => {
    const text = VPC_MODULE.replace(
      '  cidr = "10.0.0.0/16"',
      '  cidr = "10.0.0.0/16"\n  enable_nat = true',
    );
    const problems = await validateRenderedFiles(
      { 'modules/vpc/main.tf': text },
      PINNED_MODULE_INPUTS,
    );
    expect(problems).toEqual([
      {
        file: 'modules/vpc/main.tf',
        line: 7,
        message:
          'module "vpc": argument "enable_nat" is not an input of terraform-aws-modules/vpc/aws v6.6.0',
      },
    ]);
  });

  it('reports a version pin that differs from the catalog', async () => {
    const text = VPC_MODULE.replace('"6.6.0"', '"~> 5.0"');
    const problems = await validateRenderedFiles(
      { 'main.tf': text },
      PINNED_MODULE_INPUTS,
    );
    expect(problems).toEqual([
      {
        file: 'main.tf',
        line: 3,
        message:
          'module "vpc": version "~> 5.0" does not pin v6.6.0 of terraform-aws-modules/vpc/aws',
      },
    ]);
  });

  it('reports registry modules missing from the catalog', async () => {
    const text = VPC_MODULE.replace('vpc/aws"', 'sqs/aws"');
    const problems = await validateRenderedFiles(
      { 'main.tf': text },
      PINNED_MODULE_INPUTS,
    );
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'main.tf',
        line: 2,
        message: expect.stringContaining('not in the module inputs catalog'),
      }),
    ]);
  });

  it('reports HCL syntax errors with file, line and column', async () => {
    const files = { ...renderDev() };
    const main = 'environments/orders-dev/main.tf';
    files[main] = files[main].replace(
      '  name = var.environment\n',
      '  name = \n',
    );
    const problems = await validateRenderedFiles(files, PINNED_MODULE_INPUTS);
    const line =
      renderDev()[main].split('\n').indexOf('  name = var.environment') + 1;
    expect(problems).toEqual([
      expect.objectContaining({
        file: main,
        line,
        column: expect.any(Number),
        message: expect.stringMatching(/^HCL syntax error: /),
      }),
    ]);
  });

  it('reports syntax errors in terraform.tfvars', async () => {
    const problems = await validateRenderedFiles(
      { 'x/terraform.tfvars': 'a = "b\n' },
      PINNED_MODULE_INPUTS,
    );
    expect(problems).toEqual([
      expect.objectContaining({ file: 'x/terraform.tfvars', line: 1 }),
    ]);
  });

  it('reports arguments a local module does not declare', async () => {
    const files = renderDev();
    const main = 'environments/orders-dev/main.tf';
    const locals = await localModuleVariables(moduleLibrary());
    const roles = /^ {2}roles +=.*$/m;
    const edited = files[main].replace(roles, '$&\n  role_names = []');
    expect(edited).not.toBe(files[main]);
    const problems = await validateRenderedFiles(
      { [main]: edited },
      PINNED_MODULE_INPUTS,
      locals,
    );
    const line = files[main].split('\n').findIndex(l => roles.test(l)) + 2;
    expect(problems).toEqual([
      {
        file: main,
        line,
        message:
          'module "workload_identity": argument "role_names" is not a variable of local module "irsa"',
      },
    ]);
  });

  it('reports an invalid NodePool at the offending line', async () => {
    const file = 'environments/orders-dev/cluster/karpenter/nodepools.yaml';
    const text = renderDev()[file].replace(
      'operator: Gt',
      'operator: GreaterThan',
    );
    const problems = await validateRenderedFiles(
      { [file]: text },
      PINNED_MODULE_INPUTS,
    );
    const line =
      text.split('\n').findIndex(l => l.includes('operator: GreaterThan')) + 1;
    expect(problems).toEqual([
      {
        file,
        line,
        message: expect.stringContaining(
          'NodePool (karpenter.sh/v1) /spec/template/spec/requirements/3/operator',
        ),
      },
    ]);
  });

  it('reports unknown kinds and YAML syntax errors', async () => {
    const problems = await validateRenderedFiles(
      {
        'cluster/a.yaml':
          'apiVersion: karpenter.sh/v1\nkind: NodeGroup\nmetadata:\n  name: x\n',
        'cluster/b.yaml': 'a: [1, 2\n',
        'gitops/c.yaml': 'apiVersion: ../../etc/v1\nkind: Secret\n',
        'environments/x/cluster/d/e.yaml':
          'apiVersion: external-secrets.io/v1beta9\nkind: ClusterSecretStore\n',
      },
      PINNED_MODULE_INPUTS,
    );
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'cluster/b.yaml',
        line: expect.any(Number),
        message: expect.stringMatching(/^YAML syntax error/),
      }),
      {
        file: 'cluster/a.yaml',
        line: 2,
        message: 'unknown apiVersion/kind: NodeGroup (karpenter.sh/v1)',
      },
      {
        file: 'environments/x/cluster/d/e.yaml',
        line: 2,
        message:
          'unknown apiVersion/kind: ClusterSecretStore (external-secrets.io/v1beta9)',
      },
      {
        file: 'gitops/c.yaml',
        line: 2,
        message: 'unknown apiVersion/kind: Secret (../../etc/v1)',
      },
    ]);
  });

  it('validates core Kubernetes kinds too', async () => {
    const ok =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n';
    const bad =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replicas: many\n';
    const problems = await validateRenderedFiles(
      { 'cluster/ok.yaml': ok, 'cluster/bad.yaml': bad },
      PINNED_MODULE_INPUTS,
    );
    expect(problems.every(p => p.file === 'cluster/bad.yaml')).toBe(true);
    expect(problems).toContainEqual({
      file: 'cluster/bad.yaml',
      line: 6,
      message: 'Deployment (apps/v1) /spec/replicas: must be integer',
    });
  });
});

describe('loadModuleInputs', () => {
  it('rejects malformed catalogs', () => {
    expect(() =>
      loadModuleInputs({ 'terraform-aws-modules/vpc/aws': { version: 'v1' } }),
    ).toThrow();
    expect(() => loadModuleInputs([])).toThrow();
  });
});

describe('declaredVariables', () => {
  it('lists variable block names', async () => {
    await expect(
      declaredVariables(
        'variable "a" {\n  type = string\n}\n\nvariable "b" {}\n',
      ),
    ).resolves.toEqual(['a', 'b']);
  });
});
