import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from '../support/browser';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';
import { workAs } from './helpers/account-page';
import { openLabelArea } from './helpers/bbox-page';
import { openFromQueue, savedRevision, waitForSaved } from './helpers/label-page';
import { callInPage, openApp } from './helpers/page-api';
import { waitForSampleCards } from './helpers/samples-page';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

describe('renaming a tag', () => {
  const suite = useWebAppInBrowser();
  const others: Browser[] = [];
  afterEach(async () => {
    for (const browser of others.splice(0)) await browser.close();
  });

  it("an admin renames a tag while a labeler's editor shows it given; her editor follows, still given, and Samples filters by the new name", async () => {
    const app = suite.app();
    const admin = suite.browser();
    const { page } = admin;
    await openApp(page, app.url); // the box demo, as its owner (an admin)
    const grayscale = await callInPage<{ items: { id: number }[] }>(page, 'samples.list', { filter: { tags: ['grayscale'] } });
    expect(grayscale.items.length).toBeGreaterThan(3);

    // Ana, in her own browser, on coins.png, which she tagged "grayscale" and "small objects".
    const labeler = await openBrowser();
    others.push(labeler);
    await openApp(labeler.page, app.url);
    await workAs(labeler.page, 'ana (labeler)');
    await openLabelArea(labeler.page);
    const coins = await openFromQueue(labeler.page, 'coins.png');
    const tags = labeler.page.getByRole('group', { name: 'Tags' });
    expect(await tags.getByRole('button', { name: /^grayscale/ }).getAttribute('aria-pressed')).toBe('true');

    // The admin renames it in Classes & tags, with the keyboard.
    await page.getByRole('link', { name: 'Classes & tags' }).click();
    const name = page.getByRole('form', { name: 'Tag grayscale' }).getByLabel('Name of grayscale');
    await name.fill('monochrome');
    await name.press('Enter');
    const renamed = page.getByRole('form', { name: 'Tag monochrome' });
    await renamed.waitFor();
    expect(await renamed.locator('.taxonomy-former').textContent()).toBe('was “grayscale”');
    const history = page.getByRole('table', { name: 'Changes to classes and tags' });
    await expect.poll(() => history.locator('tbody tr td:nth-child(3)').allTextContents()).toEqual(['Tag: renamed “grayscale” to “monochrome”']);
    expect(await history.locator('tbody tr td:nth-child(4)').allTextContents()).toEqual(['v1']);
    await page.screenshot({ path: join(SCREENSHOTS, 'tag-rename-settings.png'), fullPage: true });

    // Her editor shows the new name, still given (her label says "grayscale"), on the sample she was on.
    const monochrome = tags.getByRole('button', { name: /^monochrome/ });
    await monochrome.waitFor();
    expect(await monochrome.getAttribute('aria-pressed')).toBe('true');
    expect(await tags.getByRole('button', { name: /^grayscale/ }).count()).toBe(0);
    expect(await labeler.page.locator('.status-bar').getAttribute('data-sample-id')).toBe(String(coins));
    await labeler.page.screenshot({ path: join(SCREENSHOTS, 'tag-rename-labeler.png'), fullPage: true });

    // She takes it off with a click: the saved label has the tag under neither name.
    const before = await savedRevision(labeler.page);
    await monochrome.click();
    await waitForSaved(labeler.page, coins, { after: before });
    expect(await monochrome.getAttribute('aria-pressed')).toBe('false');
    const ana = (await callInPage<{ id: number; name: string }[]>(page, 'labelers.list')).find((l) => l.name === 'ana')!;
    const mine = await callInPage<{ payload: { tags: string[] } }>(labeler.page, 'annotations.mine', { labelerId: ana.id, sampleId: coins });
    expect(mine.payload.tags).toEqual(['small objects']);

    // Samples: the slice filter offers the new name and finds the same samples.
    await page.getByRole('link', { name: 'Samples' }).click();
    await page.getByRole('group', { name: 'Filter by tag' }).getByRole('button', { name: 'monochrome' }).click();
    await waitForSampleCards(page, grayscale.items.length);
    const shown = await page.getByTestId('sample-card').evaluateAll((cards) => cards.map((card) => Number(card.getAttribute('data-sample-id'))));
    expect(shown.sort()).toEqual(grayscale.items.map((s) => s.id).sort());
    expect([admin.errors, labeler.errors]).toEqual([[], []]);
  });
});
