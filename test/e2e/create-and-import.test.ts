import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp, projectSampleCount } from './helpers/page-api';
import { waitForSampleCards } from './helpers/samples-page';
import type { Browser } from '../support/browser';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');
const DEMO_IMAGES = join(REPO_ROOT, 'resources', 'demo', 'bbox', 'images');
const DEMO_IMAGE_FILES = readdirSync(DEMO_IMAGES).sort();

async function mismatchedThumbnails(page: Browser['page']): Promise<string[]> {
  return page.locator('.sample-card').evaluateAll((cards) =>
    cards.flatMap((card) => {
      const img = card.querySelector('img');
      const [w, h] = (card.querySelector('.sample-meta .muted')?.textContent ?? '').split('×').map(Number);
      const name = card.querySelector('.sample-name')?.textContent ?? '?';
      if (!img || img.naturalWidth === 0 || !w || !h) return [`${name}: not loaded`];
      return Math.abs(img.naturalWidth / img.naturalHeight - w / h) < 0.02 ? [] : [`${name}: shows a ${img.naturalWidth}×${img.naturalHeight} picture`];
    }),
  );
}

describe('a new user in the browser build', () => {
  const suite = useWebAppInBrowser();

  it('opens the image demo from the start screen, creates a project, imports images and sees them listed', async () => {
    const app = suite.app();
    const browser = suite.browser();

    const { page } = browser;
    await openApp(page, app.url);

    // The image demo, opened from the first start's screen: its labeled photos listed.
    await waitForSampleCards(page, await projectSampleCount(page));
    await page.screenshot({ path: join(SCREENSHOTS, 'demo-samples.png') });

    await page.getByRole('button', { name: 'Close project' }).click();
    await page.getByRole('heading', { name: 'New project' }).waitFor();
    await expect.poll(() => page.locator('.recent-item').count()).toBe(1);

    const projectDir = join(suite.tempDir(), 'street-scenes');
    await page.getByLabel('Name').fill('Street scenes');
    await page.getByLabel('Project folder').first().click();
    await page.locator('#project-dir').fill(projectDir);
    await page.getByLabel('Images: bounding boxes').check();
    // A box project cannot be made without a class to draw boxes with.
    const createButton = page.getByRole('button', { name: 'Create project' });
    expect(await createButton.isDisabled()).toBe(true);
    expect(await page.locator('#project-classes-hint').textContent()).toMatch(/^At least one class: every box is drawn with one/);
    await page.getByLabel('Classes').fill('person, cat, cup');
    expect(await createButton.isEnabled()).toBe(true);
    await page.getByLabel('Tags').fill('blurry, dark');
    await page.screenshot({ path: join(SCREENSHOTS, 'start-screen.png') });
    await page.getByRole('button', { name: 'Create project' }).click();

    await page.getByRole('heading', { name: 'Samples' }).waitFor();
    expect(await page.locator('.project-name').textContent()).toBe('Street scenes');
    await page.getByText('No samples yet').waitFor();

    await page.locator('#import-source').fill(DEMO_IMAGES);
    await page.getByRole('button', { name: 'Start import' }).click();
    const files = DEMO_IMAGE_FILES.length;
    await expect.poll(() => page.getByTestId('sample-card').count(), { timeout: 90_000 }).toBe(files);
    await page.getByText(`${files} of ${files} checked · ${files} imported · 0 duplicates · 0 skipped`).waitFor();
    const names = await page.locator('.sample-name').allTextContents();
    expect(names.sort()).toEqual(DEMO_IMAGE_FILES);
    // Each card shows its own picture: the thumbnail's shape matches the size the card states.
    // (Sample ids restart per project, so a stale cached thumbnail from the demo would not.)
    await expect.poll(() => mismatchedThumbnails(page), { timeout: 30_000 }).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'imported-samples.png') });

    // Importing the same folder again reports every file as a duplicate and adds nothing.
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByText(`${files} of ${files} checked · 0 imported · ${files} duplicates · 0 skipped`).waitFor();
    await page.getByText(`0 skipped, ${files} duplicates`).waitFor();
    expect(await page.getByTestId('sample-card').count()).toBe(files);

    // Filters: the search box narrows the list.
    await page.getByLabel('Search by file name').fill('co');
    await expect
      .poll(async () => (await page.locator('.sample-name').allTextContents()).sort())
      .toEqual(DEMO_IMAGE_FILES.filter((name) => name.includes('co')));

    expect(browser.errors).toEqual([]);
  });
});
