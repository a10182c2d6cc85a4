import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from './helpers/page-api';
import { workAs } from './helpers/account-page';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

describe('the agreement dashboard', () => {
  const suite = useWebAppInBrowser();

  it("shows an SME the labelers' agreement, and a pair's cell opens the samples behind it", async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openApp(page, app.url);

    // Labelers work blind: the area is not offered to them.
    await workAs(page, 'ana (labeler)');
    await page.getByRole('link', { name: 'Label' }).waitFor();
    expect(await page.getByRole('link', { name: 'Agreement' }).count()).toBe(0);

    await page.getByLabel('Working as').selectOption({ label: 'sam (SME)' });
    await page.getByRole('link', { name: 'Agreement' }).click();
    const headline = page.getByTestId('headline');
    await headline.waitFor();
    expect(await headline.textContent()).toMatch(
      /^\d+\.\d%Agreement between labelers \(human-level baseline: F1 of boxes matched by IoU\) · 95% interval \d+\.\d%–\d+\.\d%/,
    );

    // Ana and chen both submitted four images; the one where chen said "no objects" comes first.
    const cell = page.getByRole('button', { name: /^ana and chen: \d+\.\d% over \d+ samples$/ });
    const label = (await cell.getAttribute('aria-label'))!;
    const count = Number(label.match(/over (\d+) samples/)![1]);
    await cell.click();
    const list = page.getByRole('list', { name: 'Samples behind the selected pair' });
    await expect.poll(() => list.locator('li').count()).toBe(count);
    await expect.poll(() => list.locator('.pair-sample-name').first().textContent()).toBe('chelsea.jpg');
    expect(await list.locator('li').first().textContent()).toMatch(/disagreement 1\.00/);
    await page.screenshot({ path: join(SCREENSHOTS, 'agreement.png'), fullPage: true });
    expect(browser.errors).toEqual([]);
  });
});
