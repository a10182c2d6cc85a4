import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { GoldChecks, GoldQualityReport, Qualification } from '../../shared/domain/gold-checks';
import type { ReviewQueueView, ReviewSample } from '../../shared/domain/gold';
import { becomeNewLabeler, dragImage, openLabelArea } from './helpers/bbox-page';
import { waitForSample } from './helpers/label-page';
import { openApp } from './helpers/page-api';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

async function workAs(page: Page, person: string): Promise<void> {
  await page.getByLabel('Working as').selectOption({ label: person });
  await page.getByLabel('Working as').locator('option:checked', { hasText: person }).waitFor({ state: 'attached' });
}

describe('gold checks, qualification and feedback', () => {
  const suite = useWebAppInBrowser();

  it('an SME marks checks and a qualification set; a new labeler qualifies, meets checks in the queue and is taught by them; the dashboard scores her', async () => {
    const app = suite.app();
    const { page } = suite.browser();
    await openApp(page, app.url);

    // Four of the demo's disagreements are decided (what Review is for; its own tests drive it).
    const queue = await app.call<ReviewQueueView>('review.queue', {});
    const decided = queue.items.slice(0, 4).map((item) => ({ id: item.sampleId, displayName: item.displayName }));
    for (const sample of decided) {
      const review = await app.call<ReviewSample>('review.sample', { sampleId: sample.id });
      await app.call('review.decide', {
        sampleId: sample.id,
        choice: 'labeler',
        labelerId: review.annotations[0]!.labelerId,
        guidelineRule: '#tight',
        baseRevision: null,
        answersSeenAt: review.answersAt,
      });
    }

    // sam marks, beside each decision in Review, one qualification check and three checks.
    await workAs(page, 'sam (SME)');
    await page.getByRole('link', { name: 'Review' }).click();
    const list = page.getByRole('list', { name: 'Samples to review' });
    for (const [i, sample] of decided.entries()) {
      await list.locator('.review-item-name', { hasText: sample.displayName }).first().click();
      await page.getByTestId('current-decision').waitFor();
      await page.getByLabel('Gold check').selectOption(i === 0 ? 'qualification' : 'check');
      await expect.poll(async () => (await app.call<GoldChecks>('gold.checks', {})).checks.find((c) => c.sampleId === sample.id)?.qualification).toBe(i === 0);
    }

    // On the dashboard: checks are a third of each queue, feedback on, new labelers qualify first.
    await page.getByRole('link', { name: 'Agreement' }).click();
    const settings = page.getByRole('form', { name: 'Gold check settings' });
    await settings.getByLabel('Checks in each queue (%)').fill('30');
    await settings.getByLabel('Show the gold label after a check').check();
    await settings.getByLabel('New labelers qualify first').check();
    await settings.getByLabel('Threshold (%)').fill('0');
    await settings.getByRole('button', { name: 'Save check settings' }).click();
    await expect
      .poll(async () => (await app.call<GoldChecks>('gold.checks', {})).settings)
      .toEqual({ rate: 0.3, feedback: true, qualification: { threshold: 0, requalifyOnNewVersion: false } });

    // dana, new, gets the qualification set alone; she draws a box and submits it.
    await becomeNewLabeler(page, 'dana');
    await openLabelArea(page);
    await page.locator('[data-testid="qualification-note"][data-state="in-progress"]').waitFor();
    await waitForSample(page, decided[0]!.id);
    await dragImage(page, { x: 20, y: 20 }, { x: 100, y: 90 });
    await page.keyboard.press('Enter');
    // A qualification check is a check: the lesson follows.
    const lesson = page.locator(`.check-feedback[data-sample-id="${decided[0]!.id}"]`);
    await lesson.waitFor();
    await expect.poll(() => lesson.locator('h3', { hasText: 'Tight boxes' }).count()).toBe(1);
    await expect.poll(() => lesson.getByTestId('feedback-rule').textContent()).toContain('outermost visible pixels'); // the rule the decision cites
    await page.screenshot({ path: join(SCREENSHOTS, 'gold-check-feedback.png') });
    await page.getByRole('button', { name: 'Go on' }).click();
    const danaId = (await app.call<{ id: number; name: string }[]>('labelers.list', {})).find((l) => l.name === 'dana')!.id;
    await expect.poll(async () => (await app.call<Qualification>('gold.qualification', { labelerId: danaId })).state).toBe('passed');

    // Qualified: her queue, opened again, is the demo's work with checks mixed in, and she answers one of them.
    await page.reload();
    await page.getByLabel('Working as').locator('option:checked', { hasText: 'dana' }).waitFor({ state: 'attached' });
    await openLabelArea(page);
    await expect.poll(() => page.locator('.queue-item').count()).toBeGreaterThan(1);
    const queueIds = await page.locator('.queue-item').evaluateAll((items) => items.map((i) => Number(i.getAttribute('data-sample-id'))));
    const check = decided.slice(1).find((s) => queueIds.includes(s.id));
    expect(queueIds.length).toBeGreaterThan(1);
    expect(check).toBeDefined();
    await page.locator(`.queue-item[data-sample-id="${check!.id}"]`).click();
    await waitForSample(page, check!.id);
    await dragImage(page, { x: 30, y: 30 }, { x: 120, y: 100 });
    await page.keyboard.press('Enter');
    await page.locator(`.check-feedback[data-sample-id="${check!.id}"]`).waitFor();
    await page.getByRole('button', { name: 'Go on' }).click();

    // sam's dashboard shows dana's agreement with gold and its interval.
    await workAs(page, 'sam (SME)');
    await page.getByRole('link', { name: 'Agreement' }).click();
    const row = page.locator('[data-testid="gold-labeler"][data-labeler="dana"]');
    await row.waitFor();
    const report = await app.call<GoldQualityReport>('gold.report', {});
    const danas = report.labelers.find((l) => l.name === 'dana')!;
    expect(danas.overall.figure.samples).toBe(2);
    await expect.poll(() => row.getByTestId('gold-interval').textContent()).toMatch(/95%|–/);
    await page.screenshot({ path: join(SCREENSHOTS, 'gold-agreement-dashboard.png'), fullPage: true });
  });
});
