import { APIRequestContext, expect, Page, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import {
  backstageToken,
  chooseTemplate,
  getJson,
  pick,
  SCREENSHOTS,
  signIn,
  snap,
} from '../support';

/*
 * Issue #7's acceptance in the browser (playwright.bootstrap.config.ts): against moto_server, the
 * aws-account-bootstrap template run from the Create page creates the platform-bootstrap stack, a
 * second run is a no-op success, and the shared account's page shows the stack as complete from
 * the insights backend (not the sample fleet). Guest sign-in is alice (platform-team) in this run.
 */

const TEMPLATE_TITLE = 'AWS account bootstrap';
// moto's default account; app-config.bootstrap.yaml maps shared-account onto it.
const ACCOUNT_ID = '123456789012';
const REGION = 'eu-west-1';
const SHARED = 'resource:default/shared-account';
const PLAN_ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/terraform-plan`;
const APPLY_ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/terraform-apply`;
const READ_ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/platform-portal-read`;
const STATE_BUCKET = `tfstate-${ACCOUNT_ID}-${REGION}`;

// Two stack runs, the catalog round trip of the role ARNs and the insights refresh.
test.setTimeout(420_000);

type Identity = { token: string; userEntityRef: string; groups: string[] };

/** What guest sign-in issues right now: the user and the groups read from the catalog. */
async function guestIdentity(request: APIRequestContext): Promise<Identity> {
  const response = await request.get(
    '/api/auth/guest/refresh?env=development',
    {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    },
  );
  if (!response.ok()) return { token: '', userEntityRef: '', groups: [] };
  const { backstageIdentity } = await response.json();
  return {
    token: backstageIdentity.token,
    userEntityRef: backstageIdentity.identity?.userEntityRef ?? '',
    groups: backstageIdentity.identity?.ownershipEntityRefs ?? [],
  };
}

/** Guest sign-in once the guest (alice here) holds platform-team membership. */
async function signInAsPlatformTeam(page: Page) {
  // The membership comes from the catalog, which fills in right after start-up: sign in only
  // once it is there, or the app's token would carry no platform-team ownership.
  await expect
    .poll(async () => (await guestIdentity(page.request)).groups, {
      timeout: 120_000,
      intervals: [1_000, 2_000],
    })
    .toContain('group:default/platform-team');
  await signIn(page);
}

/** Create → the template's card → Choose; the first form page. */
async function openTemplate(page: Page) {
  const choose = chooseTemplate(page, TEMPLATE_TITLE);
  // The template is read from the repository's templates folder right after start-up.
  await expect(async () => {
    await page.goto('/create');
    await expect(choose).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000, intervals: [2_000, 5_000] });
  await choose.click();
  await expect(page).toHaveURL(
    /\/create\/templates\/default\/aws-account-bootstrap/,
  );
  await expect(
    page.getByRole('textbox', { name: 'AWS account' }),
  ).toBeVisible();
}

/** Fills the form for the shared account, confirms, creates; returns the task id. */
async function runBootstrap(page: Page): Promise<string> {
  await openTemplate(page);
  await pick(
    page,
    page.getByRole('textbox', { name: 'AWS account' }),
    'shared',
    'shared (services)',
    SHARED,
  );
  await page.getByRole('button', { name: 'Next' }).click();
  const confirm = page.getByRole('checkbox', {
    name: /Create or update the platform-bootstrap stack in this account/,
  });
  await confirm.check();
  await expect(confirm).toBeChecked();
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByText(SHARED)).toBeVisible();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/create\/tasks\/[0-9a-f-]+/);
  return page.url().match(/\/create\/tasks\/([0-9a-f-]+)/)![1];
}

/** The task as the scaffolder API reports it, with its log, once it has finished. */
async function finishedTask(page: Page, token: string, id: string) {
  let task: any;
  await expect
    .poll(
      async () => {
        task = await getJson(page, token, `/api/scaffolder/v2/tasks/${id}`);
        return task.status;
      },
      { timeout: 240_000, intervals: [1_000, 2_000] },
    )
    .toMatch(/^(completed|failed|cancelled)$/);
  const events = await getJson(
    page,
    token,
    `/api/scaffolder/v2/tasks/${id}/events`,
  );
  const log = (events as Array<{ body: { message?: string } }>)
    .map(e => e.body.message ?? '')
    .join('\n');
  // On failure, the assertion shows the log.
  expect({
    status: task.status,
    log: task.status === 'completed' ? '' : log,
  }).toEqual({ status: 'completed', log: '' });
  return { task, log };
}

/** The template's text output on the task page. */
const stackOutput = (page: Page) =>
  page
    .locator('article, [class*="MuiCard"]')
    .filter({
      has: page.getByRole('heading', {
        name: 'Stack platform-bootstrap',
        exact: true,
      }),
    })
    .first();

test('alice bootstraps the shared account on moto: created, then a no-op, then complete on the account page', async ({
  page,
}) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await signInAsPlatformTeam(page);
  const token = await backstageToken(page);
  const me = await guestIdentity(page.request);
  expect(me.userEntityRef).toBe('user:default/alice');

  // First run: the stack does not exist and is created.
  const firstId = await runBootstrap(page);
  await expect(stackOutput(page)).toContainText(
    `CREATE_COMPLETE in account ${ACCOUNT_ID} (${REGION}), create.`,
    { timeout: 240_000 },
  );
  const first = await finishedTask(page, token, firstId);
  expect(first.log).toMatch(
    /Stack platform-bootstrap does not exist: creating it/,
  );
  expect(first.log).toMatch(
    /platform-bootstrap AWS::CloudFormation::Stack CREATE_COMPLETE/,
  );
  const firstOutput = stackOutput(page);
  await expect(firstOutput).toContainText(PLAN_ROLE);
  await expect(firstOutput).toContainText(APPLY_ROLE);
  await expect(firstOutput).toContainText(READ_ROLE);
  await expect(firstOutput).toContainText(STATE_BUCKET);
  // The log the task page shows once the task has finished.
  await expect(
    page.getByText(/Stack platform-bootstrap does not exist: creating it/),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Account in the catalog' }),
  ).toBeVisible();
  await snap(page, '50-bootstrap-task-created');

  // Second run with the same inputs: nothing to do, and still a success.
  const secondId = await runBootstrap(page);
  expect(secondId).not.toBe(firstId);
  await expect(stackOutput(page)).toContainText(
    `CREATE_COMPLETE in account ${ACCOUNT_ID} (${REGION}), none.`,
    { timeout: 240_000 },
  );
  const second = await finishedTask(page, token, secondId);
  expect(second.log).toMatch(
    /Stack platform-bootstrap is CREATE_COMPLETE with this template and these parameters: nothing to do/,
  );
  expect(second.log).toMatch(
    /Stack platform-bootstrap CREATE_COMPLETE \(unchanged\)/,
  );
  expect(second.log).not.toMatch(/creating it|UPDATE_IN_PROGRESS/);
  expect(second.log).toMatch(
    /accounts\/shared-account\.json on the base branch of .* is up to date: nothing to commit/,
  );
  await expect(stackOutput(page)).toContainText(APPLY_ROLE);
  await expect(
    page.getByText(/with this template and these parameters: nothing to do/),
  ).toBeVisible();
  await snap(page, '51-bootstrap-task-second-run-noop');

  // The role ARNs recorded on the account entity (through the local infrastructure repository).
  await expect
    .poll(
      async () =>
        (
          await getJson(
            page,
            token,
            '/api/catalog/entities/by-name/resource/default/shared-account',
          )
        ).metadata.annotations,
      { timeout: 120_000, intervals: [2_000, 5_000] },
    )
    .toMatchObject({
      'aws.amazon.com/account-id': ACCOUNT_ID,
      'platform-portal.io/plan-role-arn': PLAN_ROLE,
      'platform-portal.io/apply-role-arn': APPLY_ROLE,
      'platform-portal.io/portal-read-role-arn': READ_ROLE,
      'platform-portal.io/state-bucket': STATE_BUCKET,
      'platform-portal.io/bootstrap-stack-id': expect.stringContaining(
        `:${ACCOUNT_ID}:stack/platform-bootstrap/`,
      ),
    });

  // The account page: the card reads the insights backend, which refreshes from moto every 5 s.
  const card = page.getByRole('region', { name: 'Environments and bootstrap' });
  const status = card.getByLabel('Bootstrap stack status');
  await expect(async () => {
    await page.goto('/catalog/default/resource/shared-account');
    await expect(status).toContainText('platform-bootstrap: CREATE_COMPLETE', {
      timeout: 5_000,
    });
  }).toPass({ timeout: 180_000, intervals: [2_000, 5_000] });
  await expect(card.getByText('Sample fleet')).toHaveCount(0);
  await expect(card).toContainText(PLAN_ROLE);
  await expect(card).toContainText(APPLY_ROLE);
  await expect(card).toContainText(READ_ROLE);
  await expect(card).toContainText(STATE_BUCKET);
  await expect(card).toContainText(REGION);
  await expect(card.getByText('Recent stack events')).toBeVisible();
  // The same answer from the API the card asks, with the browser's token: moto, not the sample.
  const fleet = await getJson(
    page,
    token,
    `/api/aws-insights/fleet?accountId=${ACCOUNT_ID}`,
  );
  expect(fleet.sample).toBe(false);
  expect(
    fleet.stacks.find((s: any) => s.name === 'platform-bootstrap'),
  ).toMatchObject({ accountId: ACCOUNT_ID, status: 'CREATE_COMPLETE' });
  await snap(page, '52-shared-account-bootstrapped');
});
