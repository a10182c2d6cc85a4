import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BboxPayload } from '../../shared/annotation/payload';
import type { GoldChecks, Qualification } from '../../shared/domain/gold-checks';
import type { ReviewSample } from '../../shared/domain/gold';
import { workAs } from './helpers/account-page';
import { becomeNewLabeler, dragImage, openLabelArea } from './helpers/bbox-page';
import { waitForSample } from './helpers/label-page';
import { openApp } from './helpers/page-api';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');
/** The two demo disagreements sam decides and makes the qualification set. */
const SET = ['chelsea.jpg', 'coffee.jpg'];

/** Opens each sample of the set from the queue and draws on it with `draw`, submitting with Enter. */
async function labelTheSet(page: Page, ids: readonly number[], draw: (sampleId: number) => Promise<void>): Promise<void> {
  for (const sampleId of ids) {
    await page.locator(`.queue-item[data-sample-id="${sampleId}"]`).click();
    await waitForSample(page, sampleId);
    await draw(sampleId);
    await page.keyboard.press('Enter');
    await page.locator(`.queue-item[data-sample-id="${sampleId}"] [data-status="submitted"]`).waitFor();
  }
}

describe('a failed qualification', () => {
  const suite = useWebAppInBrowser();

  it('an SME decides and sets a threshold on screen; a new labeler fails the set and stays locked out; the SME sees what was missed and gives it again; she passes', async () => {
    const app = suite.app();
    const { page } = suite.browser();
    await openApp(page, app.url);

    // sam decides two disagreements in Review, taking ana's answer, and makes each a qualification check.
    await workAs(page, 'sam (SME)');
    await page.getByRole('link', { name: 'Review' }).click();
    const list = page.getByRole('list', { name: 'Samples to review' });
    const ids: number[] = [];
    for (const name of SET) {
      await list.getByRole('button', { name: new RegExp(name.replace('.', '\\.')) }).click();
      await page.getByRole('region', { name: `Review of ${name}` }).waitFor();
      await page.getByRole('button', { name: 'Accept ana' }).click();
      await expect.poll(() => page.getByTestId('current-decision').textContent()).toBe('Decision 1: accepted a labeler (ana)');
      await page.getByLabel('Gold check').selectOption('qualification');
      await expect.poll(async () => (await app.call<GoldChecks>('gold.checks', {})).checks.map((c) => c.displayName)).toContain(name);
      ids.push((await app.call<GoldChecks>('gold.checks', {})).checks.find((c) => c.displayName === name)!.sampleId);
    }

    // New labelers qualify first, at 50 % agreement with gold.
    await page.getByRole('link', { name: 'Agreement' }).click();
    const settings = page.getByRole('form', { name: 'Gold check settings' });
    await settings.getByLabel('New labelers qualify first').check();
    await settings.getByLabel('Threshold (%)').fill('50');
    await settings.getByRole('button', { name: 'Save check settings' }).click();
    await expect.poll(async () => (await app.call<GoldChecks>('gold.checks', {})).settings.qualification?.threshold).toBe(0.5);

    // dana boxes a corner of each image: nothing like the gold boxes.
    await becomeNewLabeler(page, 'dana');
    await openLabelArea(page);
    await page.locator('[data-testid="qualification-note"][data-state="in-progress"]').waitFor();
    await labelTheSet(page, ids, () => dragImage(page, { x: 2, y: 2 }, { x: 12, y: 12 }));
    await page.locator('[data-testid="qualification-note"][data-state="failed"]').waitFor();
    // Real work stays locked: her queue is the set alone.
    const queueIds = () => page.locator('.queue-item').evaluateAll((items) => items.map((i) => Number(i.getAttribute('data-sample-id'))).sort((a, b) => a - b));
    expect(await queueIds()).toEqual([...ids].sort((a, b) => a - b));
    await page.screenshot({ path: join(SCREENSHOTS, 'qualification-failed-labeler.png') });

    // sam sees both checks missed, by name, and gives the set again.
    await workAs(page, 'sam (SME)');
    await page.getByRole('link', { name: 'Agreement' }).click();
    const missed = page.getByRole('list', { name: 'Qualification checks dana missed' });
    await expect.poll(() => missed.getByRole('button').allTextContents()).toEqual(expect.arrayContaining(SET));
    await page.screenshot({ path: join(SCREENSHOTS, 'qualification-failed-sme.png'), fullPage: true });
    await page.locator('[data-testid="qualification"][data-state="failed"]').getByRole('button', { name: 'Give the set again' }).click();
    await page.locator('[data-testid="qualification"][data-state="in-progress"]').waitFor();

    // dana boxes what the gold label boxes, and passes.
    await workAs(page, 'dana (labeler)');
    await openLabelArea(page);
    await page.locator('[data-testid="qualification-note"][data-state="in-progress"]').waitFor();
    const goldBoxes = async (sampleId: number) => ((await app.call<ReviewSample>('review.sample', { sampleId })).decision!.payload as BboxPayload).boxes;
    await labelTheSet(page, ids, async (sampleId) => {
      for (const b of await goldBoxes(sampleId)) await dragImage(page, { x: b.x1, y: b.y1 }, { x: b.x2, y: b.y2 });
    });
    const dana = (await app.call<{ id: number; name: string }[]>('labelers.list', {})).find((l) => l.name === 'dana')!.id;
    await expect.poll(async () => (await app.call<Qualification>('gold.qualification', { labelerId: dana })).state).toBe('passed');
    await page.locator('[data-testid="qualification-note"]').waitFor({ state: 'detached' });
  });
});
