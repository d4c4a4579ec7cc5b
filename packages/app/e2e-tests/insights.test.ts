import { expect, Page, test } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  backstageToken,
  E2E_OUTPUT,
  getJson,
  SCREENSHOTS,
  sidebar,
  signIn,
  snap,
} from './support';

/** GET an aws-insights API path with the user's token. */
const insights = (page: Page, token: string, path: string) =>
  getJson(page, token, `/api/aws-insights${path}`);

/*
 * The Platform dashboards on the production build and the sample fleet: the fleet page from the
 * sidebar, its first meaningful content time, its figures against the backend API's, the prod
 * environment's tab, a cluster card and an account card, in light and dark theme.
 */

const FIRST_CONTENT_BUDGET_MS = 2000;

test.setTimeout(180_000);

// Written independently of the plugin's formatters: the page must show the API's figures.
const usd = (v: number) =>
  `$${v.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })}`;
const share = (v: number) => `${(v * 100).toFixed(1)} %`;
const count = (v: number) => v.toLocaleString('en-US');

/** The KPI tiles show the same numbers as the API's FleetResponse. */
async function expectKpisMatch(page: Page, body: any) {
  const tile = (name: string) => page.getByRole('group', { name, exact: true });
  const unhealthy = body.databases.filter(
    (d: any) => d.verdict !== 'healthy',
  ).length;
  const expected: Array<[string, string]> = [
    ['Nodes', count(body.fleet.nodes)],
    ['vCPU', `${count(body.fleet.vcpu)} vCPU`],
    ['Compute $/month', usd(body.mix.usdPerMonth)],
    ['Savings/month', usd(body.mix.savingsUsdPerMonth)],
    ['Spot share', share(body.mix.spotShareByVcpu)],
    ['Graviton share', share(body.mix.armShareByVcpu)],
    ['Unhealthy databases', `${unhealthy}of ${body.databases.length}`],
  ];
  for (const [name, value] of expected) {
    await expect(tile(name), name).toContainText(value);
  }
  return expected;
}

async function setTheme(page: Page, theme: 'light' | 'dark') {
  await page.evaluate(t => window.localStorage.setItem('theme', t), theme);
  await page.reload();
}

/**
 * Charts and tables below the fold have loaded: the trend and the WAF detail, whose sampled
 * requests (client IPs) are the platform team's: the guest, an app-team member, gets the notice.
 */
async function waitForSections(page: Page) {
  await expect(
    page
      .getByRole('region', { name: 'Spot/Graviton trend' })
      .locator('svg.recharts-surface')
      .first(),
  ).toBeVisible();
  await expect(
    page.getByText('Sampled requests are visible to the platform team'),
  ).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Sampled blocked requests' }),
  ).toHaveCount(0);
}

test('the Platform page shows the sample fleet with the API figures, fast, in light and dark', async ({
  page,
}) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await signIn(page);

  // From the sidebar: Platform sits right after Catalog and Create.
  await sidebar(page)
    .getByRole('link', { name: 'Platform', exact: true })
    .click();
  await expect(page).toHaveURL(/\/platform$/);
  await expect(
    page.getByRole('group', { name: 'Nodes', exact: true }),
  ).toBeVisible();

  // Cold load of the page on the production build: navigation start to the first KPI tile.
  await page.goto('/platform', { waitUntil: 'commit' });
  const firstContentMs = await page.evaluate(
    () =>
      new Promise<number>(resolve => {
        const check = () =>
          document.querySelector('[data-kpi="nodes"]')
            ? resolve(Math.round(performance.now()))
            : requestAnimationFrame(check);
        check();
      }),
  );
  // The figure the issue asks the e2e run to print.
  // eslint-disable-next-line no-console
  console.log(`fleet page first meaningful content: ${firstContentMs} ms`);
  mkdirSync(E2E_OUTPUT, { recursive: true });
  writeFileSync(
    `${E2E_OUTPUT}/fleet-page-timing.json`,
    `${JSON.stringify(
      {
        firstMeaningfulContentMs: firstContentMs,
        budgetMs: FIRST_CONTENT_BUDGET_MS,
        measuredAt: new Date().toISOString(),
      },
      null,
      2,
    )}\n`,
  );
  expect(firstContentMs).toBeLessThan(FIRST_CONTENT_BUDGET_MS);

  const token = await backstageToken(page);
  const fleet = await insights(page, token, '/fleet');
  expect(fleet.sample).toBe(true);
  const shown = await expectKpisMatch(page, fleet);
  // eslint-disable-next-line no-console
  console.log(
    `fleet figures matched the API: ${shown
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
  );
  await expect(page.getByLabel('Sample fleet')).toContainText(
    'Sample fleet: no AWS accounts are connected.',
  );
  // The header dates the page by its oldest data: every sample source was read at the refresh.
  expect(fleet.stale).toBe(false);
  expect(fleet.dataAsOf).toBe(fleet.generatedAt);
  // Client IPs of sampled WAF requests are not the guest's: the API leaves them out.
  const waf = await insights(page, token, '/web-acls/prod-web-acl');
  expect(waf.sampledVisible).toBe(false);
  expect(waf).not.toHaveProperty('sampledBlocked');

  // Every section is filled from the sample fleet.
  for (const cluster of [
    'dev-eks',
    'staging-eks',
    'prod-eks',
    'prod-eks-euc1',
  ]) {
    await expect(
      page.getByRole('group', { name: `Cluster ${cluster}`, exact: true }),
    ).toBeVisible();
  }
  await expect(
    page
      .getByRole('grid', { name: 'Databases' })
      .getByText('prod-aurora-pg', { exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Graviton candidates' }),
  ).toBeVisible();
  await waitForSections(page);
  await snap(page, '30-platform-light');

  await setTheme(page, 'dark');
  await expect(
    page.getByRole('group', { name: 'Nodes', exact: true }),
  ).toBeVisible();
  await waitForSections(page);
  await snap(page, '31-platform-dark');
  await setTheme(page, 'light');

  // The filter bar asks the backend for the subset.
  await page.getByRole('button', { name: /All environments/ }).click();
  await page.getByRole('option', { name: 'staging', exact: true }).click();
  await expect(page).toHaveURL(/environment=staging/);
  const staging = await insights(page, token, '/fleet?environment=staging');
  await expect(
    page.getByRole('group', { name: 'Nodes', exact: true }),
  ).toContainText(count(staging.fleet.nodes));
  await expect(
    page.getByRole('group', { name: 'Compute $/month', exact: true }),
  ).toContainText(usd(staging.mix.usdPerMonth));
  await snap(page, '32-platform-filtered-staging');
});

test('the prod environment tab, a cluster card and the prod account card', async ({
  page,
}) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await signIn(page);
  const token = await backstageToken(page);

  await page.goto('/catalog/default/resource/prod');
  // The entity page's tabs are links in its content navigation.
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Platform', exact: true })
    .click();
  await expect(page).toHaveURL(/\/catalog\/default\/resource\/prod\/platform$/);
  await expect(
    page.getByText('AWS resources tagged environment=prod'),
  ).toBeVisible();
  const prod = await insights(page, token, '/environments/prod');
  await expectKpisMatch(page, prod);
  for (const cluster of ['prod-eks', 'prod-eks-euc1']) {
    await expect(
      page.getByRole('group', { name: `Cluster ${cluster}`, exact: true }),
    ).toBeVisible();
  }
  await expect(
    page.getByRole('group', { name: 'Cluster dev-eks', exact: true }),
  ).toHaveCount(0);
  await waitForSections(page);
  await snap(page, '33-environment-prod-light');
  await setTheme(page, 'dark');
  await expect(
    page.getByRole('group', { name: 'Nodes', exact: true }),
  ).toBeVisible();
  await waitForSections(page);
  await snap(page, '34-environment-prod-dark');
  await setTheme(page, 'light');

  // A cluster resource from the catalog module: its capacity and cost card on the overview.
  // The catalog module emits these entities 15 s after start, then on every refresh.
  const card = page.getByRole('region', { name: 'EKS capacity and cost' });
  await expect(async () => {
    await page.goto('/catalog/default/resource/prod-eks');
    await expect(
      card.getByRole('group', { name: 'Cluster prod-eks' }),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000, intervals: [2_000, 5_000] });
  const cluster = await insights(page, token, '/clusters/prod-eks');
  await expect(card.getByRole('group', { name: 'Monthly cost' })).toContainText(
    usd(cluster.mix.usdPerMonth),
  );
  await snap(page, '35-cluster-card');

  // The prod account: its environments and the bootstrap stack.
  await page.goto('/catalog/default/resource/prod-account');
  const account = page.getByRole('region', {
    name: 'Environments and bootstrap',
  });
  await expect(
    account.getByRole('link', { name: 'prod', exact: true }),
  ).toBeVisible();
  await expect(account.getByLabel('Bootstrap stack status')).toContainText(
    /platform-bootstrap: \w+_COMPLETE/,
  );
  await snap(page, '36-prod-account');
});
