import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openDemoInPage } from './helpers/page-api';
import { workAs } from './helpers/account-page';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';
import { openFromQueue } from './helpers/label-page';
import type { RunningWebApp } from '../support/web-app';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');
const CONSISTENT = "Today's weather is sunny and warm.";

/** A labeler opens their queue, reads the change notice, and relabels the re-queued clip consistently. */
async function relabelAs(page: Page, name: string, expectNotice: boolean): Promise<void> {
  await workAs(page, `${name} (labeler)`);
  // From the guideline the labeler goes to their queue; from another labeler's queue they are in theirs already.
  const label = page.getByRole('link', { name: 'Label', exact: true });
  if ((await label.getAttribute('aria-current')) !== 'page') await label.click();
  if (expectNotice) {
    const notice = page.getByRole('dialog', { name: 'The guideline changed: v1 → v2' });
    await notice.waitFor();
    expect(await notice.getByLabel('What changed in the guideline').locator('ins').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Leave out hesitations')]),
    );
    await notice.getByRole('button', { name: 'I have read the changes' }).click();
    await notice.waitFor({ state: 'detached' });
  }
  const item = page.locator('.queue-item', { hasText: 'weather.wav' });
  expect(await item.locator('.relabel-badge').textContent()).toBe('relabel v2');
  await openFromQueue(page, 'weather.wav');
  const rows = page.getByTestId('segment-row');
  await expect.poll(() => rows.count()).toBeGreaterThan(0);
  // One segment with the agreed text: extra segments (a separate "Uh.") are deleted first.
  while ((await rows.count()) > 1) {
    await rows
      .last()
      .getByRole('button', { name: /Delete/ })
      .click();
  }
  const text = page.getByRole('textbox', { name: 'Text of segment 1' });
  await text.fill(CONSISTENT);
  await text.press('Control+Enter');
  await expect.poll(() => item.locator('.relabel-badge').count()).toBe(0);
}

/** A transcript as the v2 rule wants it: the hesitations (um, uh) left out, the sentence capitalised again. */
function withoutFillers(text: string): string {
  const left = text.replace(/\b(um|uh)\b[,.]*\s*/gi, '').replace(/ ,/g, ',');
  return left.charAt(0).toUpperCase() + left.slice(1);
}

/**
 * Each demo labeler relabels the re-queued clips (but one, done on screen) through the API as a
 * script of theirs would: the same segments, the hesitations left out, nothing else changed.
 */
async function relabelTheRestThroughApi(app: RunningWebApp, sampleIds: number[]): Promise<void> {
  const labelers = await app.call<Array<{ id: number; name: string; role: string }>>('labelers.list');
  for (const labeler of labelers.filter((l) => ['ana', 'ben', 'chen'].includes(l.name))) {
    await app.call('session.signIn', { method: 'demo', labelerId: labeler.id });
    for (const sampleId of sampleIds) {
      const mine = await app.call<{ revision: number; payload: { segments: Array<{ text: string }> } } | null>('annotations.mine', {
        labelerId: labeler.id,
        sampleId,
      });
      if (!mine) continue; // chen did not do every clip
      const payload = { ...mine.payload, segments: mine.payload.segments.map((segment) => ({ ...segment, text: withoutFillers(segment.text) })) };
      await app.call('annotations.save', { labelerId: labeler.id, sampleId, payload, status: 'submitted', baseRevision: mine.revision, timeSpentMs: 1000 });
    }
  }
  await app.call('session.signIn', { method: 'owner' });
}

describe('revising the guideline from disagreements', () => {
  const suite = useWebAppInBrowser();

  it('writes v2 from the filler-word cases, re-queues them, and shows v2 agreement above v1 on the same samples once relabeled', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openDemoInPage(page, app, 'transcript');
    await page.getByLabel('Working as').selectOption({ label: 'sam (SME)' });

    // From the review queue's filler-word share to the draft, with those cases attached.
    await page.getByRole('link', { name: 'Review' }).click();
    await page
      .getByRole('region', { name: 'Disagreement types' })
      .getByRole('button', { name: /Filler words/ })
      .click();
    await page.getByRole('button', { name: /Revise the guideline for “Filler words”/ }).click();
    const cases = page.getByRole('region', { name: 'Cases to place' });
    await cases.waitFor();
    // The demo is built so that a revision sends back enough clips for a verdict (ten or more).
    const caseNames = () => cases.locator('.example-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-sample')!));
    await expect.poll(async () => (await caseNames()).length).toBeGreaterThanOrEqual(10);
    const fillerClips = (await caseNames()).sort();
    expect(fillerClips).toContain('weather.wav');

    // Write the rule in its own section and place the case under it.
    const draft = page.getByRole('textbox', { name: 'Guideline draft' });
    await draft.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n## Filler words {#fillers}\n\nLeave out hesitations such as um and uh.\n');
    await page
      .getByTestId('draft-status')
      .filter({ hasText: /^Saved · revision \d+$/ })
      .waitFor();
    await page.getByLabel('Section for weather.wav').selectOption({ label: 'Filler words (#fillers)' });
    await page.getByLabel("Do or don't for weather.wav").selectOption({ label: "Don't" });
    const preview = page.getByLabel('Preview');
    await preview.locator('h2#fillers').waitFor();
    await preview.locator('.example-card[data-sample="weather.wav"]').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'guideline-draft.png'), fullPage: true });

    // Publishing needs a changelog; the filler-word sample is chosen for relabeling by default.
    await page.getByRole('button', { name: 'Publish v2…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish guideline v2' });
    const publish = dialog.getByRole('button', { name: /^Publish v2 and re-queue/ });
    expect(await publish.isDisabled()).toBe(true);
    const checked = () =>
      dialog
        .getByRole('list', { name: 'Samples to relabel' })
        .locator('li')
        .evaluateAll((items) => items.filter((li) => li.querySelector('input')!.checked).map((li) => li.textContent!.split(' ')[0]));
    await expect.poll(async () => (await checked()).sort()).toEqual(fillerClips);
    await dialog.getByLabel('Changelog (required)').fill('Fillers (um, uh) are left out.');
    await publish.click();
    const published = page.locator('.published-guideline');
    await published.getByRole('heading', { name: 'Guideline v2' }).waitFor();
    await published.locator('h2#fillers + .guideline-examples .example-card').waitFor(); // the example sits in its section
    await published.getByLabel('Compare with').selectOption({ label: 'v1' });
    const added = () => page.getByLabel('Changes from v1 to v2').locator('ins').allTextContents();
    await expect.poll(async () => (await added()).join('')).toContain('Leave out hesitations such as um and uh.');

    // The labelers see the change, then find the clip back in their queues and relabel it the same way.
    await relabelAs(page, 'ana', true);
    await relabelAs(page, 'ben', true);
    await relabelAs(page, 'chen', true);
    const samples = await app.call<{ items: Array<{ id: number; displayName: string }> }>('samples.list', { limit: 500 });
    const others = samples.items.filter((s) => fillerClips.includes(s.displayName) && s.displayName !== 'weather.wav').map((s) => s.id);
    await relabelTheRestThroughApi(app, others);

    // v1 and v2 are measured apart: v2, where everyone followed the new rule, agrees more.
    await page.getByLabel('Working as').selectOption({ label: 'sam (SME)' });
    await page.getByRole('link', { name: 'Agreement' }).click();
    const table = page.getByRole('table', { name: 'Agreement by guideline version' });
    await table.waitFor();
    const rows = await table.locator('tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')!.textContent, tr.querySelector('td')!.textContent]));
    const value = (name: string) => parseFloat(rows.find(([row]) => row === name)![1]!);
    expect(value('v1')).toBeLessThan(value('v2'));
    // Like with like: v1 against v2 on the clips answered under both, enough of them for a verdict.
    const paired = page.getByTestId('version-comparison');
    expect(await paired.getAttribute('data-samples')).toBe(String(fillerClips.length));
    expect(await paired.locator('h3').textContent()).toBe(`v1 → v2 on the same ${fillerClips.length} samples`);
    expect(await paired.locator('.version-comparison-figures').textContent()).toMatch(/^\d+\.\d% → \d+\.\d% \+\d+\.\d pts$/);
    expect(await paired.textContent()).toMatch(
      /95% interval of the difference \+\d+\.\d pts to \+\d+\.\d pts \(paired bootstrap[^)]*\)\. The revision raised agreement on these samples\./,
    );
    expect(await page.locator('[data-testid="few-samples"][data-version="2"]').count()).toBe(0);
    await table.locator('xpath=..').screenshot({ path: join(SCREENSHOTS, 'agreement-version-comparison.png') });
    // And the filler-word disagreements are gone under v2.
    const types = page.getByRole('table', { name: 'Disagreements per comparison by type and guideline version' });
    await expect
      .poll(() => types.locator('tr', { hasText: 'Filler words' }).locator('td').allTextContents())
      .toEqual([expect.stringMatching(/^0\.[1-9]\d$/), '0.00']);
    await page.screenshot({ path: join(SCREENSHOTS, 'agreement-by-version.png'), fullPage: true });
    expect(browser.errors).toEqual([]);
  });
});
