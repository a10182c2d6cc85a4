import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp, projectSampleCount } from './helpers/page-api';
import { openBrowser } from '../support/browser';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';
import { becomeNewLabeler, dragImage, openLabelArea } from './helpers/bbox-page';
import { shownSample, waitForSaved } from './helpers/label-page';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

describe('agreement between two labelers who label in the editor', () => {
  const suite = useWebAppInBrowser();

  it('shows their agreement on the dashboard, follows a new submission, and their cell lists the samples behind it', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openApp(page, app.url);

    // Dee and Eve box the same coin on the first sample; on the second, Dee boxes a coin and
    // Eve says there is nothing there.
    await becomeNewLabeler(page, 'dee');
    await openLabelArea(page);
    const first = await shownSample(page, 1);
    await dragImage(page, { x: 20, y: 20 }, { x: 100, y: 90 });
    await waitForSaved(page, first.id, 1);
    await page.keyboard.press('Enter');
    const second = await shownSample(page, 2);
    await dragImage(page, { x: 20, y: 20 }, { x: 100, y: 90 });
    await waitForSaved(page, second.id, 1);
    await page.keyboard.press('Enter');
    const samples = await projectSampleCount(page);
    await expect.poll(() => page.locator('.queue-progress-text').textContent()).toBe(`2 of ${samples} submitted`);

    // Eve works in her own browser: signing in there changes nothing in Dee's window.
    const eve = await openBrowser();
    try {
      await eve.page.goto(app.url);
      await becomeNewLabeler(eve.page, 'eve');
      await openLabelArea(eve.page);
      expect(await shownSample(eve.page, 1)).toEqual(first);
      await eve.page.locator('.box-row').waitFor({ state: 'detached' }); // blind: none of Dee's boxes
      await dragImage(eve.page, { x: 21, y: 19 }, { x: 101, y: 90 });
      await waitForSaved(eve.page, first.id, 1);
      await eve.page.keyboard.press('Enter');
      expect(await shownSample(eve.page, 2)).toEqual(second);
      await expect.poll(() => eve.page.locator('.queue-progress-text').textContent()).toBe(`1 of ${samples} submitted`);

      // The SME's dashboard, in the first browser: one shared sample so far, on which they agree.
      await page.getByLabel('Working as').selectOption({ label: 'sam (SME)' });
      await page.getByRole('link', { name: 'Agreement' }).click();
      await page.getByRole('button', { name: 'dee and eve: 100.0% over 1 sample' }).waitFor();

      // Eve says the second sample has no objects and submits it while the dashboard is open:
      // the figures follow without a reload. F1 over both samples: 2·1 / (2·1 + 1) = 66.7%.
      await eve.page.keyboard.press('Shift+N');
      await eve.page.keyboard.press('Enter');
      await expect.poll(() => eve.page.locator('.queue-progress-text').textContent()).toBe(`2 of ${samples} submitted`);
      expect(eve.errors).toEqual([]);
    } finally {
      await eve.close();
    }
    const cell = page.getByRole('button', { name: 'dee and eve: 66.7% over 2 samples' });
    await cell.waitFor();

    // The cell opens exactly their two samples, the disagreement first.
    await cell.click();
    const list = page.getByRole('list', { name: 'Samples behind the selected pair' });
    await expect.poll(() => list.locator('.pair-sample-name').allTextContents()).toEqual([second.name, first.name]);
    const scores = await list.locator('li .muted').allTextContents();
    expect(scores[0]).toBe('disagreement 1.00');
    expect(Number(scores[1]!.replace('disagreement ', ''))).toBeLessThan(0.1); // a pixel apart
    await page.screenshot({ path: join(SCREENSHOTS, 'agreement-two-labelers.png'), fullPage: true });
    expect(browser.errors).toEqual([]);
  });
});
