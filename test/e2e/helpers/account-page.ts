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

/**
 * Opens the app at the host's address as a teammate's own browser would: without the owner key
 * and signed in as nobody, on the sign-in screen. Nobody signs out first, so no picture the
 * owner's screen was still loading is refused for a session that just ended.
 */
export async function openAsTeammate(page: Page, url: string): Promise<void> {
  const address = new URL(url);
  address.hash = '';
  await page.goto('about:blank');
  await page.goto(address.toString());
  // A tab keeps the owner key it was given (per tab and address): a teammate's holds none.
  if (await page.evaluate(() => sessionStorage.length > 0)) {
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
  }
  await page.getByRole('form', { name: /^Sign in to / }).waitFor();
}

/**
 * Fills in the sign-in screen once this page shows it and waits until the app says who is signed
 * in. The fields are looked for inside the sign-in form only: until signing out has been answered,
 * the project's screen is still shown, and its own fields (Samples' "Search by file name") would
 * take the name instead.
 */
export async function signInWithPassword(page: Page, name: string, password: string): Promise<void> {
  const form = page.getByRole('form', { name: /^Sign in to / });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Sign in', exact: true }).click();
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
