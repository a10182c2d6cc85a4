import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from './helpers/page-api';
import { workAs } from './helpers/account-page';
import type { ReviewSample } from '../../shared/domain/gold';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';
import { dragImage, listedBoxes } from './helpers/bbox-page';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

describe('disagreement review', () => {
  const suite = useWebAppInBrowser();

  it("lists the demo's disagreements by type, and an SME resolves them by accepting a labeler, the consensus, and an edit", async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openApp(page, app.url);

    await workAs(page, 'ana (labeler)');
    expect(await page.getByRole('link', { name: 'Review' }).count()).toBe(0); // labelers work blind

    await page.getByLabel('Working as').selectOption({ label: 'sam (SME)' });
    await page.getByRole('link', { name: 'Review' }).click();
    const list = page.getByRole('list', { name: 'Samples to review' });
    await list.waitFor();
    const items = await list
      .locator('.review-item')
      .evaluateAll((buttons) =>
        buttons.map((b) => [b.querySelector('.review-item-name')!.textContent, [...b.querySelectorAll('.type-chip')].map((c) => c.textContent).sort()]),
      );
    // The disagreements encoded in resources/demo/make_demo_json.py, worst first; ben's loose boxes on ten photos.
    const loose = ['Loose or tight box'];
    expect(items).toEqual([
      ['chelsea.jpg', ['Flag mismatch']],
      ['coins.png', ['Missing object', 'One box vs. many']],
      ['coins-top.png', ['Loose or tight box', 'Missing object']],
      ['coins-bottom.png', loose],
      ['coffee.jpg', loose],
      ['rocket-mirrored.jpg', loose],
      ['rocket-closeup.jpg', loose],
      ['coffee-mirrored.jpg', loose],
      ['coffee-closeup.jpg', loose],
      ['camera-mirrored.jpg', loose],
      ['camera.jpg', ['Missing object']],
      ['cameraman.jpg', loose],
      ['astronaut-mirrored.jpg', loose],
      ['rocket.jpg', ['Flag mismatch']],
    ]);

    // Filtering by a type keeps only its samples.
    await page
      .getByRole('region', { name: 'Disagreement types' })
      .getByRole('button', { name: /Loose or tight box/ })
      .click();
    await expect
      .poll(() => list.locator('.review-item-name').allTextContents())
      .toEqual(items.filter(([, types]) => (types as string[]).includes('Loose or tight box')).map(([name]) => name));
    await page.getByRole('button', { name: 'Clear filters' }).click();

    // Chelsea: chen said "no objects"; the SME accepts ana's box, with a reason and a rule.
    await list.getByRole('button', { name: /chelsea\.jpg/ }).click();
    const evidence = page.getByRole('region', { name: 'Review of chelsea.jpg' });
    await evidence
      .getByRole('list', { name: 'Disagreements' })
      .getByText(/no objects/)
      .first()
      .waitFor();
    expect(await evidence.locator('svg [data-labeler] rect').count()).toBe(1); // ana's cat; chen drew none
    await page.getByLabel('Hide labeler names').check();
    await page.getByRole('button', { name: 'Accept Labeler A' }).waitFor();
    await page.getByLabel('Hide labeler names').uncheck();
    await page.getByLabel('Reason').fill('a cut-off cat is still a cat');
    await page.getByLabel('Guideline rule').selectOption('#no-objects');
    await page.getByRole('button', { name: 'Accept ana' }).click();
    await expect.poll(() => page.getByTestId('current-decision').textContent()).toBe('Decision 1: accepted a labeler (ana)');

    // Coins, the next in the queue, by keyboard: one box around the pile against a box per coin; the SME takes the consensus.
    await list.getByRole('button', { name: /chelsea\.jpg/ }).focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('region', { name: 'Review of coins.png' }).waitFor();
    await list.locator('[aria-current="true"] .review-item-name', { hasText: 'coins.png' }).waitFor();
    await page.getByText('Consensus', { exact: true }).click();
    expect(await page.locator('svg [data-labeler="consensus"] rect').count()).toBeGreaterThan(10);
    await page.screenshot({ path: join(SCREENSHOTS, 'review-boxes.png') });
    await page.getByRole('button', { name: 'Accept consensus' }).click();
    await expect.poll(() => page.getByTestId('current-decision').textContent()).toBe('Decision 1: accepted the consensus');
    // The case goes to the guideline draft, to become an example of the rule.
    await page.getByRole('button', { name: 'Add to the guideline draft' }).click();
    await page.getByText('Added to the guideline draft').waitFor();
    const draft = await app.call<{ examples: Array<{ sampleName: string }>; addresses: string[] }>('guidelines.draft', {});
    expect(draft.examples.map((e) => e.sampleName)).toEqual(['coins.png']);
    expect(draft.addresses).toEqual(expect.arrayContaining(['one_vs_many', 'missing_object']));

    // Coffee: a loose box; the SME draws the gold box in the editor and decides with Enter.
    await list.getByRole('button', { name: /coffee\.jpg/ }).click();
    await page.getByRole('region', { name: 'Review of coffee.jpg' }).waitFor();
    await page.getByLabel('Reason').fill('tight around the cup');
    await page.getByRole('button', { name: 'Edit the gold label' }).click();
    await page.getByTestId('bbox-canvas').waitFor();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="bbox-canvas"]')?.getAttribute('data-scale')) > 0);
    const before = (await listedBoxes(page)).length;
    await dragImage(page, { x: 30, y: 30 }, { x: 120, y: 110 });
    await expect.poll(async () => (await listedBoxes(page)).length).toBe(before + 1);
    await page.screenshot({ path: join(SCREENSHOTS, 'review-gold-editor.png') });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('current-decision').textContent()).toBe('Decision 1: edited');
    expect(await page.getByRole('list', { name: 'Decision history' }).textContent()).toMatch(/edited by sam.*“tight around the cup”/);

    // Every decision is stored with its provenance; the labelers' own boxes are unchanged.
    const queue = await app.call<{ items: Array<{ sampleId: number; displayName: string }> }>('review.queue', {});
    const stored: Record<string, ReviewSample> = {};
    for (const item of queue.items) stored[item.displayName] = await app.call<ReviewSample>('review.sample', { sampleId: item.sampleId });
    const sam = (await app.call<Array<{ id: number; name: string }>>('labelers.list', {})).find((l) => l.name === 'sam')!.id;
    const ana = (await app.call<Array<{ id: number; name: string }>>('labelers.list', {})).find((l) => l.name === 'ana')!.id;
    expect(stored['chelsea.jpg']!.decision).toMatchObject({
      choice: 'labeler',
      sourceLabelerId: ana,
      decidedBy: sam,
      reason: 'a cut-off cat is still a cat',
      guidelineRule: '#no-objects',
    });
    expect(stored['chelsea.jpg']!.decision!.payload).toEqual(stored['chelsea.jpg']!.annotations.find((a) => a.labelerId === ana)!.payload);
    expect(stored['coins.png']!.decision).toMatchObject({ choice: 'consensus', decidedBy: sam });
    expect(stored['coins.png']!.decision!.payload).toEqual(stored['coins.png']!.consensus);
    const edited = stored['coffee.jpg']!.decision!;
    expect(edited).toMatchObject({ choice: 'edited', decidedBy: sam, reason: 'tight around the cup' });
    expect(edited.payload.kind === 'bbox' && edited.payload.boxes.length).toBe(before + 1);
    expect(stored['coffee.jpg']!.draft).toBeNull();
    expect(stored['camera.jpg']!.decision).toBeNull();

    // Near-unanimous samples need no SME: rocket.jpg (disagreement 0.05) is accepted at ≥ 90%, camera.jpg (0.22) is not.
    await page.getByLabel('Agreement threshold (%)').fill('90');
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    const badge = (name: string) => list.getByRole('button', { name: new RegExp(name.replace('.', '\\.')) }).locator('.decided-badge');
    await expect.poll(() => badge('rocket.jpg').textContent()).toBe('auto');
    expect(await badge('camera.jpg').count()).toBe(0);
    expect(browser.errors).toEqual([]);
  });
});
