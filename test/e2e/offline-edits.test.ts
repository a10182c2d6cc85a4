import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callInPage, openApp } from './helpers/page-api';
import { becomeNewLabeler, dragImage, listedBoxes, openLabelArea } from './helpers/bbox-page';
import { savedRevision, shownSample, waitForSample, waitForSaved } from './helpers/label-page';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');
/** Marks the test's own calls "from another window", which the cut connection lets through. */
const ELSEWHERE = 'x-test-elsewhere';

/** Cuts the page's connection to the host: every API call of the app fails as a dropped network would. */
async function cutConnection(page: Page): Promise<void> {
  await page.route('**/api/call/**', (route: Route) => (route.request().headers()[ELSEWHERE] ? route.continue() : route.abort('internetdisconnected')));
}

async function restoreConnection(page: Page): Promise<void> {
  await page.unrouteAll({ behavior: 'ignoreErrors' });
}

/** The save status once it says the edits are kept here: the number waiting, as the status bar shows it. */
async function waitForWaiting(page: Page, edits: number): Promise<string> {
  const status = page.locator(`[data-testid="save-status"][data-phase="offline"][data-waiting="${edits}"]`);
  await status.waitFor();
  return (await status.textContent()) ?? '';
}

/** A save made by the same person in another window, which the cut connection does not stop. */
async function saveElsewhere(page: Page, arg: unknown): Promise<void> {
  await page.evaluate(
    async ({ arg, header }) => {
      const session = JSON.parse(sessionStorage.getItem('concord.session') ?? 'null') as { token: string };
      const response = await fetch('/api/call/annotations.save', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}`, [header]: '1' },
        body: JSON.stringify(arg),
      });
      const result = (await response.json()) as { ok: boolean; error?: { message: string } };
      if (!result.ok) throw new Error(result.error?.message);
    },
    { arg, header: ELSEWHERE },
  );
}

describe('edits while the connection is lost', () => {
  const suite = useWebAppInBrowser();

  it('are kept and counted in the status bar, never called saved, and sent on their revision when the host is back', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openApp(page, app.url);
    await becomeNewLabeler(page, 'olga');
    await openLabelArea(page);
    const first = await shownSample(page, 1);
    await dragImage(page, { x: 20, y: 20 }, { x: 100, y: 90 });
    await waitForSaved(page, first.id, { after: null });
    const revision = (await savedRevision(page))!;

    await cutConnection(page);
    await dragImage(page, { x: 150, y: 120 }, { x: 250, y: 200 });
    expect(await waitForWaiting(page, 1)).toBe('Offline, 1 edit waiting');
    await dragImage(page, { x: 40, y: 150 }, { x: 90, y: 220 });
    expect(await waitForWaiting(page, 2)).toBe('Offline, 2 edits waiting');
    expect(await listedBoxes(page)).toHaveLength(3);
    // Kept in the browser's storage under the sample and the revision the edits were made on.
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('concord.unsent.')));
    expect(kept).toEqual([expect.stringMatching(new RegExp(`\\.${first.id}\\.${revision}$`))]);
    await page.screenshot({ path: join(SCREENSHOTS, 'offline-edits-waiting.png') });

    await restoreConnection(page);
    await waitForSaved(page, first.id, revision + 1);
    const olga = (await app.call<Array<{ id: number; name: string }>>('labelers.list')).find((l) => l.name === 'olga')!;
    const saved = await callInPage<{ revision: number; payload: { boxes: unknown[] } }>(page, 'annotations.mine', { labelerId: olga.id, sampleId: first.id });
    expect({ revision: saved.revision, boxes: saved.payload.boxes.length }).toEqual({ revision: revision + 1, boxes: 3 });
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('concord.unsent.')))).toEqual([]);
    expect(browser.errors.filter((error) => !error.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
  });

  it('shows a conflict on return when the label was saved elsewhere meanwhile, and leaves that save as it was', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openApp(page, app.url);
    await becomeNewLabeler(page, 'pia');
    await openLabelArea(page);
    const first = await shownSample(page, 1);
    await dragImage(page, { x: 20, y: 20 }, { x: 100, y: 90 });
    await waitForSaved(page, first.id, { after: null });
    const revision = (await savedRevision(page))!;
    const pia = (await app.call<Array<{ id: number; name: string }>>('labelers.list')).find((l) => l.name === 'pia')!;
    const before = await callInPage<{ payload: { boxes: unknown[] } }>(page, 'annotations.mine', { labelerId: pia.id, sampleId: first.id });

    await cutConnection(page);
    await dragImage(page, { x: 150, y: 120 }, { x: 250, y: 200 });
    await waitForWaiting(page, 1);
    await saveElsewhere(page, {
      labelerId: pia.id,
      sampleId: first.id,
      payload: { ...before.payload, boxes: [] },
      status: 'draft',
      baseRevision: revision,
      timeSpentMs: 0,
    });

    await restoreConnection(page);
    const conflict = page.locator('.save-status[data-phase="conflict"]');
    await conflict.waitFor();
    expect(await conflict.textContent()).toMatch(/^Not saved: This annotation was saved elsewhere in the meantime/);
    const other = await callInPage<{ revision: number; payload: { boxes: unknown[] } }>(page, 'annotations.mine', { labelerId: pia.id, sampleId: first.id });
    expect({ revision: other.revision, boxes: other.payload.boxes.length }).toEqual({ revision: revision + 1, boxes: 0 });

    await conflict.getByRole('button', { name: 'Reload the saved version' }).click();
    await waitForSaved(page, first.id, revision + 1);
    expect(await listedBoxes(page)).toEqual([]);
    expect(browser.errors.filter((error) => !error.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
  });

  it('refuses a move to another sample while offline in place, keeping the sample and its edits, and moves once the host is back', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openApp(page, app.url);
    await becomeNewLabeler(page, 'rui');
    await openLabelArea(page);
    const first = await shownSample(page, 1);
    await dragImage(page, { x: 20, y: 20 }, { x: 100, y: 90 });
    await waitForSaved(page, first.id, { after: null });
    const revision = (await savedRevision(page))!;

    await cutConnection(page);
    await dragImage(page, { x: 150, y: 120 }, { x: 250, y: 200 });
    await waitForWaiting(page, 1);
    await page.keyboard.press(']'); // next sample
    // Said beside the editor, with the sample it concerns (not in the app's corner).
    const notice = page.locator(`.session-problem[data-sample-id="${first.id}"]`);
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/You are offline: another sample opens once the server answers again/);
    // Still the same sample, with both boxes and the edit still waiting: nothing lost, nothing stuck.
    expect(await page.locator('[data-testid="save-status"]').getAttribute('data-sample-id')).toBe(String(first.id));
    expect(await listedBoxes(page)).toHaveLength(2);
    expect(await waitForWaiting(page, 1)).toBe('Offline, 1 edit waiting');
    await page.screenshot({ path: join(SCREENSHOTS, 'offline-move-refused.png') });

    await restoreConnection(page);
    await waitForSaved(page, first.id, revision + 1);
    await page.keyboard.press(']');
    const second = await shownSample(page, 2);
    await waitForSample(page, second.id);
    expect(second.id).not.toBe(first.id);
    expect(browser.errors.filter((error) => !error.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
  });

  it('says in place when a waiting first edit is refused because the sample was reassigned meanwhile, and keeps it until discarded', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openApp(page, app.url);
    await becomeNewLabeler(page, 'tia');
    const uma = await app.call<{ id: number }>('labelers.create', { name: 'uma', password: 'correct horse battery' });
    await app.call('assignments.plan', { overlap: 1, seed: 4 });
    // The demo's people started every sample, so the plan leaves tia none: an SME gives her one uma does not have.
    const umas = new Set((await app.call<{ items: Array<{ sampleId: number }> }>('queue.get', { labelerId: uma.id })).items.map((i) => i.sampleId));
    const given = [1, 2, 3, 4, 5].find((id) => !umas.has(id))!;
    const tia = (await app.call<Array<{ id: number; name: string }>>('labelers.list')).find((l) => l.name === 'tia')!;
    await app.call('samples.assign', { selection: { ids: [given] }, labelerId: tia.id });
    // The window reads tia's queue anew, as the SME made it.
    await page.reload();
    await page.getByLabel('Working as').locator('option:checked', { hasText: 'tia' }).waitFor({ state: 'attached' });
    await openLabelArea(page);
    const first = await shownSample(page, 1);
    const keptKeys = () => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('concord.unsent.')));

    await cutConnection(page);
    await dragImage(page, { x: 20, y: 20 }, { x: 100, y: 90 });
    await waitForWaiting(page, 1);
    await app.call('assignments.reassign', { sampleId: first.id, from: tia.id, to: uma.id });

    await restoreConnection(page);
    const refused = page.locator('.save-status[data-phase="error"]');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(new RegExp(`^Not saved: Sample ${first.id} is no longer in your queue .* Your edits are still here\\.`));
    expect(await listedBoxes(page)).toHaveLength(1);
    expect(await keptKeys()).toHaveLength(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'offline-reassigned-refused.png') });

    await refused.getByRole('button', { name: 'Discard my edits' }).click();
    await page.locator(`[data-testid="save-status"][data-sample-id="${first.id}"][data-phase="saved"]`).waitFor();
    expect(await keptKeys()).toEqual([]);
    expect(await listedBoxes(page)).toEqual([]);
    expect(browser.errors.filter((error) => !error.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
  });
});
