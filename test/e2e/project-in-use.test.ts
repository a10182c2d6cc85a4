import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';
import { importThrough, startWebApp, type RunningWebApp } from '../support/web-app';
import { writeImage } from '../support/media-fixtures';
import { dragImage, listedBoxes, openLabelArea } from './helpers/bbox-page';
import { loadApp } from './helpers/page-api';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

/**
 * Opens the app on the project chooser. A test before may have left a project open; closing
 * that from the page could race the thumbnails it is still fetching (a 404 once it has closed).
 */
async function startOnTheChooser(page: Page, app: RunningWebApp): Promise<void> {
  await app.call('projects.close');
  await loadApp(page, app.url);
  await page.locator('#open-dir').waitFor();
}

describe('a project already open in another app', () => {
  const suite = useWebAppInBrowser();
  const others: RunningWebApp[] = [];
  afterAll(async () => {
    for (const other of others) await other.stop();
  });

  it('is offered read-only, and the read-only view says so', async () => {
    // Another server, with its own settings, has the project open.
    const other = await startWebApp(suite.tempDir());
    others.push(other);
    const dir = join(suite.tempDir(), 'shared-project');
    await other.call('projects.create', { dir, name: 'Shared project', kind: 'bbox', classes: [{ name: 'car' }] });

    const { page } = suite.browser();
    await startOnTheChooser(page, suite.app());
    await page.locator('#open-dir').fill(dir);
    await page.getByRole('button', { name: 'Open', exact: true }).click();

    const offer = page.getByRole('alertdialog', { name: 'This project is open elsewhere' });
    await offer.waitFor();
    expect(await offer.textContent()).toMatch(/open in a Concord web server \(process \d+\)/);
    await page.screenshot({ path: join(SCREENSHOTS, 'project-in-use.png') });

    await offer.getByRole('button', { name: 'Open read-only' }).click();
    await page.getByRole('heading', { name: 'Samples' }).waitFor();
    expect(await page.locator('.project-name').textContent()).toBe('Shared project');
    await page.locator('.badge-read-only').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'project-read-only.png') });
    expect(suite.browser().errors).toEqual([]);
  });

  it('shows the work read-only: write controls disabled with the reason, nothing drawn or saved, reading intact', async () => {
    const other = await startWebApp(suite.tempDir());
    others.push(other);
    const dir = join(suite.tempDir(), 'held-project');
    await other.call('projects.create', { dir, name: 'Held project', kind: 'bbox', classes: [{ name: 'car' }] });
    const media = suite.tempDir();
    for (const seed of [1, 2]) await writeImage(join(media, `street${seed}.png`), 'png', 400, 300, seed);
    await importThrough(other, media, { copyMedia: true }); // the other app's own media roots are not this one's

    const { page } = suite.browser();
    await startOnTheChooser(page, suite.app());
    await page.locator('#open-dir').fill(dir);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('alertdialog', { name: 'This project is open elsewhere' }).getByRole('button', { name: 'Open read-only' }).click();

    // Samples: listed as ever, but no import.
    await page.getByRole('heading', { name: 'Samples' }).waitFor();
    await expect.poll(() => page.getByTestId('sample-card').count()).toBe(2);
    const importButton = page.getByRole('button', { name: 'Import…' });
    expect(await importButton.isDisabled()).toBe(true);
    expect(await importButton.getAttribute('title')).toBe('Read-only: open elsewhere');
    expect(await page.getByRole('note').textContent()).toMatch(/^Read-only: open elsewhere: another app or server is editing this project/);
    await page.screenshot({ path: join(SCREENSHOTS, 'read-only-samples.png') });

    // Label: the sample opens, a drag draws nothing, and the status says nothing is saved.
    await openLabelArea(page);
    const status = page.locator('[data-testid="save-status"][data-phase="read-only"]:not([data-sample-id=""])');
    await status.waitFor();
    const sampleId = Number(await status.getAttribute('data-sample-id'));
    await dragImage(page, { x: 50, y: 50 }, { x: 200, y: 150 });
    expect(await listedBoxes(page)).toEqual([]);
    expect(await status.textContent()).toBe('Read-only: open elsewhere: nothing is saved');
    expect(await page.getByRole('button', { name: 'Copy previous' }).isDisabled()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /No objects/ }).isDisabled()).toBe(true);
    expect(await page.locator('.notice-error').count()).toBe(0); // opening the queue asked nothing the view must refuse
    await page.screenshot({ path: join(SCREENSHOTS, 'read-only-label.png') });
    const owner = (await other.call<Array<{ id: number; owner: boolean }>>('labelers.list')).find((l) => l.owner)!;
    expect(await other.call('annotations.mine', { labelerId: owner.id, sampleId })).toBeNull();

    // Guidelines: the published version reads, the draft of the next is left out. Team: no plan.
    await page.getByRole('link', { name: 'Guidelines' }).click();
    await page.getByRole('heading', { name: 'Guideline v1' }).waitFor();
    expect(await page.getByText('Draft of v2').count()).toBe(0);
    await page.getByRole('link', { name: 'Team' }).click();
    expect(await page.getByRole('button', { name: 'Make plan' }).isDisabled()).toBe(true);
    expect(suite.browser().errors).toEqual([]);
  });
});
