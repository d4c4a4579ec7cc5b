import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { cpSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { createIacValidateAction } from './iacValidate';

const LIBRARY = resolvePath(
  __dirname,
  '../../../../templates/aws-environment/modules',
);

describe('platform:iac:validate', () => {
  const workspace = createMockDirectory();
  beforeEach(() => {
    workspace.clear();
    cpSync(LIBRARY, resolvePath(workspace.path, 'modules'), {
      recursive: true,
    });
  });

  const run = async (input: Record<string, unknown> = {}) => {
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: workspace.path,
    });
    await createIacValidateAction().handler(ctx);
    return ctx;
  };

  it('accepts the module library and counts the files it checked', async () => {
    const ctx = await run();
    const [[, count]] = (ctx.output as jest.Mock).mock.calls;
    expect(count).toBeGreaterThan(30);
  });

  it('fails with file:line:col on an HCL syntax error', async () => {
    workspace.addContent({
      'environments/qa/main.tf':
        'module "vpc" {\n  source = "../../modules/vpc"\n  name = \n}\n',
    });
    await expect(run()).rejects.toThrow(
      /environments\/qa\/main\.tf:\d+(:\d+)?: /,
    );
  });

  it('fails on an argument the local module does not declare, naming file and line', async () => {
    workspace.addContent({
      'environments/qa/main.tf':
        'module "vpc" {\n  source = "../../modules/vpc"\n  no_such_input = true\n}\n',
    });
    await expect(run()).rejects.toThrow(
      /environments\/qa\/main\.tf:3.*no_such_input/,
    );
  });

  it('fails on a Karpenter NodePool that breaks its schema', async () => {
    workspace.addContent({
      'environments/qa/cluster/karpenter/nodepools.yaml': [
        'apiVersion: karpenter.sh/v1',
        'kind: NodePool',
        'metadata: { name: general }',
        'spec:',
        '  template:',
        '    spec:',
        '      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }',
        '      requirements:',
        '        - { key: karpenter.sh/capacity-type, operator: Sometimes, values: [spot] }',
        '',
      ].join('\n'),
    });
    await expect(run()).rejects.toThrow(
      /environments\/qa\/cluster\/karpenter\/nodepools\.yaml/,
    );
  });

  it('refuses a path outside the workspace', async () => {
    await expect(run({ path: '../elsewhere' })).rejects.toThrow(
      "path '../elsewhere' must stay inside the task workspace",
    );
  });
});
