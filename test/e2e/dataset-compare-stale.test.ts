import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openApp } from './helpers/page-api';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');
const COMPARE = '**/api/call/datasets.compare';

/**
 * Notes in the page, by `from`, each comparison answer the app has read in full: the moment
 * after which a late answer could have reached the screen.
 */
async function recordCompareAnswers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: number[] = [];
    (window as unknown as { compareAnswersRead: number[] }).compareAnswersRead = seen;
    const fetchOriginal = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      const response = await fetchOriginal(input, init);
      if (String(input).endsWith('/datasets.compare')) {
        const read = response.json.bind(response);
        response.json = async () => {
          const body: unknown = await read();
          seen.push((JSON.parse(String(init?.body)) as { from: number }).from);
          return body;
        };
      }
      return response;
    };
  });
}

/** Two frames: whatever the app does with an answer it has read is on screen by then. */
const nextFrames = (page: Page) => page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));

describe('comparing dataset versions', () => {
  const suite = useWebAppInBrowser();

  it('shows the comparison last chosen when an earlier one answers after it, and clears a failed one on the next choice', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await recordCompareAnswers(page);
    await openApp(page, app.url);
    await page.getByLabel('Working as').selectOption({ label: 'eli (engineer)' });
    await page.getByRole('link', { name: 'Datasets' }).waitFor();
    for (const seed of [1, 2, 3]) {
      await app.call('datasets.create', { ratios: [0.5, 0.25, 0.25], seed, minAgreement: 0, unresolved: 'flag', stratifyTags: [], pinTestFrom: null });
    }

    // The card of v3 first asks for the changes from v2: that answer is held back until the
    // user has chosen v1 instead and seen its answer.
    let releaseFromV2!: () => void;
    const fromV2Held = new Promise<void>((resolve) => (releaseFromV2 = resolve));
    await page.route(COMPARE, async (route) => {
      if ((route.request().postDataJSON() as { from: number }).from === 2) await fromV2Held;
      await route.continue();
    });
    await page.getByRole('link', { name: 'Datasets' }).click();
    const compare = page.getByRole('article', { name: 'Dataset v3' }).getByRole('region', { name: 'Compare versions' });
    await compare.getByLabel('Compare with').selectOption({ label: 'v1' });
    await compare.locator('dl[data-from="1"]').waitFor();

    releaseFromV2();
    await page.waitForFunction(() => (window as unknown as { compareAnswersRead: number[] }).compareAnswersRead.includes(2));
    await nextFrames(page);
    expect(await compare.locator('dl').getAttribute('data-from')).toBe('1');
    expect(await compare.getByLabel('Compare with').inputValue()).toBe('1');
    await page.unroute(COMPARE);

    // A comparison that fails says so in the card, in words for a person (the host's is for its log); choosing another clears it.
    await page.route(COMPARE, (route) =>
      route.fulfill({ json: { ok: false, error: { code: 'internal', message: 'The project database could not be read.' } } }),
    );
    await compare.getByLabel('Compare with').selectOption({ label: 'v2' });
    const failure = compare.getByRole('alert');
    await failure.waitFor();
    expect(await failure.textContent()).toBe(
      'Could not compare v2 with v3: Something went wrong inside Concord. Try again; if it happens again, the application log has the details.',
    );
    expect(await compare.locator('dl').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'dataset-compare-failed.png'), fullPage: true });
    await page.unroute(COMPARE);

    await compare.getByLabel('Compare with').selectOption({ label: 'v1' });
    await compare.locator('dl[data-from="1"]').waitFor();
    expect(await compare.getByRole('alert').count()).toBe(0);
    expect(browser.errors).toEqual([]);
  });
});
