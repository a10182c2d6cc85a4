import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openApp, openDemoInPage, projectSampleCount } from './helpers/page-api';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';
import type { RunningWebApp } from '../support/web-app';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

/** Signs in as the demo's SME (and waits for it) and makes a dataset version of the open project; returns its number. */
async function asSmeWithNewVersion(page: Page, app: RunningWebApp): Promise<number> {
  await page.getByLabel('Working as').selectOption({ label: 'eli (engineer)' });
  await page.getByRole('link', { name: 'Train & analyse' }).waitFor();
  const { version } = await app.call<{ version: number }>('datasets.create', {
    ratios: [0.5, 0.25, 0.25],
    seed: 1,
    minAgreement: 0,
    unresolved: 'flag',
    stratifyTags: [],
    pinTestFrom: null,
  });
  return version;
}

describe('train & analyse', () => {
  const suite = useWebAppInBrowser();

  it('trains a baseline in a worker with a live curve, shows the slice table, proposes no label errors from a model no better than the commonest class, and lists the run on return', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openApp(page, app.url);
    const version = await asSmeWithNewVersion(page, app);
    await page.getByRole('link', { name: 'Train & analyse' }).click();
    await expect.poll(() => page.getByTestId('example-count').textContent()).toMatch(/^\d+ box crops · \d+ to train on · \d+ classes$/);

    // An empty epoch count trains nothing and says why, rather than one epoch.
    await page.getByLabel('Epochs').fill('');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Enter a number.');
    expect(await page.getByRole('button', { name: 'Train', exact: true }).isDisabled()).toBe(true);
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
    await expect.poll(() => app.call<unknown[]>('train.runs', { version })).toHaveLength(1);

    // A 4-epoch model on a few crops is no better on the held-out ones than always answering the
    // commonest class, so it proposes no label to redo and says why.
    const labelErrors = page.getByRole('region', { name: 'Likely label errors' });
    expect(await labelErrors.getByTestId('label-error-source').textContent()).toMatch(/^From the \d+ dev and test examples/);
    expect(await labelErrors.getByTestId('label-errors-untrusted').textContent()).toMatch(
      /^No label errors proposed: on the examples it did not train on, this model is right \d+\.\d% of the time, no better than always answering “[^”]+” \(\d+\.\d%\)\./,
    );
    expect(await labelErrors.getByRole('button', { name: 'Send to relabel' }).count()).toBe(0);

    // Then every label is checked by models that never saw it, not only the held-out ones.
    await labelErrors.getByRole('button', { name: 'Check every label (4-fold)' }).click();
    await expect
      .poll(() => labelErrors.getByTestId('label-error-source').textContent(), { timeout: 240_000 })
      .toMatch(/^Every label checked: 4-fold cross-validation over \d+ examples/);

    // Saved once, not again when the slice reload re-read the crops.
    expect(await app.call<unknown[]>('train.runs', { version })).toHaveLength(1);
    // The finished run outlives the screen: it is listed on coming back.
    await page.getByRole('link', { name: 'Samples' }).click();
    await page.getByRole('link', { name: 'Train & analyse' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Finished runs' }).locator('tbody tr').count()).toBe(1);
    expect(browser.errors).toEqual([]);
  });

  it('scores predictions made elsewhere for a transcript project, by slice against HLP', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openDemoInPage(page, app, 'transcript');
    await asSmeWithNewVersion(page, app);
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
    const withoutPrediction = (await projectSampleCount(page)) - 2;
    await expect.poll(() => page.getByTestId('predictions-summary').textContent()).toBe(`2 scored (1 − WER) · ${withoutPrediction} without a prediction`);
    const rows = await page.getByRole('table', { name: 'Imported predictions by slice' }).locator('tbody th').allTextContents();
    expect(rows).toEqual(expect.arrayContaining(['all', 'clean speech']));
    const first = page.locator('.worst-predictions li').first();
    expect(await first.textContent()).toMatch(/^weather\.wav \(\w+\) [\d.]+%gold: Um\S* today's weather is sunny and warm\.?predicted: the weather is sunny/);
    expect(await first.getByLabel('Play weather.wav').getAttribute('src')).toBeTruthy();
    expect(browser.errors).toEqual([]);
  });

  it('trains a clip classifier on the transcripts of the audio demo, and refuses a tag no clip has', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openDemoInPage(page, app, 'transcript');
    const version = await asSmeWithNewVersion(page, app);
    await page.getByRole('link', { name: 'Train & analyse' }).click();
    // Every clip says a different command: one class each.
    const clips = await projectSampleCount(page);
    await expect.poll(() => page.getByTestId('example-count').textContent()).toMatch(new RegExp(`^${clips} clips · \\d+ to train on · ${clips} classes$`));

    await page.getByLabel('Predict', { exact: true }).selectOption({ label: 'the tag “car noise”' });
    await expect.poll(() => page.getByTestId('training-set-error').textContent()).toMatch(/No clip of v\d+ is tagged “car noise”/);
    expect(await page.getByRole('button', { name: 'Train', exact: true }).isDisabled()).toBe(true);
    await page.getByLabel('Predict', { exact: true }).selectOption({ label: 'the transcript (few distinct ones)' });
    await page.getByTestId('example-count').waitFor();

    await page.getByRole('button', { name: /^Sanity check: overfit \d+ clips$/ }).click();
    const status = page.getByTestId('training-status');
    await expect.poll(() => status.textContent(), { timeout: 120_000 }).toMatch(/^Sanity check on (webgl|cpu) · epoch 40 .* · done · the pipeline can learn$/);

    await page.getByLabel('Epochs').fill('6');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(() => status.textContent(), { timeout: 120_000 }).toMatch(/^Training on (webgl|cpu) · epoch 6 .* · done$/);
    const slices = page.getByRole('table', { name: 'Slices by potential gain' });
    await slices.waitFor();
    expect(await page.getByRole('region', { name: 'By slice' }).textContent()).toContain('Model: 1 − WER of the predicted transcript');
    await slices.getByRole('button', { name: 'all' }).click();
    const worst = page.getByRole('region', { name: 'Worst examples of all' });
    const players = worst.locator('audio');
    // The held-out clips the slice figure was measured on.
    const trainCount = Number(/· (\d+) to train on/.exec((await page.getByTestId('example-count').textContent())!)![1]);
    expect(await players.count()).toBe(clips - trainCount);
    // The player streams the clip itself.
    const src = (await players.first().getAttribute('src'))!;
    const response = await page.request.get(new URL(src, app.url).href);
    expect(response.headers()['content-type']).toMatch(/^audio\//);
    await expect
      .poll(async () => (await app.call<Array<{ input: unknown }>>('train.runs', { version })).map((r) => r.input))
      .toEqual([{ kind: 'clips', target: { kind: 'transcript' } }]);
    await page.screenshot({ path: join(SCREENSHOTS, 'train-clips.png'), fullPage: true });

    // A long run cancelled at once stops early; it is neither analysed nor kept (the next full run is the second one kept).
    await page.getByLabel('Epochs').fill('200');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => status.textContent(), { timeout: 120_000 }).toMatch(/ · cancelled$/);
    expect(Number(/epoch (\d+)/.exec((await status.textContent())!)![1])).toBeLessThan(200);
    expect(await page.getByRole('region', { name: 'Per class' }).count()).toBe(0);
    await page.getByLabel('Epochs').fill('2');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(() => status.textContent(), { timeout: 120_000 }).toMatch(/ · epoch 2 .* · done$/);
    await expect.poll(async () => (await app.call<unknown[]>('train.runs', { version })).length).toBe(2);
    expect(browser.errors).toEqual([]);
  });

  it('shows an imported box prediction on its image beside the gold boxes', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openDemoInPage(page, app, 'bbox');
    const version = await asSmeWithNewVersion(page, app);
    const out = join(suite.tempDir(), 'coco');
    await app.call('datasets.export', { version, format: 'coco', outDir: out });
    // The gold boxes as a model's results, except that the model missed the first box of one image.
    const annotations = ['train', 'val', 'test'].flatMap(
      (split) =>
        (
          JSON.parse(readFileSync(join(out, split, 'annotations.json'), 'utf8')) as {
            annotations: Array<{ image_id: number; category_id: number; bbox: number[] }>;
          }
        ).annotations,
    );
    const missed = annotations.find((a) => annotations.filter((b) => b.image_id === a.image_id).length >= 2)!;
    const results = annotations.filter((a) => a !== missed).map((a) => ({ image_id: a.image_id, category_id: a.category_id, bbox: a.bbox, score: 0.9 }));
    writeFileSync(join(out, 'results.json'), JSON.stringify(results));

    await page.getByRole('link', { name: 'Train & analyse' }).click();
    await page.getByLabel('Dataset').selectOption({ label: `v${version}` });
    await page.getByLabel('Predictions file').fill(join(out, 'results.json'));
    await page.getByRole('button', { name: 'Score them' }).click();
    const worst = page.getByRole('list', { name: 'Worst predictions of all' }).locator('li').first();
    const preview = worst.getByRole('img');
    await preview.waitFor();
    expect(await preview.locator('rect.gold-box').count()).toBe((await preview.locator('rect.predicted-box').count()) + 1);
    const thumbnail = await page.request.get(new URL((await preview.locator('image').getAttribute('href'))!, app.url).href);
    expect(thumbnail.status()).toBe(200);
    expect(thumbnail.headers()['content-type']).toMatch(/^image\//);
    expect(await worst.textContent()).toMatch(/gold: \d+ boxes: .*predicted: \d+ box/);
    await worst.screenshot({ path: join(SCREENSHOTS, 'train-prediction-preview.png') });
    expect(browser.errors).toEqual([]);
  });
});
