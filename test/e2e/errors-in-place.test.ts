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

  it('Samples: a refused import and a failed page are said in the screen, in words; editing the source or trying again clears them', async () => {
    const { page } = suite.browser();
    await openApp(page, suite.app().url);
    await page.getByRole('link', { name: 'Samples' }).click();
    await page.getByRole('button', { name: 'Import…' }).click();
    const panel = page.locator('.import-panel');
    await panel.getByLabel('Folder or manifest to import').fill('/no/such/folder');
    await panel.getByRole('button', { name: 'Start import' }).click();
    const alert = panel.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^Nothing to import at \/no\/such\/folder: no such file or folder\./);
    expect(await page.locator('.notices [role="alert"]').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'samples-import-error-in-place.png') });
    // Editing the source clears it; trying again and dismissing it clears it too.
    await panel.getByLabel('Folder or manifest to import').fill('/no/such/folder2');
    await alert.waitFor({ state: 'detached' });
    await panel.getByRole('button', { name: 'Start import' }).click();
    await alert.waitFor();
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await alert.waitFor({ state: 'detached' });

    // The list's next page fails once (the host went away a moment): said above the list, with a way to try again.
    let failNext = true;
    await page.route('**/api/call/samples.list', async (route) => {
      if (!failNext) return route.continue();
      failNext = false;
      await route.abort('connectionrefused');
    });
    await page.getByLabel('Sort').selectOption({ label: 'Name, Z to A' });
    const listError = page.locator('.samples > [role="alert"]');
    await listError.waitFor();
    expect(await listError.textContent()).toMatch(/^Could not list the samples: /);
    await listError.getByRole('button', { name: 'Try again' }).click();
    await listError.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('sample-total').getAttribute('data-total')).not.toBe('');
  });
});
