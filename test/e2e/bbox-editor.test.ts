import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callInPage, openApp, projectSampleCount } from './helpers/page-api';
import { becomeNewLabeler, clickImage, dragImage, listedBoxes, openLabelArea, toScreen } from './helpers/bbox-page';
import { openFromQueue, savedRevision, shownSample, waitForSaved } from './helpers/label-page';
import { REPO_ROOT } from '../support/service-host';
import { useWebAppInBrowser } from '../support/e2e-suite';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

/** Parses "cat 10,20 → 110,220" into numbers. */
function parseBox(line: string) {
  const match = /^(\S+) ([\d.]+),([\d.]+) → ([\d.]+),([\d.]+)$/.exec(line);
  if (!match) throw new Error(`unexpected box line: ${line}`);
  const [, cls, x1, y1, x2, y2] = match;
  return { cls, x1: Number(x1), y1: Number(y1), x2: Number(x2), y2: Number(y2) };
}

describe('the bounding-box editor', () => {
  const suite = useWebAppInBrowser();

  it('draws, resizes, moves, reclassifies, undoes and redoes, tags and submits, and all of it survives a reload', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openApp(page, app.url);
    await becomeNewLabeler(page, 'eve');
    await openLabelArea(page);
    const coins = await shownSample(page, 1);
    const samples = await projectSampleCount(page);
    expect(await page.locator('.status-bar').textContent()).toMatch(new RegExp(`Sample 1 of ${samples} · coins\\.png · 384×303 · 0 boxes`));
    /** Waits until the edits just made on `sample` are saved (in a revision newer than the last one seen). */
    let lastRevision: number | null = null;
    const waitForEditsSaved = async (sampleId: number) => {
      await waitForSaved(page, sampleId, { after: lastRevision });
      lastRevision = await savedRevision(page);
    };

    // Three boxes with the current class (person, key 1), drawn in different directions.
    await dragImage(page, { x: 20, y: 20 }, { x: 100, y: 90 });
    await dragImage(page, { x: 250, y: 200 }, { x: 150, y: 120 }); // up and to the left
    // A new box stays selected, so a class key right after drawing names it; the class sticks for the next box.
    await page.keyboard.press('5');
    await dragImage(page, { x: 280, y: 30 }, { x: 360, y: 110 });
    await waitForEditsSaved(coins.id);
    const drawn = (await listedBoxes(page)).map(parseBox);
    expect(drawn.map((b) => b.cls)).toEqual(['person', 'coin', 'coin']);
    const near = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1);
    near(drawn[0]!.x1, 20);
    near(drawn[0]!.y2, 90);
    near(drawn[1]!.x1, 150); // normalised: the drag went right-to-left
    near(drawn[1]!.y1, 120);
    near(drawn[1]!.x2, 250);

    // Resize the first box by its bottom-right handle.
    await clickImage(page, { x: 60, y: 55 });
    const corner = await toScreen(page, { x: drawn[0]!.x2, y: drawn[0]!.y2 });
    await page.mouse.move(corner.x, corner.y);
    await page.mouse.down();
    await page.mouse.move(corner.x + 15, corner.y + 10, { steps: 6 });
    const target = await toScreen(page, { x: 130, y: 120 });
    await page.mouse.move(target.x, target.y, { steps: 6 });
    await page.mouse.up();
    await waitForEditsSaved(coins.id);
    const resized = parseBox((await listedBoxes(page))[0]!);
    near(resized.x1, drawn[0]!.x1);
    near(resized.y1, drawn[0]!.y1);
    near(resized.x2, 130);
    near(resized.y2, 120);

    // Move the second box by dragging its middle.
    await clickImage(page, { x: 200, y: 160 });
    await dragImage(page, { x: 200, y: 160 }, { x: 230, y: 180 });
    await waitForEditsSaved(coins.id);
    const moved = parseBox((await listedBoxes(page))[1]!);
    near(moved.x1, drawn[1]!.x1 + 30);
    near(moved.y1, drawn[1]!.y1 + 20);
    near(moved.x2 - moved.x1, drawn[1]!.x2 - drawn[1]!.x1);

    // Change the selected box's class by key, undo it, redo it.
    await page.keyboard.press('2');
    await expect.poll(async () => parseBox((await listedBoxes(page))[1]!).cls).toBe('cat');
    await page.keyboard.press('Control+z');
    await expect.poll(async () => parseBox((await listedBoxes(page))[1]!).cls).toBe('coin');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => parseBox((await listedBoxes(page))[1]!).cls).toBe('cat');

    // Tag the sample by its hotkey (g: grayscale), then look at it and submit.
    await page.keyboard.press('g');
    await expect.poll(() => page.getByRole('button', { name: /grayscale/ }).getAttribute('aria-pressed')).toBe('true');
    await waitForEditsSaved(coins.id);
    await page.screenshot({ path: join(SCREENSHOTS, 'bbox-editor.png') });
    const beforeReload = await listedBoxes(page);

    await page.keyboard.press('Enter');
    const camera = await shownSample(page, 2);
    expect(camera.name).toBe('camera.jpg');
    lastRevision = null;
    await expect.poll(() => page.locator('.queue-progress-text').textContent()).toBe(`1 of ${samples} submitted`);

    // The next sample starts empty; Shift+C brings the previous sample's boxes over.
    expect(await listedBoxes(page)).toEqual([]);
    await page.keyboard.press('Shift+C');
    await expect.poll(() => listedBoxes(page)).toEqual(beforeReload);
    await waitForEditsSaved(camera.id);

    // ? lists every shortcut; Escape closes the list.
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.getByText("Copy the previous sample's boxes").waitFor();
    expect(await help.locator('.shortcut', { hasText: 'Undo' }).locator('kbd').allTextContents()).toEqual(['Ctrl+Z']);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    await page.reload();
    await openLabelArea(page);
    expect(await openFromQueue(page, 'coins.png')).toBe(coins.id);
    expect(await listedBoxes(page)).toEqual(beforeReload);
    expect(await page.getByRole('button', { name: /grayscale/ }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('.queue-item', { hasText: 'coins.png' }).locator('.dot').getAttribute('aria-label')).toBe('Submitted');
    expect(browser.errors).toEqual([]);
  });

  it('runs through five samples from the keyboard alone', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openApp(page, app.url);
    await becomeNewLabeler(page, 'finn');
    await openLabelArea(page);
    const samples = await projectSampleCount(page);
    for (let i = 1; i <= 5; i++) {
      await shownSample(page, i);
      await page.keyboard.press('d'); // tag "dark"
      await page.keyboard.press('Shift+N'); // no objects
      await page.keyboard.press('Enter'); // submit, next
    }
    await expect.poll(() => page.locator('.queue-progress-text').textContent()).toBe(`5 of ${samples} submitted`);
    await shownSample(page, 6);

    // What was saved is what was typed: each of the five says "no objects" and "dark".
    const finn = (await app.call<Array<{ id: number; name: string }>>('labelers.list')).find((l) => l.name === 'finn')!;
    const queue = await app.call<{ items: Array<{ sampleId: number }> }>('queue.get', { labelerId: finn.id });
    const saved = await Promise.all(
      queue.items.map(async (item) => {
        const mine = await app.call<{ status: string; timeSpentMs: number; payload: { noObjects: boolean; tags: string[] } } | null>('annotations.mine', {
          labelerId: finn.id,
          sampleId: item.sampleId,
        });
        return mine && { status: mine.status, noObjects: mine.payload.noObjects, tags: mine.payload.tags, timed: mine.timeSpentMs > 0 };
      }),
    );
    // Time spent on each sample was recorded with it.
    expect(saved).toEqual([...Array(5).fill({ status: 'submitted', noObjects: true, tags: ['dark'], timed: true }), ...Array(samples - 5).fill(null)]);
    expect(browser.errors).toEqual([]);
  });

  it('stops autosave when the label was saved elsewhere meanwhile, keeps the edit on screen, and reloads the saved version when asked', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openApp(page, app.url);
    await becomeNewLabeler(page, 'gus');
    await openLabelArea(page);
    const first = await shownSample(page, 1);
    await dragImage(page, { x: 20, y: 20 }, { x: 100, y: 90 });
    await waitForSaved(page, first.id, { after: null });
    const revision = (await savedRevision(page))!;

    // Another window of the same person saves the sample, without the box, from the same revision.
    const gus = (await app.call<Array<{ id: number; name: string }>>('labelers.list')).find((l) => l.name === 'gus')!;
    const saved = await app.call<{ payload: { boxes: unknown[] } }>('annotations.mine', { labelerId: gus.id, sampleId: first.id });
    const elsewhere = {
      labelerId: gus.id,
      sampleId: first.id,
      payload: { ...saved.payload, boxes: [] },
      status: 'draft',
      baseRevision: revision,
      timeSpentMs: 0,
    };
    await callInPage(page, 'annotations.save', elsewhere);

    // The next edit is refused rather than written over that save, and the screen says so.
    await dragImage(page, { x: 250, y: 200 }, { x: 150, y: 120 });
    const conflict = page.locator('.save-status[data-phase="conflict"]');
    await conflict.waitFor();
    expect(await conflict.textContent()).toMatch(/^Not saved: This annotation was saved elsewhere in the meantime/);
    expect(await listedBoxes(page)).toHaveLength(2);
    await page.screenshot({ path: join(SCREENSHOTS, 'bbox-save-conflict.png') });
    const other = await app.call<{ revision: number; payload: { boxes: unknown[] } }>('annotations.mine', { labelerId: gus.id, sampleId: first.id });
    expect({ revision: other.revision, boxes: other.payload.boxes.length }).toEqual({ revision: revision + 1, boxes: 0 });

    await conflict.getByRole('button', { name: 'Reload the saved version' }).click();
    await waitForSaved(page, first.id, revision + 1);
    expect(await listedBoxes(page)).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
