import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Route } from 'playwright-core';
import { signInAsNewAccount } from './helpers/account-page';
import { openApp } from './helpers/page-api';
import { becomeNewLabeler, dragImage, openLabelArea } from './helpers/bbox-page';
import { openFromQueue, shownSample, waitForSaved } from './helpers/label-page';
import { writeImage } from '../support/media-fixtures';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

describe('the label queue', () => {
  const suite = useWebAppInBrowser();

  it('does not call a submitted sample Submitted while edits made to it since are not saved', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openApp(page, app.url);
    await becomeNewLabeler(page, 'eve');
    await openLabelArea(page);
    const first = await shownSample(page, 1);
    await dragImage(page, { x: 20, y: 20 }, { x: 100, y: 90 });
    await page.keyboard.press('Enter');
    await shownSample(page, 2);
    const dot = page.locator(`.queue-item[data-sample-id="${first.id}"] .dot`);
    await expect.poll(() => dot.getAttribute('data-status')).toBe('submitted');

    // Back on it, an edit whose save the back end has not answered yet.
    await openFromQueue(page, first.name);
    const held: Route[] = [];
    let holding = true;
    await page.route('**/api/call/annotations.save', (route) => void (holding ? held.push(route) : route.continue()));
    await dragImage(page, { x: 150, y: 120 }, { x: 250, y: 200 });
    await expect.poll(() => held.length).toBe(1);
    expect(await dot.getAttribute('data-status')).toBe('edited');
    expect(await dot.getAttribute('aria-label')).toBe('Submitted, with edits not saved yet');
    await page.screenshot({ path: join(SCREENSHOTS, 'queue-edited-since-submitted.png') });

    // Once saved, it is submitted again, edits included.
    holding = false;
    await held[0]!.continue();
    await waitForSaved(page, first.id, { after: null });
    await expect.poll(() => dot.getAttribute('data-status')).toBe('submitted');
    expect(browser.errors).toEqual([]);
  });

  it('fills a labeler’s empty queue when an import ends, without a reload', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    const media = suite.tempDir();
    for (let i = 0; i < 2; i++) await writeImage(join(media, `street-${i}.png`), 'png', 64, 48, i + 1);
    await page.goto('about:blank'); // a page left open would go on showing the project the script closes
    await app.call('projects.create', { dir: join(suite.tempDir(), 'waiting'), name: 'Waiting', kind: 'bbox', classes: [{ name: 'car' }] });
    await openApp(page, app.url);
    await signInAsNewAccount(page, app, 'gus');
    await page.getByRole('link', { name: 'Label', exact: true }).click();
    await page.getByTestId('empty-queue').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'queue-empty.png') });

    const { jobId } = await app.call<{ jobId: string }>('imports.start', { source: media });
    await expect.poll(async () => (await app.call<{ state: string }>('imports.get', { jobId })).state).toBe('done');
    const first = await shownSample(page, 1);
    expect(first.name).toBe('street-0.png');
    expect(await page.locator('.status-bar').textContent()).toMatch(/Sample 1 of 2 · street-0\.png/);
    expect(browser.errors).toEqual([]);
  });
});
