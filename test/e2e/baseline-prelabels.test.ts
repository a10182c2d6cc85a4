import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { offerToEveryLabeler } from './helpers/anchoring-page';
import { buildPcmWav, tone } from '../electron/media/pcm-wav';
import { openFromQueue } from './helpers/label-page';
import { openDemoInPage } from './helpers/page-api';
import { clipTranscript } from '../support/clip-payload';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';
import { importThrough, type RunningWebApp } from '../support/web-app';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');
const LIGHTS = 'turn on the lights';
const STOP = 'stop';

/** Half-second hums (about 200 Hz) and whistles (about 3 kHz) in a new folder, a few hertz apart so none is a duplicate. */
function writeTones(dir: string, prefix: string, each: number, offset: number): string {
  mkdirSync(dir);
  for (let n = 0; n < each; n++)
    for (const [kind, hz] of [
      ['hum', 200],
      ['whistle', 3000],
    ] as const)
      writeFileSync(
        join(dir, `${prefix}${kind}-${n + 1}.wav`),
        buildPcmWav({ encoding: 's16', sampleRate: 16_000, channels: 1, frames: 8000, signal: tone(0.5, hz + offset + n, 16_000) }),
      );
  return dir;
}

/** Ana and ben transcribe every tone clip: a hum says "turn on the lights", a whistle "stop". */
async function transcribeTones(app: RunningWebApp): Promise<void> {
  const labelers = await app.call<Array<{ id: number; name: string }>>('labelers.list', {});
  const samples = (await app.call<{ items: Array<{ id: number; displayName: string }> }>('samples.list', { limit: 500 })).items;
  for (const name of ['ana', 'ben']) {
    const labeler = labelers.find((l) => l.name === name)!;
    await app.call('session.signIn', { method: 'demo', labelerId: labeler.id });
    for (const sample of samples.filter((s) => /^(hum|whistle)-/.test(s.displayName))) {
      const text = sample.displayName.startsWith('hum') ? LIGHTS : STOP;
      const payload = clipTranscript(text);
      await app.call('annotations.save', { labelerId: labeler.id, sampleId: sample.id, payload, status: 'submitted', baseRevision: null });
    }
  }
  await app.call('session.signIn', { method: 'demo', labelerId: labelers.find((l) => l.name === 'eli')!.id });
}

describe('the baseline as pre-labels', () => {
  const suite = useWebAppInBrowser();

  it('trains on transcribed clips, offers the run as pre-labels for new clips, and a labeler’s editor starts from its transcript, marked as the model’s', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openDemoInPage(page, app, 'transcript');
    await importThrough(app, writeTones(join(suite.tempDir(), 'tones'), '', 8, 0), { copyMedia: true });
    await transcribeTones(app);
    await app.call('datasets.create', {
      ratios: [0.6, 0.2, 0.2],
      seed: 1,
      minAgreement: 0,
      unresolved: 'flag',
      stratifyTags: [],
      pinTestFrom: null,
    });
    // New clips, after the version: what the model is to pre-label.
    await importThrough(app, writeTones(join(suite.tempDir(), 'new'), 'new-', 2, 40), { copyMedia: true });

    await page.getByLabel('Working as').selectOption({ label: 'eli (engineer)' });
    await page.getByRole('link', { name: 'Train & analyse' }).click();
    await expect.poll(() => page.getByTestId('example-count').textContent()).toMatch(/^\d+ clips · \d+ to train on · \d+ classes$/);
    await page.getByLabel('Epochs').fill('25');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(() => page.getByTestId('training-status').textContent(), { timeout: 180_000 }).toMatch(/ · epoch 25 .* · done$/);
    const runs = page.getByRole('table', { name: 'Finished runs' });
    await runs.locator('tbody tr').first().waitFor();
    const runId = Number(await runs.locator('tbody tr').first().getAttribute('data-run-id'));
    await runs.getByRole('button', { name: 'Offer as pre-labels' }).click();

    const offer = page.getByRole('region', { name: `Offer run ${runId} as pre-labels` });
    await offer.getByLabel('Only where the model is at least (%) sure').fill('50');
    await offer.getByRole('button', { name: 'Predict and store' }).click();
    const status = offer.getByTestId('offer-status');
    await offer.locator('[data-testid="offer-status"][data-phase="done"]').waitFor({ timeout: 120_000 });
    // The four new clips, none of them submitted yet, are all the model looked at.
    expect(await status.textContent()).toMatch(/^4 clips of 4 predicted · \d pre-labels? stored · \d below the threshold · done\./);
    await page.screenshot({ path: join(SCREENSHOTS, 'baseline-prelabels-train.png'), fullPage: true });
    const source = `Baseline run ${runId}`;
    const summary = await app.call<{ sources: Array<{ source: string; samples: number }> }>('prelabels.summary', {});
    expect(summary.sources.find((s) => s.source === source)?.samples).toBeGreaterThanOrEqual(1);

    // The SME offers it on the Agreement screen, none kept blind.
    await page.getByLabel('Working as').selectOption({ label: 'sam (SME)' });
    const card = await offerToEveryLabeler(page, app, source);
    expect(await card.getByTestId('baseline-note').textContent()).toContain('Offer as pre-labels');
    await card.screenshot({ path: join(SCREENSHOTS, 'baseline-prelabels-card.png') });

    // Ana opens a new whistle the model was sure of: her editor holds its transcript, said to be the model's.
    const predicted = await app.call<{ items: Array<{ id: number; displayName: string }> }>('samples.list', { limit: 500 });
    let whistle: { id: number; displayName: string } | undefined;
    for (const sample of predicted.items.filter((s) => s.displayName.startsWith('new-whistle'))) {
      const view = await app.call<{ predicted: boolean }>('prelabels.sample', { sampleId: sample.id });
      if (view.predicted) whistle = sample;
    }
    expect(whistle).toBeDefined();
    await page.getByLabel('Working as').selectOption({ label: 'ana (labeler)' });
    await page.getByRole('link', { name: 'Label' }).click();
    const sampleId = await openFromQueue(page, whistle!.displayName);
    await page.locator(`.prelabel-notice[data-prelabel-sample="${sampleId}"]`).waitFor();
    expect(await page.locator('.prelabel-notice').textContent()).toMatch(new RegExp(`^Pre-labeled by a model \\(${source}, \\d+% sure\\)`));
    expect(await page.getByLabel('Transcript of the whole clip').inputValue()).toBe(STOP);
    await page.screenshot({ path: join(SCREENSHOTS, 'baseline-prelabels-editor.png') });
    expect(browser.errors).toEqual([]);
  }, 300_000); // training, predicting and three roles' screens: more than the suite's default time
});
