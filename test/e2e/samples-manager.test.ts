import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callInPage, openApp } from './helpers/page-api';
import { waitForSampleCards } from './helpers/samples-page';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

describe('the Samples data manager', () => {
  const suite = useWebAppInBrowser();

  it('sorts the list, and tags every sample the filters match in one action', async () => {
    const { page } = suite.browser();
    await openApp(page, suite.app().url);
    // What the demo holds, read from the back end: the screen must show the same, in the order asked.
    const demo = (await callInPage<{ items: { displayName: string }[] }>(page, 'samples.list', { limit: 500 })).items.map((s) => s.displayName);
    const zToA = [...demo].sort((x, y) => (x < y ? 1 : x > y ? -1 : 0));
    const withCo = zToA.filter((name) => name.includes('co'));
    expect(withCo.length).toBeGreaterThan(1);
    await waitForSampleCards(page, demo.length);
    const names = () => page.getByTestId('sample-card').evaluateAll((cards) => cards.map((card) => card.getAttribute('aria-label')));

    await page.getByLabel('Sort').selectOption({ label: 'Name, Z to A' });
    await expect.poll(names).toEqual(zToA);

    await page.getByLabel('Search by file name').click();
    await page.keyboard.type('co');
    await expect.poll(names).toEqual(withCo);
    await page.getByLabel('Tag for all matching').click();
    await page.keyboard.type('round things');
    await page.getByRole('button', { name: `Tag all ${withCo.length} matching` }).click();

    // The new tag joins the filters; with the search cleared, it finds exactly those samples.
    const chip = page.getByRole('group', { name: 'Filter by tag' }).getByRole('button', { name: 'round things' });
    await chip.waitFor();
    await page.getByLabel('Search by file name').fill('');
    await waitForSampleCards(page, demo.length);
    await chip.click();
    await expect.poll(names).toEqual(withCo);
    await waitForSampleCards(page, withCo.length);
    await page.screenshot({ path: join(SCREENSHOTS, 'samples-manager.png') });
  });

  it('picks samples with the mouse, selects all matching, and assigns them to a person, saying what happened', async () => {
    const { page } = suite.browser();
    await openApp(page, suite.app().url);
    const demo = (await callInPage<{ items: { id: number; displayName: string }[] }>(page, 'samples.list', { limit: 500 })).items;
    const person = (await callInPage<{ id: number; name: string; role: string }[]>(page, 'labelers.list')).find((l) => l.role === 'labeler')!;
    await waitForSampleCards(page, demo.length);

    await page.getByLabel(`Select ${demo[0]!.displayName}`).click();
    await page.getByLabel(`Select ${demo[1]!.displayName}`).click();
    const selected = page.getByTestId('selected-count');
    await expect.poll(() => selected.getAttribute('data-count')).toBe('2');
    await page.getByRole('button', { name: `Select all ${demo.length} matching` }).click();
    await expect.poll(() => selected.getAttribute('data-count')).toBe(String(demo.length));

    await page.getByLabel('Labeler to assign').selectOption({ label: person.name });
    await page.getByRole('button', { name: `Apply to ${demo.length} samples` }).click();
    const said = page.getByRole('status').filter({ hasText: 'Assigned' });
    await said.waitFor();
    // Every sample is now the person's, and the sentence accounts for each of them.
    const mine = await callInPage<{ total: number }>(page, 'samples.list', { filter: { tags: [], labelerId: person.id }, limit: 1 });
    expect(mine.total).toBe(demo.length);
    const [, changed, unchanged] = /^Assigned (\d+) samples? to .+?(?:; (\d+) were .+ already)?\.$/.exec((await said.textContent())!)!;
    expect(Number(changed) + Number(unchanged ?? 0)).toBe(demo.length);
    await page.screenshot({ path: join(SCREENSHOTS, 'samples-bulk-assign.png') });
  });

  it('sorts by agreement, lowest first, and filters to low agreement; each card says its agreement', async () => {
    const { page } = suite.browser();
    await openApp(page, suite.app().url);
    type Listed = { items: { id: number; displayName: string }[] };
    const byAgreement = (await callInPage<Listed>(page, 'samples.list', { limit: 500, sort: { by: 'agreement', descending: false } })).items;
    const scores = await callInPage<{ sampleId: number; agreement: number | null }[]>(page, 'samples.agreement', { sampleIds: byAgreement.map((s) => s.id) });
    const compared = scores.filter((s) => s.agreement !== null).map((s) => s.agreement!);
    // The back end's order is by agreement, lowest first, the samples not compared last.
    expect(compared).toEqual([...compared].sort((x, y) => x - y));
    expect(compared.length).toBeGreaterThan(2);
    await waitForSampleCards(page, byAgreement.length);
    const names = () => page.getByTestId('sample-card').evaluateAll((cards) => cards.map((card) => card.getAttribute('aria-label')));

    await page.getByLabel('Sort').selectOption({ label: 'Agreement, lowest first' });
    await expect.poll(names).toEqual(byAgreement.map((s) => s.displayName));
    const firstCard = page.getByTestId('sample-card').first();
    await expect.poll(() => firstCard.locator('.sample-agreement').textContent()).toBe(`Agreement ${Math.round(compared[0]! * 100)}%`);

    await page.getByLabel('Agreement', { exact: true }).selectOption({ label: 'Agreement below 50%' });
    const low = byAgreement.filter((_, i) => scores[i]!.agreement !== null && scores[i]!.agreement! < 0.5).map((s) => s.displayName);
    expect(low.length).toBeGreaterThan(0);
    await expect.poll(names).toEqual(low);
    await expect.poll(() => page.getByTestId('sample-total').getAttribute('data-total')).toBe(String(low.length));
    await page.screenshot({ path: join(SCREENSHOTS, 'samples-by-agreement.png') });
  });
});
