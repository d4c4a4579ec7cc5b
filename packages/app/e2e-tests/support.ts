import { expect, Locator, Page } from '@playwright/test';

/*
 * Helpers shared by the e2e tests (this file matches neither config's test pattern). Every test
 * signs in the way a person does and calls the backend with the token the app itself holds.
 */

export const E2E_OUTPUT = 'test-output/e2e';
export const SCREENSHOTS = `${E2E_OUTPUT}/screenshots`;

/**
 * A full-page screenshot. Backstage pages scroll inside a container rather than the body, so the
 * viewport grows by what that container hides for the shot.
 */
export async function snap(page: Page, name: string) {
  const hidden = await page.evaluate(() => {
    let max = 0;
    for (const el of Array.from(document.querySelectorAll('*'))) {
      const overflow = getComputedStyle(el).overflowY;
      if (/auto|scroll/.test(overflow) && el.scrollHeight > el.clientHeight) {
        max = Math.max(max, el.scrollHeight - el.clientHeight);
      }
    }
    return max;
  });
  const viewport = page.viewportSize()!;
  await page.setViewportSize({
    ...viewport,
    height: Math.min(8000, viewport.height + hidden),
  });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
  await page.setViewportSize(viewport);
}

export const sidebar = (page: Page) =>
  page.getByRole('navigation', { name: 'sidebar nav' });

/** Guest sign-in from the sign-in page, done when the sidebar shows the catalog. */
export async function signIn(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    sidebar(page).getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/** The signed-in user's Backstage token, as the app gets it. */
export async function backstageToken(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const response = await fetch('/api/auth/guest/refresh', {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
      credentials: 'include',
    });
    const body = await response.json();
    return body.backstageIdentity.token as string;
  });
}

/** GET a backend path (e.g. `/api/aws-insights/fleet`) with the user's token. */
export async function getJson(page: Page, token: string, path: string) {
  const response = await page.request.get(path, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.ok(), `GET ${path}: ${response.status()}`).toBe(true);
  return response.json();
}

/**
 * Types into an EntityPicker / OwnerPicker autocomplete and picks the option by its title; with
 * `entityRef`, checks the field then shows that reference.
 */
export async function pick(
  page: Page,
  field: Locator,
  query: string,
  option: string,
  entityRef?: string,
) {
  await field.click();
  await field.fill(query);
  await page.getByRole('option', { name: option, exact: true }).click();
  if (entityRef) await expect(field).toHaveValue(entityRef);
}

/** The Choose button of a template's card on the Create page (the grid holds one per card). */
export const chooseTemplate = (page: Page, title: string) =>
  page
    .getByRole('heading', { name: title, exact: true })
    .locator('xpath=ancestor::*[.//button[normalize-space()="Choose"]][1]')
    .getByRole('button', { name: 'Choose' });
