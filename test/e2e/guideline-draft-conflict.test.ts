import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from '../support/browser';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';
import { openDemoInPage } from './helpers/page-api';
import { workAs } from './helpers/account-page';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

/** The draft's save status once it reads `phase` at `revision` (the draft's revision is a number in a data attribute). */
const draftStatus = (page: Page, phase: string, revision: number) =>
  page.locator(`[data-testid="draft-status"][data-phase="${phase}"][data-revision="${revision}"]`);

/** Opens the draft of the next guideline version and returns the revision it opened at. */
async function openDraft(page: Page): Promise<number> {
  await page.getByRole('link', { name: 'Guidelines' }).click();
  await page.getByRole('button', { name: /^Draft of v\d+/ }).click();
  const status = page.locator('[data-testid="draft-status"][data-phase="idle"]');
  await status.waitFor();
  return Number(await status.getAttribute('data-revision'));
}

/** Types at the end of the draft's text, as a person would. */
async function typeAtEnd(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Guideline draft' }).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

describe('two SMEs editing the guideline draft at once', () => {
  const suite = useWebAppInBrowser();
  const others: Browser[] = [];
  afterEach(async () => {
    for (const browser of others.splice(0)) await browser.close();
  });

  it('gives the second the conflict, and Reload shows the first one’s text with the second one’s set aside', async () => {
    const app = suite.app();
    const sam = suite.browser();
    await openDemoInPage(sam.page, app, 'bbox');
    await workAs(sam.page, 'sam (SME)');

    // Sue, a second SME, works in her own browser.
    const sue = await openBrowser();
    others.push(sue);
    await sue.page.goto(app.url);
    await sue.page.getByLabel('Working as').selectOption({ label: 'New profile…' });
    await sue.page.getByLabel('New labeler name').fill('sue');
    await sue.page.getByLabel('Role').selectOption('sme');
    await sue.page.getByRole('button', { name: 'Add' }).click();
    await sue.page.getByLabel('Working as').locator('option:checked', { hasText: 'sue (SME)' }).waitFor({ state: 'attached' });

    const opened = await openDraft(sam.page);
    expect(await openDraft(sue.page)).toBe(opened);

    await typeAtEnd(sam.page, '\nSam: a coin cut by the edge is boxed to the edge.');
    await draftStatus(sam.page, 'saved', opened + 1).waitFor();

    await typeAtEnd(sue.page, '\nSue: tiny coins are left out.');
    const conflict = sue.page.getByRole('alert').filter({ hasText: 'saved elsewhere' });
    await conflict.waitFor();
    await sue.page.screenshot({ path: join(SCREENSHOTS, 'guideline-draft-conflict.png'), fullPage: true });

    await conflict.getByRole('button', { name: 'Reload the saved version' }).click();
    await draftStatus(sue.page, 'idle', opened + 1).waitFor();
    const draft = await sue.page.getByRole('textbox', { name: 'Guideline draft' }).inputValue();
    expect(draft).toContain('Sam: a coin cut by the edge is boxed to the edge.');
    expect(draft).not.toContain('Sue:');
    // Nothing Sue typed is lost: it stays beside the draft for her to copy.
    const setAside = sue.page.getByRole('region', { name: 'Your text that was not saved' });
    expect(await setAside.getByRole('textbox', { name: 'Your unsaved text' }).inputValue()).toContain('Sue: tiny coins are left out.');
    await sue.page.screenshot({ path: join(SCREENSHOTS, 'guideline-draft-reloaded.png'), fullPage: true });

    // She goes on from Sam's revision, and her next edit is saved.
    await typeAtEnd(sue.page, '\nSue: tiny coins are left out.');
    await draftStatus(sue.page, 'saved', opened + 2).waitFor();
    await setAside.getByRole('button', { name: 'Dismiss' }).click();
    await setAside.waitFor({ state: 'detached' });
    expect([sam.errors, sue.errors]).toEqual([[], []]);
  });
});
