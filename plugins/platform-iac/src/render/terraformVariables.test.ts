import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseHclBody } from '../policy/hclBody';
import { cost, network, relative, request } from './__fixtures__/requests';
import { renderEnvironment } from './renderEnvironment';

// Terraform itself evaluates the variable validations: they need no provider, so a root holding
// only variables and an output plans offline.
const MODULES = path.resolve(
  __dirname,
  '../../../../templates/aws-environment/modules',
);

const haveTerraform =
  spawnSync('terraform', ['version'], { stdio: 'ignore' }).status === 0;
if (!haveTerraform) {
  // eslint-disable-next-line no-console
  console.warn(
    'terraform not on PATH: skipping the variable validation checks',
  );
}

/** `terraform plan` of a root made of `files`; the combined output and exit status. */
function plan(files: Record<string, string>, args: string[] = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-iac-vars-'));
  try {
    for (const [file, text] of Object.entries(files)) {
      fs.writeFileSync(path.join(dir, file), text);
    }
    const run = (command: string[]) =>
      spawnSync('terraform', command, {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, TF_IN_AUTOMATION: '1' },
      });
    const init = run(['init', '-input=false', '-no-color']);
    expect(init.status).toBe(0);
    const result = run(['plan', '-input=false', '-no-color', ...args]);
    return {
      status: result.status,
      output: `${result.stdout}${result.stderr}`.replace(/\s+/g, ' '),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('pipeline_role_name (rendered variables.tf and terraform.tfvars)', () => {
  const files = relative(
    renderEnvironment({
      request: request('dev'),
      network: network('dev'),
      cost: cost('dev'),
    }),
  );
  const root = {
    'variables.tf': files['variables.tf'],
    'terraform.tfvars': files['terraform.tfvars'],
    'outputs.tf': 'output "role" {\n  value = var.pipeline_role_name\n}\n',
  };

  it('is terraform-plan unless the apply job says terraform-apply', () => {
    if (!haveTerraform) return; // see the warning above
    expect(plan(root).output).toContain('+ role = "terraform-plan"');
    const apply = plan(root, ['-var', 'pipeline_role_name=terraform-apply']);
    expect(apply.output).toContain('+ role = "terraform-apply"');
  });

  it('refuses any other role, such as the old terraform-deploy', () => {
    if (!haveTerraform) return; // see the warning above
    const result = plan(root, ['-var', 'pipeline_role_name=terraform-deploy']);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(
      'pipeline_role_name must be one of the platform-bootstrap roles: terraform-plan or terraform-apply.',
    );
  });
});

describe('module library variables that carry the bootstrap roles', () => {
  const variable = (module: string, name: string) => {
    const text = fs.readFileSync(
      path.join(MODULES, module, 'variables.tf'),
      'utf8',
    );
    const found = parseHclBody(text).blocks.find(
      b => b.type === 'variable' && b.labels[0] === name,
    );
    if (!found) throw new Error(`${module} declares no variable ${name}`);
    return `variable "${name}" {${found.body}}\n`;
  };
  const boundary =
    'arn:aws:iam::111122223333:policy/platform-bootstrap/platform-workload-boundary';

  it.each([
    'vpc',
    'eks',
    'karpenter',
    'irsa',
    'database',
    'secrets',
    'alb-ingress',
  ])(
    '%s takes the workload boundary and nothing else as permissions_boundary_arn',
    module => {
      if (!haveTerraform) return; // see the warning above
      const root = {
        'variables.tf': variable(module, 'permissions_boundary_arn'),
      };
      const given = (value: string) => [
        '-var',
        `permissions_boundary_arn=${value}`,
      ];
      expect(plan(root, given(boundary)).status).toBe(0);
      const other = plan(
        root,
        given('arn:aws:iam::aws:policy/AdministratorAccess'),
      );
      expect(other.status).not.toBe(0);
      expect(other.output).toContain(
        'permissions_boundary_arn must be arn:aws:iam::<account id>:policy/platform-bootstrap/platform-workload-boundary.',
      );
    },
  );

  it('eks takes the two pipeline roles by name', () => {
    if (!haveTerraform) return; // see the warning above
    const root = { 'variables.tf': variable('eks', 'pipeline_role_arns') };
    const roles = (planRole: string, applyRole: string) => [
      '-var',
      `pipeline_role_arns={ plan = "arn:aws:iam::111122223333:role/${planRole}", apply = "arn:aws:iam::111122223333:role/${applyRole}" }`,
    ];
    expect(plan(root, roles('terraform-plan', 'terraform-apply')).status).toBe(
      0,
    );
    const swapped = plan(root, roles('terraform-apply', 'terraform-plan'));
    expect(swapped.status).not.toBe(0);
    expect(swapped.output).toContain(
      'pipeline_role_arns must name the bootstrap roles',
    );
  });
});
