import { rmSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { openAsTeammate, signInWithPassword } from './helpers/account-page';
import { dragImage, listedBoxes } from './helpers/bbox-page';
import { shownSample, waitForSaved } from './helpers/label-page';
import { writeImage } from '../support/media-fixtures';
import { useWebAppInBrowser } from '../support/e2e-suite';

const GIANT = 20_000;

describe('images that are hard to show', () => {
  const suite = useWebAppInBrowser();

  // Making a 400-megapixel PNG and its display copy is seconds of CPU each, so this test has a larger budget.
  it('lets a labeler flag an image that will not load, and opens a 20000×20000 image with boxes in full-resolution pixels', { timeout: 300_000 }, async () => {
    const app = suite.app();
    const browser = suite.browser();
    const media = suite.tempDir();
    await writeImage(join(media, 'a-vanishes.png'), 'png', 64, 48, 3);
    // A flat image with one darker square, compressed small: 400 megapixels, about half a megabyte.
    await sharp({ create: { width: GIANT, height: GIANT, channels: 3, background: '#8aa4c8' }, limitInputPixels: false })
      .composite([{ input: { create: { width: 4000, height: 3000, channels: 3, background: '#203050' } }, left: 5000, top: 5000 }])
      .png()
      .toFile(join(media, 'b-giant.png'));
    await suite.browser().page.goto('about:blank'); // a page left open would go on showing the project the script closes
    await app.call('projects.create', { dir: join(suite.tempDir(), 'project'), name: 'Hard images', kind: 'bbox', classes: [{ name: 'thing' }] });
    const { jobId } = await app.call<{ jobId: string }>('imports.start', { source: media });
    await expect.poll(async () => (await app.call<{ state: string }>('imports.get', { jobId })).state, { timeout: 240_000, interval: 250 }).toBe('done');
    rmSync(join(media, 'a-vanishes.png'));

    const { page } = browser;
    await app.call('labelers.create', { name: 'gus', role: 'labeler', password: "gus's long password" });
    await openAsTeammate(page, app.url);
    await signInWithPassword(page, 'gus', "gus's long password");
    await page.getByRole('link', { name: 'Label', exact: true }).click();

    // The first image's file is gone: the labeler is told, flags it and moves on.
    await page.getByRole('alert').filter({ hasText: 'The image could not be loaded' }).waitFor();
    await page.getByRole('button', { name: 'Flag as broken and go on' }).click();
    const giant = await shownSample(page, 2);
    expect(await page.locator('.status-bar').textContent()).toMatch(/Sample 2 of 2 · b-giant\.png · 20000×20000/);
    const labelers = await app.call<Array<{ id: number; name: string }>>('labelers.list');
    const gus = labelers.find((l) => l.name === 'gus')!;
    const queue = await app.call<{ items: Array<{ sampleId: number; status: string }> }>('queue.get', { labelerId: gus.id });
    expect(queue.items[0]!.status).toBe('submitted');
    const flagged = await app.call<{ payload: { flags: { mediaBroken: boolean } } }>('annotations.mine', {
      labelerId: gus.id,
      sampleId: queue.items[0]!.sampleId,
    });
    expect(flagged.payload.flags.mediaBroken).toBe(true);

    // The giant opens (as a downsampled picture) and a box drawn on it is in full-resolution pixels.
    const canvas = page.getByTestId('bbox-canvas');
    // The display copy is made on first request; the canvas says which picture it drew.
    await page.locator('[data-testid="bbox-canvas"][data-image-ready*="/display/"]').waitFor({ timeout: 240_000 });
    const scale = Number(await canvas.getAttribute('data-scale'));
    expect(scale).toBeLessThan(0.05);
    await dragImage(page, { x: 5000, y: 5000 }, { x: 9000, y: 8000 });
    await waitForSaved(page, giant.id, 1);
    const [line] = await listedBoxes(page);
    const [x1, y1, x2, y2] = line!.match(/[\d.]+/g)!.map(Number);
    const tolerance = 2 / scale; // two screen pixels, in image pixels
    for (const [actual, expected] of [
      [x1, 5000],
      [y1, 5000],
      [x2, 9000],
      [y2, 8000],
    ] as const)
      expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(tolerance);
    // The only failed requests are for the file that was deleted.
    const vanished = new RegExp(`^404 GET /media/sample/${queue.items[0]!.sampleId}/display/`);
    expect(browser.errors.filter((e) => !vanished.test(e))).toEqual([]);
  });
});
