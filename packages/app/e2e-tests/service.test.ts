import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { pick, signIn, snap } from './support';

/*
 * The flask-react-service software template end to end, as the guest (member of team-orders):
 * the form in the browser, the task on the real scaffolder backend, the new local repository
 * and the service's entity that the service-repos provider reads back into the catalog. The
 * repository the browser produced is then cloned and checked like a CI run would: chart, manifests,
 * workflows, the backend's pytest suite against PostgreSQL and the frontend's build and test.
 */

const REPO_ROOT = resolvePath(__dirname, '../../..');

/**
 * scripts/check-service-repo.ts on a clone of the published repository, with the same node
 * transform as scripts/bench: the script itself is under test too. The checks live in
 * @platform-portal/service-repo-checks (packages/service-repo-checks), shared with the service
 * scaffolder module's skeleton test. Returns the exit status and everything printed.
 */
function checkServiceRepo(bareRepo: string, args: string[]) {
  const work = mkdtempSync(join(tmpdir(), 'portal-e2e-orders-clone-'));
  try {
    const clone = join(work, 'orders');
    execFileSync('git', ['clone', '--quiet', `file://${bareRepo}`, clone]);
    const transform = require.resolve(
      '@backstage/cli-node/config/nodeTransform.cjs',
    );
    try {
      const output = execFileSync(
        process.execPath,
        [
          '--require',
          transform,
          join(REPO_ROOT, 'scripts/check-service-repo.ts'),
          clone,
          ...args,
        ],
        {
          cwd: REPO_ROOT,
          encoding: 'utf8',
          // npm install of the frontend on a cold .tools cache dominates.
          timeout: 600_000,
          maxBuffer: 64 * 1024 * 1024,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      return { status: 0, output };
    } catch (error) {
      const e = error as { status?: number; stdout?: string; stderr?: string };
      return {
        status: e.status ?? -1,
        output: `${e.stdout ?? ''}${e.stderr ?? ''}${e.status ? '' : error}`,
      };
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// The repository checks (pytest, helm, the frontend build) add up to ten minutes on a cold cache.
test.setTimeout(900_000);

test('a guest creates the service orders for the dev environment: repository, checks and catalog entity', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/create');
  await expect(
    page.getByText('Flask API + React SPA service', { exact: true }),
  ).toBeVisible();
  await snap(page, '40-create-service');
  // The card's Choose button links here; going directly avoids matching the card grid itself.
  await page.goto('/create/templates/default/flask-react-service');
  await expect(page).toHaveURL(
    /\/create\/templates\/default\/flask-react-service/,
  );

  // Service
  await page.getByRole('textbox', { name: 'Name' }).fill('orders');
  await page
    .getByRole('textbox', { name: 'Description' })
    .fill('Order intake API and back-office UI');
  const owner = page.getByRole('textbox', { name: 'Owner' });
  await pick(page, owner, 'orders', 'Orders team');
  await expect(owner).toHaveValue('group:default/team-orders');
  await snap(page, '41-form-service');
  await page.getByRole('button', { name: 'Next' }).click();

  // Deployment: the dev environment, defaults for scheduling (spot-ok) and database (yes).
  const environments = page.getByRole('textbox', {
    name: 'Target environments',
  });
  await environments.click();
  await environments.fill('dev');
  await page.getByRole('option', { name: 'dev', exact: true }).click();
  await page.keyboard.press('Escape');
  await expect(
    page.getByRole('checkbox', { name: 'PostgreSQL database' }),
  ).toBeChecked();
  await snap(page, '42-form-deployment');
  await page.getByRole('button', { name: 'Next' }).click();

  // Repository: github.com / acme are the only choices; the name is ours.
  // The picker's plain text field has no accessible name: find it next to its helper text.
  const repository = page
    .getByText('The name of the repository')
    .locator('..')
    .getByRole('textbox');
  await repository.click();
  // Typed key by key: the picker updates the form value from its own state.
  await repository.pressSequentially('orders');
  await expect(repository).toHaveValue('orders');
  await repository.press('Tab');
  await snap(page, '43-form-repository');
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByRole('button', { name: 'Create' })).toBeVisible();
  await expect(
    page.getByText('github.com?owner=acme&repo=orders'),
  ).toBeVisible();
  await snap(page, '44-review');
  await page.getByRole('button', { name: 'Create' }).click();

  // The task page: every step done, register skipped (local git), the repository as output.
  await expect(page).toHaveURL(/\/create\/tasks\/[0-9a-f-]+/);
  const summary = page.getByText(
    /^Created file:\/\/\S+orders\.git \(local\), commit [0-9a-f]{40}\.$/,
  );
  await expect(summary).toBeVisible({ timeout: 150_000 });
  await expect(
    page.getByRole('link', { name: /Service in the catalog/i }),
  ).toBeVisible();
  await snap(page, '45-task-completed');

  // The repository, checked with git: one commit on main holding the whole service.
  const text = await summary.innerText();
  const repo = text.match(/file:\/\/(\S+orders\.git)/)![1];
  const sha = text.match(/commit ([0-9a-f]{40})/)![1];
  const git = (...args: string[]) =>
    execFileSync('git', ['--git-dir', repo, ...args], {
      encoding: 'utf8',
    }).trim();
  expect(git('rev-parse', 'main')).toBe(sha);
  const files = git('ls-tree', '-r', '--name-only', 'main').split('\n');
  for (const file of [
    'backend/app/__init__.py',
    'backend/tests/test_items.py',
    'frontend/src/App.test.tsx',
    'chart/values-dev.yaml',
    'deploy/argocd/dev.yaml',
    '.github/workflows/ci.yaml',
    '.github/workflows/delivery.yaml',
    'catalog-info.yaml',
  ]) {
    expect(files).toContain(file);
  }

  // The very repository the browser produced, cloned and checked: the acceptance of issue #6.
  const checks = checkServiceRepo(repo, [
    '--name',
    'orders',
    '--owner',
    'group:default/team-orders',
  ]);
  // Kept with the run (report attachment and log) so it shows what was checked.
  await test.info().attach('check-service-repo', {
    body: checks.output,
    contentType: 'text/plain',
  });
  process.stdout.write(checks.output);
  expect(checks, checks.output).toMatchObject({ status: 0 });
  expect(checks.output).toMatch(/^ok validate action checks: 2 workflows\b/m);
  expect(checks.output).toMatch(
    /^ok actionlint \.github\/workflows\/ci\.yaml$/m,
  );
  expect(checks.output).toMatch(
    /^ok actionlint \.github\/workflows\/delivery\.yaml$/m,
  );
  expect(checks.output).toMatch(/^ok helm lint values-dev\.yaml$/m);
  expect(checks.output).toMatch(
    /^ok helm template values-dev\.yaml: \d+ manifests, all schema-valid$/m,
  );
  const pytest = checks.output.match(
    /^ok pytest: (\d+) passed, 0 skipped \(PostgreSQL\)$/m,
  );
  expect(pytest, checks.output).not.toBeNull();
  expect(Number(pytest![1])).toBeGreaterThan(0);
  expect(checks.output).toMatch(/^ok frontend build\b/m);
  expect(checks.output).toMatch(/^ok frontend test: [1-9]\d* passed$/m);
  expect(checks.output).not.toMatch(/^FAIL /m);

  // The service's entity, read back from the repository by the catalog provider.
  await expect(async () => {
    await page.goto('/catalog/default/component/orders');
    await expect(
      page.getByRole('heading', { name: 'About', exact: true }),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000, intervals: [2_000, 5_000] });
  const about = page
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { name: 'About', exact: true }) });
  const field = (label: string) =>
    about.getByRole('heading', { name: label, exact: true }).locator('..');
  await expect(field('Type')).toContainText('service');
  await expect(
    field('Owner').getByRole('link', { name: 'Orders team' }),
  ).toBeVisible();
  await expect(field('Description')).toContainText(
    'Order intake API and back-office UI',
  );
  await snap(page, '46-service-entity');
});
