import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from './helpers/page-api';
import { workAs } from './helpers/account-page';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

describe('calibration samples', () => {
  const suite = useWebAppInBrowser();

  it('are marked for the SME in Samples and Review, and never shown to a labeler', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openApp(page, app.url);

    // The SME plans two calibration samples: the project's first two, which every labeler gets.
    await workAs(page, 'sam (SME)');
    await page.getByRole('link', { name: 'Team' }).click();
    await page.getByLabel('Labelers per sample').fill('2');
    await page.getByLabel('Calibration samples (to everyone)').fill('2');
    await page.getByRole('button', { name: 'Make plan' }).click();
    await page.getByRole('table', { name: 'Progress by labeler' }).waitFor();
    const plan = await app.call<{ calibrationSampleIds: number[] }>('assignments.summary', {});
    expect(plan.calibrationSampleIds).toHaveLength(2);
    const names = await Promise.all(
      plan.calibrationSampleIds.map(async (sampleId) => (await app.call<{ displayName: string }>('samples.get', { sampleId })).displayName),
    );

    await page.getByRole('link', { name: 'Samples' }).click();
    const grid = page.getByRole('list', { name: 'Samples' });
    await grid.getByTestId('sample-card').first().waitFor();
    await expect
      .poll(() =>
        grid
          .getByTestId('sample-card')
          .filter({ has: page.locator('.badge-calibration') })
          .evaluateAll((cards) => cards.map((c) => c.getAttribute('aria-label')).sort()),
      )
      .toEqual([...names].sort());
    await page.screenshot({ path: join(SCREENSHOTS, 'calibration-samples.png') });

    // In Review, the list and the sample's heading say it.
    await page.getByRole('link', { name: 'Review' }).click();
    const list = page.getByRole('list', { name: 'Samples to review' });
    await list.getByRole('button').first().waitFor();
    const reviewed = (await list.locator('.review-item-name').allTextContents()).filter((name) => names.includes(name));
    expect(reviewed.length).toBeGreaterThan(0);
    await expect
      .poll(() =>
        list
          .getByRole('button')
          .filter({ has: page.locator('.badge-calibration') })
          .locator('.review-item-name')
          .allTextContents(),
      )
      .toEqual(reviewed);
    await list.getByRole('button', { name: new RegExp(reviewed[0]!.replace('.', '\\.')) }).click();
    await page
      .getByRole('region', { name: `Review of ${reviewed[0]}` })
      .locator('.badge-calibration')
      .waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'calibration-review.png') });

    // A labeler labels blind: nothing says which samples compare them.
    await workAs(page, 'ana (labeler)');
    await page.getByRole('link', { name: 'Label', exact: true }).click();
    await page.getByRole('complementary', { name: 'Queue' }).getByRole('button').first().waitFor();
    expect(await page.getByText(/calibration/i).count()).toBe(0);
    expect(browser.errors).toEqual([]);
  });
});
