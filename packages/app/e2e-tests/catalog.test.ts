import { expect, test } from '@playwright/test';
import { snap } from './support';

test('a guest signs in, finds the prod account and sees its owner and relations', async ({
  page,
}) => {
  await page.goto('/');

  // Sign-in page of the embedded default: guest only.
  await expect(page.getByText('Platform Portal').first()).toBeVisible();
  await snap(page, '01-sign-in');
  await page.getByRole('button', { name: 'Enter' }).click();

  // The catalog is the landing page.
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { name: /Platform Portal Catalog/ }),
  ).toBeVisible();
  await snap(page, '02-catalog');

  // Filter by kind Resource: the five AWS accounts are listed.
  await page.getByLabel('Kind').getByRole('button').click();
  await page.getByRole('option', { name: 'Resource' }).click();
  await expect(page).toHaveURL(/filters%5Bkind%5D=resource/);
  for (const title of [
    'org-root (management)',
    'shared (services)',
    'dev (workloads)',
    'staging (workloads)',
    'prod (workloads)',
  ]) {
    await expect(page.getByRole('link', { name: title })).toBeVisible();
  }
  await snap(page, '03-catalog-resources');

  // The prod account: owner, system, type and its dependency on the shared account.
  await page.getByRole('link', { name: 'prod (workloads)' }).click();
  await expect(page).toHaveURL(/\/catalog\/default\/resource\/prod/);
  await expect(
    page.getByRole('heading', { name: 'prod (workloads)' }),
  ).toBeVisible();
  // About card: owner, system and type.
  const about = page
    .locator('article, [class*="MuiCard"]')
    .filter({ hasText: 'About' })
    .first();
  await expect(about.getByText('Owner', { exact: true })).toBeVisible();
  await expect(
    about.getByRole('link', { name: 'Platform team' }),
  ).toBeVisible();
  await expect(about.getByRole('link', { name: 'AWS platform' })).toBeVisible();
  await expect(about.getByText('aws-account', { exact: true })).toBeVisible();
  // Relations card: owned by the platform team, depends on the shared account, and the prod
  // environment depends on it.
  const relations = page
    .locator('article, [class*="MuiCard"]')
    .filter({ hasText: 'Relations' })
    .first();
  await expect(relations.getByText('shared (services)')).toBeVisible();
  await expect(relations.getByText('prod', { exact: true })).toBeVisible();
  // dependsOn twice: the prod environment on this account, this account on shared.
  await expect(relations.getByText('dependsOn').first()).toBeVisible();
  await expect(relations.getByText('ownerOf')).toBeVisible();
  await snap(page, '04-prod-account');
});
