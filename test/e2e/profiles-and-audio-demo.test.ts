import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp, projectSampleCount } from './helpers/page-api';
import { waitForSampleCards } from './helpers/samples-page';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

describe('labeler profiles and the audio demo', () => {
  const suite = useWebAppInBrowser();

  it('remembers who is working, adds a profile, and lists audio with durations', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openApp(page, app.url);
    const workingAs = page.getByLabel('Working as');
    await workingAs.waitFor();

    // The person at this computer starts as the project's owner; the demo's people are there to
    // show its screens as (a demo, marked so); the choice survives a reload of this tab.
    const owner = (await app.call<{ ownerAccount: string }>('session.options')).ownerAccount;
    expect(await workingAs.locator('option').allTextContents()).toEqual([
      `${owner} (admin)`,
      'ana (labeler)',
      'ben (labeler)',
      'chen (labeler)',
      'eli (engineer)',
      'sam (SME)',
      'New profile…',
    ]);
    await page.locator('.demo-mark', { hasText: 'Demo' }).waitFor();
    await workingAs.selectOption({ label: 'ben (labeler)' });
    // The select shows ben once the sign-in has answered and the tab keeps its session.
    await expect.poll(async () => (await workingAs.locator('option:checked').textContent()) ?? '').toBe('ben (labeler)');
    await page.reload();
    await expect.poll(async () => (await workingAs.locator('option:checked').textContent()) ?? '').toBe('ben (labeler)');

    // A new profile, typed and submitted from the keyboard, becomes the current one.
    await workingAs.selectOption({ label: 'New profile…' });
    await page.getByLabel('New labeler name').fill('dana');
    await page.getByLabel('Role').selectOption('sme');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await page.getByLabel('Working as').locator('option:checked').textContent()) ?? '').toBe('dana (SME)');

    // Duplicate names are refused with the back end's message.
    await page.getByLabel('Working as').selectOption({ label: 'New profile…' });
    await page.getByLabel('New labeler name').fill('ana');
    await page.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('alert').filter({ hasText: 'An account named "ana" already exists.' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();

    await waitForSampleCards(page, await projectSampleCount(page));
    await page.getByRole('button', { name: 'Close project' }).click();
    await page.getByRole('button', { name: 'Open audio demo' }).click();
    await page.locator('.project-name', { hasText: 'Demo: voice commands' }).waitFor();
    const clips = await projectSampleCount(page);
    await expect.poll(() => page.getByTestId('sample-card').count()).toBe(clips);
    const weather = page.getByTestId('sample-card').filter({ hasText: 'weather.wav' });
    expect(await weather.locator('.sample-audio').textContent()).toMatch(/^\d\.\d s$/);
    expect(await weather.locator('.sample-meta .muted').textContent()).toBe('16 kHz · mono');

    // Filtering by a status leaves only the samples in it.
    await page.getByLabel('Status').selectOption('draft');
    await expect.poll(() => page.getByTestId('sample-card').count()).toBe(0);
    await page.getByText('No samples match these filters.').waitFor();
    await page.getByLabel('Status').selectOption('');
    await page.getByRole('button', { name: 'clean speech' }).click();
    await expect.poll(() => page.getByTestId('sample-card').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'audio-demo.png') });
    expect(browser.errors).toEqual([]);
  });
});
