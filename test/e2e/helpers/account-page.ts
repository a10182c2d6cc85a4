import type { Page } from 'playwright-core';
import type { RunningWebApp } from '../../support/web-app';

/**
 * Adds an account with a password (as the admin the host's script is) and signs this page in
 * as it through the sign-in screen, as a second person on the team would.
 */
export async function signInAsNewAccount(page: Page, app: RunningWebApp, name: string, role: 'labeler' | 'sme' | 'engineer' = 'labeler'): Promise<void> {
  const password = `${name}'s long password`;
  await app.call('labelers.create', { name, role, password });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInWithPassword(page, name, password);
}

/** Fills in the sign-in screen this page shows and waits until the app says who is signed in. */
export async function signInWithPassword(page: Page, name: string, password: string): Promise<void> {
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByTestId('signed-in-as').filter({ hasText: name }).waitFor();
}

/**
 * Switches this window to a profile from the "Working as" list (its label, e.g. `ana (labeler)`),
 * as a person at a shared computer does, and waits until the list shows it chosen.
 */
export async function workAs(page: Page, profile: string): Promise<void> {
  await page.getByLabel('Working as').selectOption({ label: profile });
  await page.getByLabel('Working as').locator('option:checked', { hasText: profile }).waitFor({ state: 'attached' });
}
