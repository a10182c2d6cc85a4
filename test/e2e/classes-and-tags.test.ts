import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from '../support/browser';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';
import { listedBoxes, openLabelArea } from './helpers/bbox-page';
import { openFromQueue } from './helpers/label-page';
import { openApp } from './helpers/page-api';
import { workAs } from './helpers/account-page';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

describe("changing a project's classes", () => {
  const suite = useWebAppInBrowser();
  const others: Browser[] = [];
  afterEach(async () => {
    for (const browser of others.splice(0)) await browser.close();
  });

  it("an admin renames and recolours one class and retires another; a labeler's editor follows, and an old box keeps the retired class", async () => {
    const app = suite.app();
    const admin = suite.browser();
    const { page } = admin;
    await openApp(page, app.url); // the box demo, as its owner (an admin)
    await page.getByRole('link', { name: 'Classes & tags' }).click();

    // Rename and recolour "rocket" with the keyboard: type, then Enter saves the row.
    const rocket = page.getByRole('form', { name: 'Class rocket' });
    await rocket.getByLabel('Colour of rocket').fill('#123abc');
    const name = rocket.getByLabel('Name of rocket');
    await name.fill('spacecraft');
    await name.press('Enter');
    await page.getByRole('form', { name: 'Class spacecraft' }).waitFor();

    // Retire "cat" with the mouse.
    await page.getByRole('form', { name: 'Class cat' }).getByRole('button', { name: 'Retire' }).click();
    await page.getByRole('form', { name: 'Class cat' }).locator('.badge-retired').waitFor();
    const history = page.getByRole('table', { name: 'Changes to classes and tags' });
    await expect
      .poll(() => history.locator('tbody tr td:nth-child(3)').allTextContents())
      .toEqual(['Class: retired “cat”', 'Class: renamed “rocket” to “spacecraft”, recoloured #f0e442 → #123abc']);
    expect(await history.locator('tbody tr td:nth-child(4)').allTextContents()).toEqual(['v1', 'v1']);
    await page.screenshot({ path: join(SCREENSHOTS, 'classes-and-tags-settings.png'), fullPage: true });

    // Ana, a labeler, in her own browser: no settings, the new name and colour, no retired class to pick.
    const labeler = await openBrowser();
    others.push(labeler);
    await openApp(labeler.page, app.url);
    await workAs(labeler.page, 'ana (labeler)');
    expect(await labeler.page.getByRole('link', { name: 'Classes & tags' }).count()).toBe(0);
    await openLabelArea(labeler.page);
    const palette = labeler.page.getByRole('radiogroup', { name: 'Class' });
    expect(await palette.getByRole('radio').allTextContents()).toEqual(['person1', 'cup3', 'spacecraft4', 'coin5', 'camera6', 'vehicle7']);
    expect(await palette.getByRole('radio', { name: /spacecraft/ }).getAttribute('style')).toContain('#123abc');

    // Her submitted cat in chelsea.jpg still shows, marked retired.
    await openFromQueue(labeler.page, 'chelsea.jpg');
    expect((await listedBoxes(labeler.page)).map((line) => line.split(' ')[0])).toEqual(['cat']);
    expect(await labeler.page.locator('.box-row .badge-retired').count()).toBe(1);
    await labeler.page.screenshot({ path: join(SCREENSHOTS, 'classes-and-tags-labeler.png'), fullPage: true });

    // While her editor is open, the admin renames "cup" and retires "vehicle": her palette follows without a reload.
    const cup = page.getByRole('form', { name: 'Class cup' });
    await cup.getByLabel('Name of cup').fill('mug');
    await cup.getByLabel('Name of cup').press('Enter');
    await page.getByRole('form', { name: 'Class mug' }).waitFor();
    await page.getByRole('form', { name: 'Class vehicle' }).getByRole('button', { name: 'Retire' }).click();
    await expect.poll(() => palette.getByRole('radio').allTextContents()).toEqual(['person1', 'mug3', 'spacecraft4', 'coin5', 'camera6']);
    expect(await labeler.page.locator('.status-bar').getAttribute('data-sample-id')).toBe(
      String(await labeler.page.locator('.queue-item', { hasText: 'chelsea.jpg' }).getAttribute('data-sample-id')),
    ); // still on the sample she was on

    // A refused change is said in the list it was made in, in plain words, not in the corner.
    await page.getByLabel('New class name').fill('Person');
    await page.getByRole('button', { name: 'Add class' }).click();
    const classes = page.getByRole('region', { name: 'Classes', exact: true });
    const refused = classes.getByRole('alert');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/“person” is already a class/);
    expect(await page.locator('.notices').getByRole('alert').count()).toBe(0);
    await classes.screenshot({ path: join(SCREENSHOTS, 'classes-and-tags-inline-error.png') });
    await refused.getByRole('button', { name: 'Dismiss' }).click();
    await refused.waitFor({ state: 'detached' });
    expect([admin.errors, labeler.errors]).toEqual([[], []]);
  });
});
