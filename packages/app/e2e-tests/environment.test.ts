import { expect, Page, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { chooseTemplate, pick, signIn, snap } from './support';

/*
 * The aws-environment software template end to end, as the guest (member of team-orders): the
 * form in the browser, the task on the real scaffolder backend, the commit in the local
 * infrastructure repository, and the environment entity the infrastructure-repo provider reads
 * back into the catalog. The form offers only what the guest may do: the prod tier and the
 * production account are listed but disabled, with the reason (@platform-portal/platform-react).
 */

// Building the plan, validating and committing takes a while on a small machine.
test.setTimeout(180_000);

async function openTemplate(page: Page, screenshot: string) {
  await page.goto('/create');
  const choose = chooseTemplate(page, 'AWS environment');
  await expect(choose).toBeVisible();
  await snap(page, screenshot);
  await choose.click();
  await expect(page).toHaveURL(/\/create\/templates\/default\/aws-environment/);
  await expect(page.getByRole('textbox', { name: 'Name' })).toBeVisible();
}

const tierButton = (page: Page) => page.getByRole('button', { name: /^Tier/ });
const accountField = (page: Page) =>
  page.getByRole('textbox', { name: 'Target AWS account' });

/** Waits until the open list has faded in, so a screenshot shows it as a person sees it. */
async function menuSettled(page: Page) {
  const paper = page
    .getByRole('listbox')
    .locator('xpath=ancestor-or-self::*[contains(@class, "MuiPaper-root")][1]');
  await expect
    .poll(() => paper.evaluate(el => getComputedStyle(el).opacity))
    .toBe('1');
}

async function selectTier(page: Page, tier: string) {
  await tierButton(page).click();
  await page.getByRole('option', { name: tier, exact: true }).click();
  await expect(tierButton(page)).toHaveText(tier);
}

/** Fills the "Environment" page and moves on to "Network and cluster". */
async function fillEnvironment(
  page: Page,
  opts: { name: string; tier: string; account: string; screenshot: string },
) {
  await page.getByRole('textbox', { name: 'Name' }).fill(opts.name);
  await selectTier(page, opts.tier);
  // PlatformAccountPicker shows the account's title; the form value is its entity reference.
  await pick(
    page,
    accountField(page),
    opts.account,
    `${opts.account} (workloads)`,
  );
  await expect(accountField(page)).toHaveValue(`${opts.account} (workloads)`);
  await expect(page.getByRole('button', { name: /^Region/ })).toHaveText(
    'eu-west-1',
  );
  await pick(
    page,
    page.getByRole('textbox', { name: 'Owner' }),
    'orders',
    'Orders team',
    'group:default/team-orders',
  );
  await snap(page, opts.screenshot);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('textbox', { name: 'VPC CIDR' })).toHaveValue(
    'auto',
  );
}

/** From "Network and cluster" through "Database" and "Edge" to the review. */
async function finishForm(
  page: Page,
  opts: { domain: string; screenshots: [string, string, string, string] },
) {
  const [network, database, edge, review] = opts.screenshots;
  await snap(page, network);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('PostgreSQL', { exact: true })).toBeVisible();
  await snap(page, database);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('textbox', { name: 'Domain' }).fill(opts.domain);
  await snap(page, edge);
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByRole('button', { name: 'Create' })).toBeVisible();
  await expect(page.getByText(opts.domain, { exact: true })).toBeVisible();
  await snap(page, review);
}

test('a guest creates the dev environment qa: plan, commit on env/qa and catalog entity', async ({
  page,
}) => {
  await signIn(page);
  await openTemplate(page, '10-create');

  await fillEnvironment(page, {
    name: 'qa',
    tier: 'dev',
    account: 'dev',
    screenshot: '11-form-environment',
  });
  // Network and cluster: defaults, but one NAT gateway for a dev environment.
  const singleNat = page.getByRole('checkbox', { name: 'Single NAT gateway' });
  await singleNat.check();
  await expect(singleNat).toBeChecked();
  await finishForm(page, {
    domain: 'qa.example.com',
    screenshots: [
      '12-form-network',
      '13-form-database',
      '14-form-edge',
      '15-review',
    ],
  });
  await expect(page.getByText('resource:default/dev-account')).toBeVisible();
  await expect(page.getByText('group:default/team-orders')).toBeVisible();
  await page.getByRole('button', { name: 'Create' }).click();

  // The task page: every step done, the plan as output.
  await expect(page).toHaveURL(/\/create\/tasks\/[0-9a-f-]+/);
  const plan = page
    .locator('article, [class*="MuiCard"]')
    .filter({ has: page.getByRole('heading', { name: 'Plan', exact: true }) })
    .first();
  await expect(plan.getByText(/^Committed [0-9a-f]{40} on branch/)).toBeVisible(
    { timeout: 120_000 },
  );
  const planText = await plan.innerText();
  expect(planText).toMatch(/VPC 10\.\d+\.0\.0\/16/);
  expect(planText).toMatch(/\$\d[\d,]*\.\d\d\/month/);
  expect(planText).toMatch(/on branch env\/qa of local:/);
  await expect(
    page.getByRole('link', { name: /Environment in the catalog/i }),
  ).toBeVisible();
  await snap(page, '16-task-completed');

  // The commit, checked in the real repository.
  const sha = planText.match(/Committed ([0-9a-f]{40})/)![1];
  const repo = planText.match(/local:(\S+infrastructure\.git)/)![1];
  const git = (...args: string[]) =>
    execFileSync('git', ['--git-dir', repo, ...args], {
      encoding: 'utf8',
    }).trim();
  expect(git('rev-parse', 'env/qa')).toBe(sha);
  expect(git('rev-list', '--count', 'main..env/qa')).toBe('1');
  expect(git('rev-parse', 'env/qa~1')).toBe(git('rev-parse', 'main'));
  const files = git('ls-tree', '-r', '--name-only', 'env/qa').split('\n');
  expect(files).toContain('environments/qa/main.tf');
  expect(files).toContain('environments/qa/catalog-info.yaml');
  expect(
    files.some(f => f.startsWith('environments/qa/cluster/karpenter/')),
  ).toBe(true);
  expect(files.some(f => f.startsWith('modules/'))).toBe(true);

  // The environment entity, read back from the branch by the entity provider (every 30 s).
  // The page header shows the name even for a missing entity: wait for the About card instead.
  await expect(async () => {
    await page.goto('/catalog/default/resource/qa');
    await expect(
      page.getByRole('heading', { name: 'About', exact: true }),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000, intervals: [2_000, 5_000] });
  // About card: type environment, owned by the team picked in the form.
  const about = page
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { name: 'About', exact: true }) });
  const field = (label: string) =>
    about.getByRole('heading', { name: label, exact: true }).locator('..');
  await expect(field('Type')).toContainText('environment');
  await expect(field('Kind')).toContainText('Resource');
  await expect(
    field('Owner').getByRole('link', { name: 'Orders team' }),
  ).toHaveAttribute('href', /\/catalog\/default\/group\/team-orders$/);
  await expect(field('Description')).toContainText(
    'dev environment qa in eu-west-1',
  );
  // Relations card: the graph shows the owning team.
  const relations = page.getByRole('article').filter({
    has: page.getByRole('heading', { name: 'Relations', exact: true }),
  });
  await expect(relations.getByText('ownedBy')).toBeVisible();
  await expect(relations.getByText('Orders team')).toBeVisible();
  await snap(page, '17-environment-entity');
});

test('a guest sees the prod tier and the production account disabled, with the reasons', async ({
  page,
}) => {
  await signIn(page);
  await openTemplate(page, '20-create');

  // PlatformTierPicker: prod is listed but disabled, with the reason, because the permission
  // policy denies the guest environmentCreateProdPermission (the decision plan/publish ask for).
  await tierButton(page).click();
  const prodTier = page.getByRole('option', { name: /^prod/ });
  await expect(prodTier).toBeVisible();
  await expect(prodTier).toBeDisabled();
  await expect(prodTier).toContainText(
    'Production environments need membership in the platform team',
  );
  for (const tier of ['dev', 'staging', 'other']) {
    await expect(
      page.getByRole('option', { name: tier, exact: true }),
    ).toBeEnabled();
  }
  await menuSettled(page);
  await snap(page, '21-form-tier-prod-disabled');
  await page.keyboard.press('Escape');
  await expect(tierButton(page)).toHaveText('dev');

  // PlatformAccountPicker: for a dev environment the production account (marked by the
  // aws-accounts catalog module from platform.iac.productionAccounts) is disabled, with the reason.
  await accountField(page).click();
  const prodAccount = page.getByRole('option', { name: /^prod \(workloads\)/ });
  await expect(prodAccount).toBeVisible();
  await expect(prodAccount).toBeDisabled();
  await expect(prodAccount).toContainText(
    'prod-account takes only production environments',
  );
  await expect(
    page.getByRole('option', { name: 'dev (workloads)', exact: true }),
  ).toBeEnabled();
  await menuSettled(page);
  await snap(page, '22-form-account-prod-disabled');
  await page.keyboard.press('Escape');
});

test('a prod tier that bypasses the picker stops at the form validation', async ({
  page,
}) => {
  await signIn(page);
  // Prefilled through the URL, as a link could do: the picker shows prod, "Next" asks the
  // permission API again and refuses. (The server refuses it as well: see
  // packages/backend/src/environmentTemplate.integration.test.ts.)
  const formData = JSON.stringify({ name: 'live', tier: 'prod' });
  await page.goto(
    `/create/templates/default/aws-environment?formData=${encodeURIComponent(
      formData,
    )}`,
  );
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('live');
  await expect(tierButton(page)).toHaveText('prod');
  // For prod, only the production account is open.
  await accountField(page).click();
  await expect(
    page.getByRole('option', { name: /^dev \(workloads\)/ }),
  ).toContainText('production environments go to a production account');
  await pick(page, accountField(page), 'prod', 'prod (workloads)');
  await pick(
    page,
    page.getByRole('textbox', { name: 'Owner' }),
    'orders',
    'Orders team',
    'group:default/team-orders',
  );
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(
    page
      .getByText('Production environments need membership in the platform team')
      .first(),
  ).toBeVisible();
  // Still on the first page: nothing was submitted.
  await expect(page.getByRole('textbox', { name: 'VPC CIDR' })).toHaveCount(0);
  await snap(page, '23-form-prod-refused');
});
