import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReviewQueueView } from '../../shared/domain/gold';
import type { SamplePage } from '../../shared/domain/sample';
import { openConnection } from '../../electron/db/connection';
import { forgetKeptReviewQueue } from '../../electron/db/queries/review-queue';
import { makeProject } from '../../electron/generate/make-project';
import { projectPaths } from '../../electron/services/project-folder';
import { openBrowser } from '../support/browser';
import { REPO_ROOT } from '../support/paths';
import { useTempDirs } from '../support/temp-dir';
import { startWebApp } from '../support/web-app';
import { openApp } from './helpers/page-api';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

/**
 * Runs `look` while another program holds the project's write lock: the background classification
 * waits at its first chunk, so what is shown meanwhile stays as it is for as long as it takes to
 * look at it (well within the 10 s a write waits). `look` gets how many samples are stale, which
 * it returns.
 */
async function whileWriting(database: string, look: (stale: number) => Promise<void>): Promise<number> {
  const writer = new BetterSqlite3(database);
  try {
    writer.exec('BEGIN IMMEDIATE');
    const stale = (writer.prepare('select count(*) as n from review_stale').get() as { n: number }).n;
    expect(stale).toBeGreaterThan(300);
    await look(stale);
    return stale;
  } finally {
    if (writer.inTransaction) writer.exec('ROLLBACK');
    writer.close();
  }
}

describe('the Review queue and Samples while many samples are classified', () => {
  const tempDir = useTempDirs();
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('say how far the classification is after an upgrade, and fill in once it is done', async () => {
    // 600 generated images labeled by three, with no queue kept: a project from before the queue was kept.
    const dataDir = tempDir();
    const made = await makeProject({ kind: 'bbox', samples: 600, labelers: 3, boxes: 3, seed: 5, out: join(tempDir(), 'generated'), dataDir });
    const database = projectPaths(made.projectDir).database;
    const connection = openConnection(database);
    await forgetKeptReviewQueue(connection.db).finally(() => connection.close());

    const app = await startWebApp(dataDir);
    cleanups.push(() => app.stop());
    await app.call('projects.open', { dir: made.projectDir });
    const browser = await openBrowser();
    cleanups.push(() => browser.close());
    const { page } = browser;
    await openApp(page, app.url);
    await page.getByTestId('sample-total').and(page.locator('[data-total="600"]')).waitFor();

    // Every card's agreement is read as the page shows, those cards' samples classified for it.
    await page.getByTestId('sample-card').first().locator('.sample-agreement').waitFor();

    // Samples by agreement: placed by what is kept meanwhile, and saying so.
    await whileWriting(database, async (left) => {
      await page.getByLabel('Sort').selectOption({ label: 'Agreement, lowest first' });
      const note = page.locator('.samples .classifying-note');
      await note.waitFor();
      expect(await note.getAttribute('data-remaining')).toBe(String(left));
      await page.screenshot({ path: join(SCREENSHOTS, 'samples-classifying.png') });
    });
    // Once every sample is classified the list is read again, lowest agreement first.
    await expect.poll(async () => (await app.call<SamplePage>('samples.list', { sort: { by: 'agreement' }, limit: 1 })).classifying).toBeNull();
    const lowest = (await app.call<SamplePage>('samples.list', { sort: { by: 'agreement' }, limit: 1 })).items[0]!;
    await page.locator(`[data-testid="sample-card"][data-index="0"][aria-label="${lowest.displayName}"]`).waitFor();
    expect(await page.locator('.classifying-note').count()).toBe(0);

    // The same upgrade again, seen from Review.
    const again = openConnection(database);
    await forgetKeptReviewQueue(again.db).finally(() => again.close());
    const stale = await whileWriting(database, async (left) => {
      await page.getByRole('link', { name: 'Review' }).click();
      // Nothing in the queue yet: the note takes its place.
      const note = page.locator('.review-screen-empty .classifying-note, .review-queue .classifying-note');
      await note.waitFor();
      expect(await note.getAttribute('data-remaining')).toBe(String(left));
      expect(await note.textContent()).toContain(`0 of ${left.toLocaleString('en')} done`);
      await page.screenshot({ path: join(SCREENSHOTS, 'review-classifying.png') });
    });
    expect(stale).toBe(600);

    // Once every sample is classified, the note goes and the queue is the whole one, worst first.
    await expect.poll(async () => (await app.call<ReviewQueueView>('review.queue', { limit: 1 })).classifying).toBeNull();
    const top = (await app.call<ReviewQueueView>('review.queue', { limit: 1 })).items[0]!;
    const list = page.getByRole('list', { name: 'Samples to review' });
    await list.locator(`.review-item[data-sample-id="${top.sampleId}"]`).first().waitFor();
    expect(await page.locator('.classifying-note').count()).toBe(0);
    expect(Number(await list.locator('.review-item').first().getAttribute('data-sample-id'))).toBe(top.sampleId);
    await page.screenshot({ path: join(SCREENSHOTS, 'review-classified.png') });
  });
});
