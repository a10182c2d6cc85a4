import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from './helpers/page-api';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

describe('the datasets area', () => {
  const suite = useWebAppInBrowser();

  it('previews a version, creates it, exports it as COCO, and compares two versions', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openApp(page, app.url);
    await page.getByLabel('Working as').selectOption({ label: 'eli (engineer)' });
    await page.getByRole('link', { name: 'Datasets' }).click();

    // The default 80/10/10 (and 90% agreement) leaves the demo no dev or test sample: the form warns, and says how to fix it.
    const form = page.getByRole('region', { name: 'New dataset version' });
    const warnings = form.getByRole('status', { name: 'Split warnings' });
    await expect
      .poll(() => warnings.textContent())
      .toMatch(/The dev split is empty.*raise dev to at least \d+%, or keep the \d+ samples left out.*The test split is empty/);
    expect(await form.getByRole('button', { name: /^Create v1/ }).textContent()).toBe('Create v1 anyway');
    await page.screenshot({ path: join(SCREENSHOTS, 'dataset-split-warnings.png') });

    // Everything labeled, 50/25/25, the unresolved kept and flagged: the counts show before creating.
    await form.getByLabel('train %').fill('50');
    await form.getByLabel('dev %').fill('25');
    await form.getByLabel('test %').fill('25');
    await form.getByLabel('Below that, without a decision').selectOption({ label: 'keep it, flagged' });
    await expect.poll(() => page.getByTestId('dataset-preview').textContent()).toMatch(/^Would hold 3 train, 2 dev, 1 test · 0 decided, \d+ consensus/);
    expect(await form.getByText(/split is empty/).count()).toBe(0);
    await form.getByRole('button', { name: 'Create v1' }).click();
    const card = page.getByRole('article', { name: 'Dataset v1' });
    await card.waitFor();
    expect(await card.getByRole('table', { name: 'Samples per split' }).locator('td:nth-child(2)').allTextContents()).toEqual(['3', '2', '1']);

    const out = join(suite.tempDir(), 'v1-coco');
    await card.getByLabel('New folder to write').fill(out);
    await card.getByRole('button', { name: 'Export v1' }).click();
    await expect.poll(() => page.getByTestId('export-result').textContent()).toMatch(/^Wrote \d+ files to /);
    expect(existsSync(join(out, 'DATASET.md'))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toMatchObject({
      version: 1,
      format: 'coco',
      media: 'linked',
      counts: { train: 3, dev: 2, test: 1 },
    });
    await page.screenshot({ path: join(SCREENSHOTS, 'dataset-card.png'), fullPage: true });

    // A second version with another seed moves samples between splits; the test split of v1 is kept.
    await page.getByRole('button', { name: /New version/ }).click();
    await form.getByLabel('Seed').fill('9');
    await form.getByLabel('Keep the test split of').selectOption({ label: 'v1' });
    await form.getByLabel('Below that, without a decision').selectOption({ label: 'keep it, flagged' });
    await form.getByLabel('train %').fill('50');
    await form.getByLabel('dev %').fill('25');
    await form.getByLabel('test %').fill('25');
    await page.getByTestId('dataset-preview').waitFor();
    await form.getByRole('button', { name: 'Create v2' }).click();
    const compare = page.getByRole('article', { name: 'Dataset v2' }).getByRole('region', { name: 'Compare versions' });
    await compare.waitFor();
    await expect
      .poll(() => compare.locator('dt').allTextContents())
      .toEqual(['Added (0)', 'Removed (0)', 'Relabelled (0)', expect.stringMatching(/^Moved between splits \(\d+\)$/)]);
    expect(browser.errors).toEqual([]);
  });
});
