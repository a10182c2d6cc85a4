import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnnotationView } from '../../shared/domain/annotation';
import type { AnchoringReport } from '../../shared/domain/prelabel';
import { becomeNewLabeler, dragImage, listedBoxes, openLabelArea } from './helpers/bbox-page';
import { shownSample } from './helpers/label-page';
import { openApp } from './helpers/page-api';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

describe('pre-labels', () => {
  const suite = useWebAppInBrowser();

  it('gives a labeler the model’s boxes to start from, marked as the model’s, to accept or edit', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openApp(page, app.url);

    // An engineer's model found one "person" box near the top left of every demo image.
    const samples = (await app.call<{ items: { id: number }[] }>('samples.list', {})).items;
    const path = join(suite.tempDir(), 'results.json');
    writeFileSync(path, JSON.stringify(samples.map((s) => ({ image_id: s.id, category_id: 1, bbox: [10, 10, 60, 40], score: 0.9 }))));
    await app.call('prelabels.import', { source: 'detector v1', format: 'coco-results', path });
    await app.call('prelabels.configure', { source: 'detector v1', blindShare: 0, seed: 1 });

    await becomeNewLabeler(page, 'eve');
    await openLabelArea(page);
    const first = await shownSample(page, 1);
    await page.locator(`.prelabel-notice[data-prelabel-sample="${first.id}"]`).waitFor();
    expect(await page.locator('.prelabel-notice').textContent()).toContain('Pre-labeled by a model (detector v1)');
    expect(await listedBoxes(page)).toHaveLength(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'prelabel-start.png') });

    // Accepted as it is on the first image; corrected with a box of her own on the second.
    await page.keyboard.press('Enter');
    const second = await shownSample(page, 2);
    await page.locator(`.prelabel-notice[data-prelabel-sample="${second.id}"]`).waitFor();
    await dragImage(page, { x: 150, y: 120 }, { x: 250, y: 200 });
    await expect.poll(() => listedBoxes(page)).toHaveLength(2);
    await page.keyboard.press('Enter');
    await shownSample(page, 3);

    const eve = (await app.call<{ id: number; name: string }[]>('labelers.list')).find((l) => l.name === 'eve')!;
    const accepted = await app.call<AnnotationView>('annotations.mine', { labelerId: eve.id, sampleId: first.id });
    expect(accepted).toMatchObject({ status: 'submitted', payload: { boxes: [{ id: 'model-1', classId: 1, x1: 10, y1: 10, x2: 70, y2: 50 }] } });
    const edited = await app.call<AnnotationView>('annotations.mine', { labelerId: eve.id, sampleId: second.id });
    expect(edited?.payload).toMatchObject({ boxes: [{ id: 'model-1' }, {}] });
    const report = await app.call<AnchoringReport>('agreement.anchoring', {});
    expect(report.prelabeled.answers).toBe(2);
    expect(report.prelabeled.withModel.comparisons).toBe(2);

    // The SME sees the arms on the dashboard.
    await page.getByLabel('Working as').selectOption({ label: 'sam (SME)' });
    await page.getByRole('link', { name: 'Agreement' }).click();
    const card = page.getByTestId('anchoring');
    await card.waitFor();
    await expect.poll(() => card.getByRole('table', { name: 'Agreement with and without pre-labels' }).locator('tr').count()).toBe(4);
    await card.screenshot({ path: join(SCREENSHOTS, 'prelabel-anchoring.png') });
    expect(browser.errors).toEqual([]);
  });
});
