import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { offerToEveryLabeler } from './helpers/anchoring-page';
import { boxIoU } from '../../shared/metrics/box-iou';
import { openAsTeammate, signInWithPassword } from './helpers/account-page';
import { listedBoxes, openLabelArea } from './helpers/bbox-page';
import { openFromQueue } from './helpers/label-page';
import { drawnLabel, writeDrawnBoxes, type DrawnBox } from '../support/drawn-boxes';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';
import { importThrough, type RunningWebApp } from '../support/web-app';
import type { Page } from 'playwright-core';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');
const password = (name: string) => `${name}'s long password`;

async function signOutAndIn(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInWithPassword(page, name, password(name));
}

/** Ana and ben each submit the drawn boxes of every image as they were drawn; the script is the owner again after. */
async function labelDrawn(
  app: RunningWebApp,
  drawn: ReadonlyMap<string, DrawnBox[]>,
  classIds: [number, number],
  labelers: Map<string, number>,
): Promise<void> {
  const samples = (await app.call<{ items: Array<{ id: number; displayName: string }> }>('samples.list', { limit: 500 })).items;
  for (const name of ['ana', 'ben']) {
    await app.call('session.signIn', { method: 'password', name, password: password(name) });
    for (const sample of samples.filter((s) => drawn.has(s.displayName)))
      await app.call('annotations.save', {
        labelerId: labelers.get(name),
        sampleId: sample.id,
        payload: drawnLabel(drawn.get(sample.displayName)!, classIds),
        status: 'submitted',
        baseRevision: null,
      });
  }
  await app.call('session.signIn', { method: 'owner' });
}

describe('the image baseline as pre-labels', () => {
  const suite = useWebAppInBrowser();

  it('trains on drawn boxes, offers the run as pre-labels for new images, and a labeler’s editor starts from the boxes it found, marked as the model’s', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await page.goto('about:blank'); // a page left open would go on showing the project the script closes
    const created = await app.call<{ classes: Array<{ id: number }> }>('projects.create', {
      dir: join(suite.tempDir(), 'project'),
      name: 'Shapes',
      kind: 'bbox',
      classes: [{ name: 'orange' }, { name: 'blue' }],
    });
    const classIds = created.classes.map((c) => c.id) as [number, number];
    const labelers = new Map<string, number>();
    for (const [name, role] of [
      ['ana', 'labeler'],
      ['ben', 'labeler'],
      ['eli', 'engineer'],
      ['sam', 'sme'],
    ] as const)
      labelers.set(name, (await app.call<{ id: number }>('labelers.create', { name, role, password: password(name) })).id);
    const media = suite.tempDir();
    const old = await writeDrawnBoxes(
      join(media, 'old'),
      Array.from({ length: 16 }, (_, i) => `old-${i + 1}.png`),
      5,
    );
    await importThrough(app, join(media, 'old'), { copyMedia: true });
    await labelDrawn(app, old, classIds, labelers);
    await app.call('datasets.create', { ratios: [0.75, 0.125, 0.125], seed: 1, minAgreement: 0, unresolved: 'flag', stratifyTags: [], pinTestFrom: null });
    // New images, after the version: what the model is to pre-label.
    const fresh = await writeDrawnBoxes(join(media, 'new'), ['new-1.png', 'new-2.png', 'new-3.png'], 6);
    await importThrough(app, join(media, 'new'), { copyMedia: true });

    await openAsTeammate(page, app.url);
    await signInWithPassword(page, 'eli', password('eli'));
    await page.getByRole('link', { name: 'Train & analyse' }).click();
    await expect.poll(() => page.getByTestId('example-count').textContent()).toMatch(/^\d+ box crops · \d+ to train on · 2 classes$/);
    await page.getByLabel('Epochs').fill('15');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(() => page.getByTestId('training-status').textContent(), { timeout: 180_000 }).toMatch(/ · epoch 15 .* · done$/);
    const runs = page.getByRole('table', { name: 'Finished runs' });
    await runs.locator('tbody tr').first().waitFor();
    const runId = Number(await runs.locator('tbody tr').first().getAttribute('data-run-id'));
    expect(await runs.locator('tbody tr').first().textContent()).toContain('boxes (finds them)');
    await runs.getByRole('button', { name: 'Offer as pre-labels' }).click();

    const offer = page.getByRole('region', { name: `Offer run ${runId} as pre-labels` });
    await offer.getByRole('button', { name: 'Predict and store' }).click();
    await offer.locator('[data-testid="offer-status"][data-phase="done"]').waitFor({ timeout: 120_000 });
    // The three new images, none of them submitted yet, are all the model looked at.
    expect(await offer.getByTestId('offer-status').textContent()).toMatch(
      /^3 images of 3 predicted · [1-3] pre-labels? stored · \d with no box above the threshold · done\./,
    );
    await page.getByRole('region', { name: 'Finished runs' }).screenshot({ path: join(SCREENSHOTS, 'image-baseline-prelabels-train.png') });
    const source = `Baseline run ${runId}`;

    // The SME offers it on the Agreement screen, none kept blind.
    await signOutAndIn(page, 'sam');
    const card = await offerToEveryLabeler(page, app, source);
    expect(await card.getByTestId('baseline-note').textContent()).toContain('beside a finished box run stores the boxes it finds');
    await card.screenshot({ path: join(SCREENSHOTS, 'image-baseline-prelabels-card.png') });

    // The boxes it stored are the drawn objects: each matches one of its image's by class and IoU ≥ 0.5.
    const samples = (await app.call<{ items: Array<{ id: number; displayName: string }> }>('samples.list', { limit: 500 })).items;
    const found: { name: string; sampleId: number; boxes: number }[] = [];
    for (const sample of samples.filter((s) => fresh.has(s.displayName))) {
      const offered = await app.call<{ payload: { boxes: Array<{ classId: number; x1: number; y1: number; x2: number; y2: number }> } | null }>(
        'prelabels.offer',
        { labelerId: labelers.get('ana'), sampleId: sample.id },
      );
      if (!offered.payload) continue;
      found.push({ name: sample.displayName, sampleId: sample.id, boxes: offered.payload.boxes.length });
      for (const box of offered.payload.boxes) {
        const truth = fresh.get(sample.displayName)!.filter((d) => classIds[d.classIndex] === box.classId);
        expect(Math.max(0, ...truth.map((d) => boxIoU([d.x1, d.y1, d.x2, d.y2], [box.x1, box.y1, box.x2, box.y2])))).toBeGreaterThanOrEqual(0.5);
      }
    }
    expect(found.length).toBeGreaterThanOrEqual(1);

    // Ana opens an image the model found boxes in: her editor holds them, said to be the model's.
    await signOutAndIn(page, 'ana');
    await openLabelArea(page);
    const sampleId = await openFromQueue(page, found[0]!.name);
    await page.locator(`.prelabel-notice[data-prelabel-sample="${sampleId}"]`).waitFor();
    expect(await page.locator('.prelabel-notice').textContent()).toMatch(new RegExp(`^Pre-labeled by a model \\(${source}, \\d+% sure\\)`));
    await expect.poll(() => listedBoxes(page).then((boxes) => boxes.length)).toBe(found[0]!.boxes);
    await page.screenshot({ path: join(SCREENSHOTS, 'image-baseline-prelabels-editor.png') });
    expect(browser.errors).toEqual([]);
  }, 400_000); // training, predicting and three roles' screens: more than the suite's default time
});
