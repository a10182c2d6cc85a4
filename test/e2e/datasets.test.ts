import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp, projectSampleCount } from './helpers/page-api';
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

    // The default 80/10/10 (and 90% agreement) leaves the demo no test sample: the form warns, and says how to fix it.
    const form = page.getByRole('region', { name: 'New dataset version' });
    const warnings = form.getByRole('status', { name: 'Split warnings' });
    await expect.poll(() => warnings.textContent()).toMatch(/The test split is empty.*raise test to at least \d+%, or keep the \d+ samples left out/);
    expect(await form.getByRole('button', { name: /^Create v1/ }).textContent()).toBe('Create v1 anyway');
    await page.screenshot({ path: join(SCREENSHOTS, 'dataset-split-warnings.png') });

    // Everything labeled, 50/25/25, the unresolved kept and flagged: the counts show before creating.
    await form.getByLabel('train %').fill('50');
    await form.getByLabel('dev %').fill('25');
    await form.getByLabel('test %').fill('25');
    await form.getByLabel('Below that, without a decision').selectOption({ label: 'keep it, flagged' });
    const preview = page.getByTestId('dataset-preview');
    await expect.poll(() => preview.textContent()).toMatch(/^Would hold \d+ train, \d+ dev, \d+ test · 0 decided, \d+ consensus/);
    const [train, dev, test] = /^Would hold (\d+) train, (\d+) dev, (\d+) test/
      .exec((await preview.textContent())!)!
      .slice(1)
      .map(Number);
    expect(train! + dev! + test!).toBe(await projectSampleCount(page)); // every sample, the unresolved flagged
    expect(await form.getByText(/split is empty/).count()).toBe(0);
    await form.getByRole('button', { name: 'Create v1' }).click();
    const card = page.getByRole('article', { name: 'Dataset v1' });
    await card.waitFor();
    // What was created is what the preview said.
    expect(await card.getByRole('table', { name: 'Samples per split' }).locator('td:nth-child(2)').allTextContents()).toEqual([train, dev, test].map(String));

    const out = join(suite.tempDir(), 'v1-coco');
    await card.getByLabel('New folder to write').fill(out);
    await card.getByRole('button', { name: 'Export v1' }).click();
    await expect.poll(() => page.getByTestId('export-result').textContent()).toMatch(/^Wrote \d+ files to /);
    expect(existsSync(join(out, 'DATASET.md'))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toMatchObject({
      version: 1,
      format: 'coco',
      media: 'linked',
      counts: { train, dev, test },
    });
    // On the project's disk every image is a hard link, and the card says so.
    expect(readFileSync(join(out, 'DATASET.md'), 'utf8')).toContain(`- ${train! + dev! + test!} as hard links`);
    await page.screenshot({ path: join(SCREENSHOTS, 'dataset-card.png'), fullPage: true });

    // In the browser the version also comes as one zip, media copied, through the browser's downloads.
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'Download v1 as a zip' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^demo-everyday-objects-v1-coco\.zip$/);
    const zip = join(suite.tempDir(), 'v1.zip');
    await download.saveAs(zip);
    const unzipped = suite.tempDir();
    execFileSync('python3', ['-m', 'zipfile', '-e', zip, unzipped]);
    expect(JSON.parse(readFileSync(join(unzipped, 'demo-everyday-objects-v1-coco', 'manifest.json'), 'utf8'))).toMatchObject({
      version: 1,
      format: 'coco',
      media: 'copied',
      counts: { train, dev, test },
    });

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
