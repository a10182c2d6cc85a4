import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callInPage, openApp } from './helpers/page-api';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

describe('errors said where they happen', () => {
  const suite = useWebAppInBrowser();

  it('Review: a decision refused because someone decided meanwhile is said beside the buttons, in words, and can be dismissed', async () => {
    const { page } = suite.browser();
    // This window hears of no other decision (its event stream is cut), as in the moment before
    // the news arrives: the host's refusal is then what tells it.
    await page.route('**/api/events**', (route) => route.abort());
    await openApp(page, suite.app().url);
    await page.getByRole('link', { name: 'Review' }).click();
    const list = page.getByRole('list', { name: 'Samples to review' });
    const first = list.getByRole('button').first();
    await first.waitFor();
    await first.click();
    const decision = page.getByRole('region', { name: 'Decision' });
    await decision.getByRole('button', { name: 'Accept consensus' }).waitFor();

    // Another window decides the same sample first.
    const queue = await callInPage<{ items: Array<{ sampleId: number }> }>(page, 'review.queue', {});
    const sampleId = queue.items[0]!.sampleId;
    const seen = await callInPage<{ answersAt: string | null }>(page, 'review.sample', { sampleId });
    await callInPage(page, 'review.decide', {
      sampleId,
      choice: 'consensus',
      reason: '',
      guidelineRule: null,
      baseRevision: null,
      answersSeenAt: seen.answersAt,
    });

    await decision.getByRole('button', { name: 'Accept consensus' }).click();
    const alert = decision.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^This sample was decided meanwhile .*Reload it to see the newest decision\./);
    // The notices corner stays empty: the error belongs to this panel.
    expect(await page.locator('.notices [role="alert"]').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'review-error-in-place.png') });
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => alert.count()).toBe(0);
  });
});
