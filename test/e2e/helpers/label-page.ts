import type { Page } from 'playwright-core';

/** A sample as the label screen shows it. */
export interface ShownSample {
  id: number;
  name: string;
}

/**
 * Waits until the label screen shows the sample at `position` (1-based) and says which one it
 * is. Position and sample are read from one element in one step, so an earlier sample cannot
 * be mistaken for it.
 */
export async function shownSample(page: Page, position: number): Promise<ShownSample> {
  const bar = page.locator(`.status-bar[data-position="${position}"]:not([data-sample-id=""])`);
  await bar.waitFor();
  return bar.evaluate((el) => ({ id: Number(el.getAttribute('data-sample-id')), name: el.querySelector('strong')?.textContent ?? '' }));
}

/** Waits until the label screen shows the sample with this id, wherever it is in the queue. */
export async function waitForSample(page: Page, sampleId: number): Promise<void> {
  await page.locator(`.status-bar[data-sample-id="${sampleId}"]`).waitFor();
}

/** Opens a sample by clicking it in the queue, and waits until it is shown. */
export async function openFromQueue(page: Page, displayName: string): Promise<number> {
  const item = page.locator('.queue-item', { hasText: displayName });
  const sampleId = Number(await item.getAttribute('data-sample-id'));
  await item.click();
  await waitForSample(page, sampleId);
  return sampleId;
}

/** The revision the save status confirms for the sample on screen (`null` before its first save). */
export async function savedRevision(page: Page): Promise<number | null> {
  const revision = await page.getByTestId('save-status').getAttribute('data-revision');
  return revision ? Number(revision) : null;
}

/**
 * Waits until the back end confirmed the sample's work: at `revision` exactly, or, with
 * `{ after }`, at any revision newer than that one with nothing left unsaved.
 */
export async function waitForSaved(page: Page, sampleId: number, revision: number | { after: number | null }): Promise<void> {
  const expected = typeof revision === 'number' ? { exact: revision, after: null } : { exact: null, after: revision.after ?? 0 };
  await page.waitForFunction(
    ({ sampleId, exact, after }) => {
      const status = document.querySelector('[data-testid="save-status"]');
      if (status?.getAttribute('data-phase') !== 'saved' || status.getAttribute('data-sample-id') !== String(sampleId)) return false;
      const saved = Number(status.getAttribute('data-revision') || 0);
      return exact !== null ? saved === exact : saved > after!;
    },
    { sampleId, ...expected },
  );
}
