import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

describe('train & analyse', () => {
  const suite = useWebAppInBrowser();

  it('trains a baseline in a worker with a live curve, shows the slice table, and sends a doubted label back to a queue', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await page.goto(app.url);
    await page.getByLabel('Working as').selectOption({ label: 'sam (SME)' });
    await page.getByRole('link', { name: 'Train & analyse' }).waitFor(); // signed in as an SME
    await app.call('datasets.create', { ratios: [0.5, 0.25, 0.25], seed: 1, minAgreement: 0, unresolved: 'flag', stratifyTags: [], pinTestFrom: null });
    await page.getByRole('link', { name: 'Train & analyse' }).click();
    await expect.poll(() => page.getByTestId('crop-count').textContent()).toMatch(/^\d+ box crops · \d+ to train on · \d+ classes$/);

    await page.getByLabel('Epochs').fill('4');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const status = page.getByTestId('training-status');
    await expect.poll(() => status.textContent(), { timeout: 120_000 }).toMatch(/^Training on (webgl|cpu) · epoch 2 /);
    await expect.poll(() => status.textContent(), { timeout: 120_000 }).toMatch(/epoch 4 .* · done$/);
    const curve = page.getByRole('region', { name: 'Training' }).locator('.recharts-line-curve');
    expect(await curve.count()).toBe(2); // loss and accuracy, drawn from the epochs

    const slices = page.getByRole('table', { name: 'Slices by potential gain' });
    await slices.waitFor();
    expect(await slices.locator('tbody th').allTextContents()).toContain('all');
    await page.getByRole('table', { name: 'Confusion matrix (rows gold, columns predicted)' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'train.png'), fullPage: true });

    // Drill into a slice: its worst examples, some tagged as a new slice.
    await slices.getByRole('button', { name: 'all' }).click();
    const worst = page.getByRole('region', { name: 'Worst examples of all' });
    await worst.locator('li input[type="checkbox"]').first().check();
    await worst.getByLabel('New slice tag').fill('hard');
    await worst.getByRole('button', { name: 'Tag 1 as a slice' }).click();
    await page.getByText('Tagged 1 sample “hard”.').waitFor();
    await expect.poll(() => slices.locator('tbody th').allTextContents()).toContain('hard');
    expect(await app.call<Array<{ version: number }>>('train.runs', { version: 1 })).toHaveLength(1); // saved once, not again on reload

    const suspects = page.getByRole('region', { name: 'Likely label errors' }).getByRole('button', { name: 'Send to relabel' });
    expect(await suspects.count()).toBeGreaterThan(0);
    const item = (await page.getByRole('region', { name: 'Likely label errors' }).locator('li span').first().textContent())!;
    const fileName = item.split(':')[0]!;
    await suspects.first().click();
    await page.getByText('Sent back to its labelers').waitFor();

    // A labeler who labeled it finds it back in their queue, marked for relabeling.
    const runs = await app.call<Array<{ backend: string }>>('train.runs', { version: 1 });
    expect(runs).toHaveLength(1);
    await page.getByRole('link', { name: 'Samples' }).click();
    await page.getByLabel('Working as').selectOption({ label: 'ana (labeler)' });
    await page.getByRole('link', { name: 'Label' }).click();
    await page.locator('.queue-item', { hasText: fileName }).locator('.relabel-badge').waitFor();
    expect(browser.errors.filter((e) => !/GPU stall|ReadPixels/.test(e))).toEqual([]);
  });

  it('scores predictions made elsewhere for a transcript project, by slice against HLP', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await app.call('projects.openDemo', { kind: 'transcript' });
    await page.goto(app.url);
    await page.getByLabel('Working as').selectOption({ label: 'sam (SME)' });
    await page.getByRole('link', { name: 'Train & analyse' }).waitFor(); // signed in as an SME
    await app.call('datasets.create', { ratios: [0.5, 0.25, 0.25], seed: 1, minAgreement: 0, unresolved: 'flag', stratifyTags: [], pinTestFrom: null });
    const file = join(suite.tempDir(), 'predictions.jsonl');
    writeFileSync(
      file,
      [JSON.stringify({ file: 'weather.wav', text: 'the weather is sunny' }), JSON.stringify({ file: 'lights.wav', text: 'turn on the kitchen lights' })].join(
        '\n',
      ),
    );
    await page.getByRole('link', { name: 'Train & analyse' }).click();
    await page.getByLabel('Predictions file').fill(file);
    await page.getByRole('button', { name: 'Score them' }).click();
    await expect.poll(() => page.getByTestId('predictions-summary').textContent()).toMatch(/^2 scored \(1 − WER\) · 4 without a prediction$/);
    const rows = await page.getByRole('table', { name: 'Imported predictions by slice' }).locator('tbody th').allTextContents();
    expect(rows).toEqual(expect.arrayContaining(['all', 'clean speech']));
    expect(await page.locator('.worst-predictions li').first().textContent()).toMatch(/^weather\.wav/);
    expect(browser.errors).toEqual([]);
  });
});
