import { copyFileSync, cpSync, mkdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadApp } from './helpers/page-api';
import { damagePageOf } from '../support/damaged-database';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';
import { importThrough } from '../support/web-app';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');
const DEMO_IMAGES = join(REPO_ROOT, 'resources', 'demo', 'bbox', 'images');

describe('a project whose database is damaged', () => {
  const suite = useWebAppInBrowser();

  it('is offered its latest backup, which after a confirmation is restored and opened', async () => {
    const app = suite.app();
    const dir = join(suite.tempDir(), 'street');
    await app.call('projects.create', { dir, name: 'Street', kind: 'bbox', classes: [{ name: 'car' }] });
    // The copy holds two photos; four more are imported after it, then the disk fails.
    const firstTwo = suite.tempDir();
    for (const name of ['camera.jpg', 'coffee.jpg']) cpSync(join(DEMO_IMAGES, name), join(firstTwo, name));
    await importThrough(app, firstTwo);
    await app.call('projects.close');
    mkdirSync(join(dir, 'backups'));
    const copy = join(dir, 'backups', 'concord-schema13-2026-11-30.db');
    copyFileSync(join(dir, 'concord.db'), copy);
    utimesSync(copy, new Date('2026-11-30T10:00:00Z'), new Date('2026-11-30T10:00:00Z'));
    await app.call('projects.open', { dir });
    await importThrough(app, DEMO_IMAGES);
    await app.call('projects.close');
    damagePageOf(join(dir, 'concord.db'), 'sample');

    const { page } = suite.browser();
    await loadApp(page, app.url);
    await page.locator('#open-dir').fill(dir);
    await page.getByRole('button', { name: 'Open', exact: true }).click();

    const offer = page.getByRole('alertdialog', { name: 'This project is damaged' });
    await offer.waitFor();
    expect(await offer.locator('#damaged-message').textContent()).toMatch(/concord\.db is damaged \(SQLite's integrity check failed\)/);
    const summary = offer.locator(`.backup-summary[data-backup-file="${copy}"]`);
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/holds 2 samples and 0 saved label revisions/);
    await page.screenshot({ path: join(SCREENSHOTS, 'project-damaged.png') });

    // Nothing is replaced without a second, explicit step that says what is given up.
    await offer.getByRole('button', { name: 'Restore the latest copy…' }).click();
    const replace = offer.getByRole('button', { name: 'Replace the damaged database' });
    await replace.waitFor();
    expect(await offer.locator('#restore-consequence').textContent()).toMatch(/Work saved after .* is not in it; the damaged file is kept/);
    await page.screenshot({ path: join(SCREENSHOTS, 'project-damaged-confirm.png') });
    await replace.click();

    await page.getByRole('heading', { name: 'Samples' }).waitFor();
    expect(await page.locator('.project-name').textContent()).toBe('Street');
    await expect.poll(() => page.getByTestId('sample-card').count(), { timeout: 30_000 }).toBe(2);
    expect((await page.locator('.sample-name').allTextContents()).sort()).toEqual(['camera.jpg', 'coffee.jpg']);
    expect(suite.browser().errors).toEqual([]);
  });
});
