import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReviewQueueView, ReviewSample } from '../../shared/domain/gold';
import { openBrowser, type Browser } from '../support/browser';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';
import { workAs } from './helpers/account-page';
import { callInPage, openApp } from './helpers/page-api';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

/** A second person's window on the same host: their own browser, their own profile. */
async function secondWindow(url: string, others: Browser[]): Promise<Page> {
  const browser = await openBrowser();
  others.push(browser);
  await openApp(browser.page, url);
  return browser.page;
}

/** Adds a profile from the "Working as" list of a shared computer and switches to it. */
async function workAsNewSme(page: Page, name: string): Promise<void> {
  await page.getByLabel('Working as').selectOption({ label: 'New profile…' });
  await page.getByLabel('New labeler name').fill(name);
  await page.getByLabel('Role').selectOption('sme');
  await page.getByRole('button', { name: 'Add' }).click();
  await page
    .getByLabel('Working as')
    .locator('option:checked', { hasText: `${name} (SME)` })
    .waitFor({ state: 'attached' });
}

/** Opens a sample of the review queue by its name and waits for its evidence. */
async function openInReview(page: Page, name: string): Promise<void> {
  await page
    .getByRole('list', { name: 'Samples to review' })
    .getByRole('button', { name: new RegExp(name.replace('.', '\\.')) })
    .click();
  await page.getByRole('region', { name: `Review of ${name}` }).waitFor();
}

/** The queue row of a sample, once it shows decision `revision` (0 = undecided). */
const queueRow = (page: Page, sampleId: number, revision: number) => page.locator(`.review-item[data-sample-id="${sampleId}"][data-decision="${revision}"]`);

describe('live updates of review and datasets between two windows', () => {
  const suite = useWebAppInBrowser();
  const others: Browser[] = [];
  afterEach(async () => {
    for (const browser of others.splice(0)) await browser.close();
  });

  it("shows another SME's decision in the queue and on the open sample, and refuses to decide over it from the gold editor", async () => {
    const app = suite.app();
    const sam = suite.browser();
    await openApp(sam.page, app.url);
    await workAs(sam.page, 'sam (SME)');
    const sue = await secondWindow(app.url, others);
    await workAsNewSme(sue, 'sue');

    await sam.page.getByRole('link', { name: 'Review' }).click();
    await sue.getByRole('link', { name: 'Review' }).click();
    const queue = await callInPage<ReviewQueueView>(sam.page, 'review.queue', {});
    const idOf = (name: string) => queue.items.find((i) => i.displayName === name)!.sampleId;
    const [chelsea, coins] = [idOf('chelsea.jpg'), idOf('coins.png')];

    // Both have chelsea open; Sue accepts ana's label. Sam sees it in his queue and on his screen, unreloaded.
    await openInReview(sam.page, 'chelsea.jpg');
    await sam.page.getByText('Not decided yet.').waitFor();
    await openInReview(sue, 'chelsea.jpg');
    await sue.getByRole('button', { name: 'Accept ana' }).click();
    await queueRow(sam.page, chelsea, 1).waitFor();
    const note = sam.page.locator('[data-testid="decided-elsewhere"][data-revision="1"]');
    await note.waitFor();
    // Sue joined after Sam signed in: his window reads the people again to name her.
    await expect.poll(() => note.textContent()).toBe('Decision 1 was made on this sample meanwhile by sue: it is shown below.');
    expect(await sam.page.getByTestId('current-decision').textContent()).toBe('Decision 1: accepted a labeler (ana)');
    await sam.page.screenshot({ path: join(SCREENSHOTS, 'review-decided-elsewhere.png') });

    // Sam is editing coins' gold label when Sue takes the consensus: his editor says so, and deciding from it is refused.
    await openInReview(sam.page, 'coins.png');
    await sam.page.getByRole('button', { name: 'Edit the gold label' }).click();
    await sam.page.getByRole('button', { name: /Decide with this label/ }).waitFor();
    await openInReview(sue, 'coins.png');
    await sue.getByRole('button', { name: 'Accept consensus' }).click();
    await sam.page.locator('[data-testid="decided-elsewhere"][data-revision="1"]').waitFor();
    await sam.page.getByRole('button', { name: /Decide with this label/ }).click();
    const conflict = sam.page.locator('.save-status[data-phase="conflict"]');
    await conflict.waitFor();
    expect(await conflict.textContent()).toMatch(/decided meanwhile \(decision 1; you were looking at none\)/);
    const coinsReview = await callInPage<ReviewSample>(sam.page, 'review.sample', { sampleId: coins });
    expect(coinsReview.history.map((d) => d.choice)).toEqual(['consensus']); // Sue's decision stands, alone

    // He reloads what the back end holds now (Sue's decision), goes back to review and sees it, named.
    await sam.page.getByRole('button', { name: 'Reload the saved version' }).click();
    await sam.page.locator('[data-testid="save-status"][data-phase="saved"]').waitFor();
    await sam.page.getByRole('button', { name: 'Back to review' }).click();
    await expect.poll(() => sam.page.getByTestId('current-decision').textContent()).toBe('Decision 1: accepted the consensus');
    expect(await sam.page.getByTestId('decided-elsewhere').textContent()).toMatch(/by sue/);
    expect(sam.errors).toEqual([]);
  });

  it('adds a dataset version frozen in another window to the list, leaving the open form in place', async () => {
    const app = suite.app();
    const eli = suite.browser();
    await openApp(eli.page, app.url);
    await workAs(eli.page, 'eli (engineer)');
    const other = await secondWindow(app.url, others);
    await workAs(other, 'eli (engineer)');

    await eli.page.getByRole('link', { name: 'Datasets' }).click();
    const versions = eli.page.getByRole('navigation', { name: 'Dataset versions' });
    await eli.page.getByRole('region', { name: 'New dataset version' }).waitFor();
    const before = await versions.getByRole('button').count();

    await other.getByRole('link', { name: 'Datasets' }).click();
    const form = other.getByRole('region', { name: 'New dataset version' });
    const create = form.getByRole('button', { name: /^Create v\d+/ });
    const version = Number(/^Create v(\d+)/.exec((await create.textContent())!)![1]);
    await create.click();
    await other.getByRole('article', { name: `Dataset v${version}` }).waitFor();

    await versions.getByRole('button', { name: new RegExp(`^v${version}\\b`) }).waitFor();
    expect(await versions.getByRole('button').count()).toBe(before + 1);
    // The form the engineer had open is still the one shown.
    expect(await eli.page.getByRole('region', { name: 'New dataset version' }).count()).toBe(1);
    expect(eli.errors).toEqual([]);
  });
});
