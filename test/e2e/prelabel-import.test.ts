import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workAs } from './helpers/account-page';
import { becomeNewLabeler, listedBoxes, openLabelArea } from './helpers/bbox-page';
import { openFromQueue } from './helpers/label-page';
import { openApp } from './helpers/page-api';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

describe('pre-labels from the card', () => {
  const suite = useWebAppInBrowser();

  it('imports predictions picked in the browser, and an SME’s choice for one assignment decides what its labeler starts from', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openApp(page, app.url);
    const samples = (await app.call<{ items: { id: number; displayName: string }[] }>('samples.list', {})).items;
    const [first, second] = samples;
    const dir = suite.tempDir();
    writeFileSync(join(dir, 'broken.json'), '[{"image_id": 1, "secret": "TOP-SECRET"');
    // A detector found one "person" box near the top left of every demo image.
    writeFileSync(join(dir, 'detector-v1.json'), JSON.stringify(samples.map((s) => ({ image_id: s.id, category_id: 1, bbox: [10, 10, 60, 40], score: 0.9 }))));
    await becomeNewLabeler(page, 'eve');
    await becomeNewLabeler(page, 'fay');

    // The engineer picks the model's file on this computer; a broken one is refused in place, by name and place only.
    await workAs(page, 'eli (engineer)');
    await page.getByRole('link', { name: 'Agreement' }).click();
    const card = page.getByTestId('anchoring');
    const importForm = card.getByRole('form', { name: 'Import predictions' });
    await importForm.getByLabel('Predictions file').setInputFiles(join(dir, 'broken.json'));
    await importForm.getByRole('button', { name: 'Import' }).click();
    const refusal = importForm.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('broken.json is not valid JSON (line 1, column 40)');
    expect(await refusal.textContent()).not.toContain('TOP-SECRET');
    await importForm.getByLabel('Predictions file').setInputFiles(join(dir, 'detector-v1.json'));
    await importForm.getByLabel('Model (source name)').fill('detector v1');
    await importForm.getByRole('button', { name: 'Import' }).click();
    const result = card.getByTestId('prelabel-import-result');
    await result.waitFor();
    expect(await result.textContent()).toContain(`Imported ${samples.length} boxes on ${samples.length} samples from “detector v1”.`);
    expect(await card.getByTestId('baseline-note').textContent()).toContain('beside a finished box run stores the boxes it finds');
    await card.screenshot({ path: join(SCREENSHOTS, 'prelabel-import.png') });

    // The SME offers them with nothing kept blind by the plan, then keeps fay blind on the first sample.
    await workAs(page, 'sam (SME)');
    await card.getByLabel('Labelers start from').selectOption('detector v1');
    await card.getByLabel('Kept blind (%)').fill('0');
    await card.getByRole('button', { name: 'Save' }).click();
    await card.getByLabel('Sample id').fill(String(first!.id));
    await card.getByRole('button', { name: 'Show assignments' }).click();
    const table = card.getByRole('table', { name: `Assignments of sample ${first!.id}` });
    await table.locator('tr[data-labeler="fay"][data-arm="prelabeled"]').waitFor();
    await table.getByLabel('Pre-labels for fay').selectOption({ label: 'keep blind' });
    await table.locator('tr[data-labeler="fay"][data-arm="blind"]').waitFor();
    expect(await table.locator('tr[data-labeler="eve"]').getAttribute('data-arm')).toBe('prelabeled');
    await card.screenshot({ path: join(SCREENSHOTS, 'prelabel-card.png') });

    // Eve starts from the model's box; fay starts blank there, and from the model's box where the plan decides.
    await workAs(page, 'eve (labeler)');
    await openLabelArea(page);
    await openFromQueue(page, first!.displayName);
    await page.locator(`.prelabel-notice[data-prelabel-sample="${first!.id}"]`).waitFor();
    expect(await listedBoxes(page)).toHaveLength(1);

    await workAs(page, 'fay (labeler)');
    await openLabelArea(page);
    await openFromQueue(page, second!.displayName);
    await page.locator(`.prelabel-notice[data-prelabel-sample="${second!.id}"]`).waitFor();
    expect(await listedBoxes(page)).toHaveLength(1);
    // Once the sample is shown its offer has been read with it: a blind one shows no notice and no box.
    await openFromQueue(page, first!.displayName);
    expect(await page.locator('.prelabel-notice').count()).toBe(0);
    expect(await listedBoxes(page)).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
