import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderService } from '../service/__testUtils__/renderService';
import { validForm } from '../service/__testUtils__/serviceFixtures';
import { createServiceValidateAction } from './serviceValidate';

jest.setTimeout(60_000);

describe('platform:service:validate', () => {
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portal-service-validate-'));
    await renderService(
      { ...validForm, database: false, scheduling: 'graviton-ok' },
      dir,
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = () => {
    const ctx = createMockActionContext({
      input: { name: 'orders', owner: 'group:default/team-orders' },
      workspacePath: dir,
    });
    return createServiceValidateAction()
      .handler(ctx as any)
      .then(() => Object.fromEntries((ctx.output as jest.Mock).mock.calls));
  };

  it('passes the rendered repository and reports what it checked', async () => {
    const out = await run();
    expect(out).toMatchObject({ workflows: 2, manifests: 1 });
    expect(out.checkedFiles).toBeGreaterThan(40);
  });

  it('fails on a workflow with user-controlled text in a run line, naming the file', async () => {
    const file = join(dir, '.github/workflows/delivery.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'run: .github/scripts/set-image-tag.sh',
        'run: echo ${{ github.event.head_commit.message }}',
      ),
    );
    await expect(run()).rejects.toThrow(
      /\.github\/workflows\/delivery\.yaml: jobs\.deploy-dev\.steps\[1\] interpolates user-controlled/,
    );
  });

  it('fails on an invalid ArgoCD Application', async () => {
    const file = join(dir, 'deploy/argocd/dev.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('prune: true', 'prune: sometimes'),
    );
    await expect(run()).rejects.toThrow(
      /deploy\/argocd\/dev\.yaml: Application orders-dev: \/spec\/syncPolicy\/automated\/prune must be boolean/,
    );
  });
});
