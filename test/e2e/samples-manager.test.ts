import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from './helpers/page-api';
import { waitForSampleCards } from './helpers/samples-page';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

describe('the Samples data manager', () => {
  const suite = useWebAppInBrowser();

  it('sorts the list, and tags every sample the filters match in one action', async () => {
    const { page } = suite.browser();
    await openApp(page, suite.app().url);
    await waitForSampleCards(page, 6);
    const names = () => page.getByTestId('sample-card').evaluateAll((cards) => cards.map((card) => card.getAttribute('aria-label')));

    await page.getByLabel('Sort').selectOption({ label: 'Name, Z to A' });
    await expect.poll(names).toEqual(['rocket.jpg', 'coins.png', 'coffee.jpg', 'chelsea.jpg', 'camera.jpg', 'astronaut.jpg']);

    await page.getByLabel('Search by file name').click();
    await page.keyboard.type('co');
    await expect.poll(names).toEqual(['coins.png', 'coffee.jpg']);
    await page.getByLabel('Tag for all matching').click();
    await page.keyboard.type('round things');
    await page.getByRole('button', { name: 'Tag all 2 matching' }).click();

    // The new tag joins the filters; with the search cleared, it finds exactly the two.
    const chip = page.getByRole('group', { name: 'Filter by tag' }).getByRole('button', { name: 'round things' });
    await chip.waitFor();
    await page.getByLabel('Search by file name').fill('');
    await waitForSampleCards(page, 6);
    await chip.click();
    await expect.poll(names).toEqual(['coins.png', 'coffee.jpg']);
    await waitForSampleCards(page, 2);
    await page.screenshot({ path: join(SCREENSHOTS, 'samples-manager.png') });
  });
});
