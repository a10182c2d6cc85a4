import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeGeneratedMedia } from '../../electron/generate/make-project';
import { openApp } from './helpers/page-api';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';
import { importThrough } from '../support/web-app';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');
/** Several pages of 100, and far more cards than a window shows. */
const SAMPLES = 450;

describe('the Samples list at size', () => {
  const suite = useWebAppInBrowser();

  it('renders only the rows in view, fetches later pages as it scrolls, and keeps picked samples picked', async () => {
    const app = suite.app();
    const media = suite.tempDir();
    writeGeneratedMedia({ kind: 'bbox', samples: SAMPLES, boxes: 1, seed: 7 }, media);
    await app.call('projects.create', { dir: join(suite.tempDir(), 'big'), name: 'Big', kind: 'bbox', classes: [{ name: 'object' }] });
    await importThrough(app, media);
    const all = (await app.call<{ items: Array<{ displayName: string }> }>('samples.list', { limit: 500 })).items.map((s) => s.displayName);
    expect(all).toHaveLength(SAMPLES);

    const { page } = suite.browser();
    await openApp(page, app.url);
    await page
      .getByTestId('sample-total')
      .and(page.locator(`[data-total="${SAMPLES}"]`))
      .waitFor();
    const cards = page.getByTestId('sample-card');
    await cards.first().waitFor();
    const rendered = () => cards.evaluateAll((list) => list.map((card) => Number(card.getAttribute('data-index'))));
    // Windowed: a few rows exist, none from beyond the first page.
    const first = await rendered();
    expect(first.length).toBeLessThan(150);
    expect(Math.max(...first)).toBeLessThan(100);

    // Two samples picked with the mouse.
    await page.getByLabel(`Select ${all[0]}`).click();
    await page.getByLabel(`Select ${all[1]}`).click();
    const selected = page.getByTestId('selected-count');
    await expect.poll(() => selected.getAttribute('data-count')).toBe('2');

    // The wheel takes the list to its end: the last samples arrive, in the back end's order, and the first rows are gone.
    const grid = page.getByRole('list', { name: 'Samples' });
    const box = (await grid.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 100);
    const last = page.locator(`[data-testid="sample-card"][data-index="${SAMPLES - 1}"]`);
    for (let turns = 0; turns < 50 && !(await last.isVisible()); turns++) await page.mouse.wheel(0, 4000);
    expect(await last.getAttribute('aria-label')).toBe(all[SAMPLES - 1]);
    const atEnd = await rendered();
    expect(Math.min(...atEnd)).toBeGreaterThan(100);
    expect(await page.getByLabel(`Select ${all[0]}`).count()).toBe(0);
    await expect.poll(() => selected.getAttribute('data-count')).toBe('2');
    await page.getByLabel(`Select ${all[SAMPLES - 1]}`).click();
    await expect.poll(() => selected.getAttribute('data-count')).toBe('3');
    await page.screenshot({ path: join(SCREENSHOTS, 'samples-windowed-end.png') });

    // From the keyboard: Home goes back to the top, where the picked samples are still picked;
    // arrows move, Space picks.
    await last.focus();
    await page.keyboard.press('Home');
    const firstCard = page.locator('[data-testid="sample-card"][data-index="0"]');
    await expect.poll(() => firstCard.evaluate((card) => card === document.activeElement)).toBe(true);
    expect(await page.getByLabel(`Select ${all[0]}`).isChecked()).toBe(true);
    expect(await page.getByLabel(`Select ${all[1]}`).isChecked()).toBe(true);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    await expect.poll(() => selected.getAttribute('data-count')).toBe('4');
    expect(await page.getByLabel(`Select ${all[2]}`).isChecked()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'samples-windowed-top.png') });
  });
});
