import { join } from 'node:path';
import type { Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openApp } from './helpers/page-api';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

describe("an area's code, loaded when the area is first shown", () => {
  const suite = useWebAppInBrowser();

  it('says what is loading, says so in place when the code does not arrive, and Reload brings the area', async () => {
    const { page } = suite.browser();
    await openApp(page, suite.app().url);
    await page.getByTestId('sample-card').first().waitFor();

    // Hold the Agreement area's chunk: the area says what it is loading meanwhile, the menu stays.
    let held: Route | undefined;
    const chunk = '**/assets/AgreementScreen-*.js';
    await page.route(chunk, (route) => {
      held = route;
    });
    await page.getByRole('link', { name: 'Agreement' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Loading Agreement…' });
    await status.waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'area-loading.png') });
    expect(await page.getByRole('navigation', { name: 'Areas' }).getByRole('link').count()).toBeGreaterThan(3);

    // The chunk never arrives (the server was updated, or the connection dropped).
    await expect.poll(() => held !== undefined).toBe(true);
    await held!.abort('failed');
    const alert = page.getByRole('main').getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('This part of Concord could not be loaded: its code did not arrive');
    await page.screenshot({ path: join(SCREENSHOTS, 'area-code-missing.png') });

    await page.unroute(chunk);
    await alert.getByRole('button', { name: 'Reload' }).click();
    await page.getByTestId('headline').waitFor();
  });

  it("fetches the owner's first area beside the host's last answer before it, never showing the sign-in screen on the way", async () => {
    await suite.app().call('projects.openDemo', { kind: 'bbox' });
    // A new tab: no session yet, so the page signs in as the owner (the address's key) as a first start does.
    const page = await suite.browser().page.context().newPage();
    try {
      await page.addInitScript(() => {
        new MutationObserver(() => {
          if (document.querySelector('main.sign-in')) (window as unknown as { signInShown: boolean }).signInShown = true;
        }).observe(document, { childList: true, subtree: true });
      });
      const code: string[] = [];
      page.on('request', (request) => {
        const name = /\/assets\/(\w+)-[\w-]+\.js$/.exec(new URL(request.url()).pathname)?.[1];
        if (name) code.push(name);
      });
      // Hold the list of people, the last answer the shell waits for: Samples' code is asked meanwhile.
      let held: Route | undefined;
      await page.route('**/api/call/labelers.list', async (route) => {
        if (held) return route.continue();
        held = route;
      });
      await page.goto(suite.app().url);
      await expect.poll(() => held !== undefined).toBe(true);
      await expect.poll(() => code.includes('SamplesScreen')).toBe(true);
      await held!.continue();
      await page.getByTestId('sample-card').first().waitFor();
      expect(code.filter((name) => name.endsWith('Screen'))).toEqual(['SamplesScreen']);
      // The shell's data is asked before the area's code files, which would otherwise hold the
      // browser's six connections to the host. Compared by when the page started each request
      // (its resource timing), not by the order the browser's network events reach the test,
      // which it does not promise for a fetch and a module started one after the other.
      const started = await page.evaluate(() => {
        const first: Record<string, number> = {};
        for (const entry of performance.getEntriesByType('resource')) {
          const path = new URL(entry.name).pathname;
          const name = /\/assets\/(\w+)-[\w-]+\.js$/.exec(path)?.[1] ?? path.replace('/api/call/', '');
          first[name] = Math.min(first[name] ?? Infinity, entry.startTime);
        }
        return first;
      });
      expect(started['labelers.list']).toBeLessThanOrEqual(started['SamplesScreen']!);
      expect(started['samples.list']).toBeLessThanOrEqual(started['SamplesScreen']!);
      expect(await page.evaluate(() => (window as unknown as { signInShown?: boolean }).signInShown ?? false)).toBe(false);
    } finally {
      await page.close();
    }
  });

  it("shows the queue while the editor's code is on its way, then the editor", async () => {
    const { page, errors } = suite.browser();
    await openApp(page, suite.app().url);
    await page.getByTestId('sample-card').first().waitFor();

    // The editors' code (canvas, audio, Markdown) is most of the Label area's: hold it.
    let held: Route | undefined;
    const chunk = '**/assets/ProjectEditor-*.js';
    await page.route(chunk, (route) => {
      held = route;
    });
    await page.getByRole('link', { name: 'Label', exact: true }).click();
    await page.locator('.queue-item').first().waitFor();
    await page.getByRole('status').filter({ hasText: 'Loading the editor…' }).waitFor();
    expect(await page.locator('.queue-item[aria-current="true"]').count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'label-queue-before-editor.png') });

    await expect.poll(() => held !== undefined).toBe(true);
    await held!.continue();
    await page.unroute(chunk);
    await page.getByTestId('bbox-canvas').waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Loading the editor…' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("shows Review's first row without the editors' or the guideline viewer's code, its queue asked while the area's own code travels", async () => {
    const { page, errors } = suite.browser();
    await openApp(page, suite.app().url);
    await page.getByTestId('sample-card').first().waitFor();
    const code: string[] = [];
    page.on('request', (request) => {
      const name = /\/assets\/([\w-]+)-[\w-]{8}\.js$/.exec(new URL(request.url()).pathname)?.[1];
      if (name) code.push(name);
    });
    let queueAsked = false;
    await page.route('**/api/call/review.queue', (route) => {
      // The screen's own page (the demo's guided path asks the queue's size too, with no filters).
      if ((route.request().postDataJSON() as { filters?: object }).filters) queueAsked = true;
      return route.continue();
    });
    // Hold the area's code: its queue is asked meanwhile, not after.
    let held: Route | undefined;
    const chunk = '**/assets/ReviewScreen-*.js';
    await page.route(chunk, (route) => {
      held = route;
    });
    await page.getByRole('link', { name: 'Review', exact: true }).click();
    await expect.poll(() => held !== undefined && queueAsked).toBe(true);
    await held!.continue();
    await page.unroute(chunk);
    // The demo's worst disagreement heads the queue (resources/demo/make_demo_json.py).
    await page.locator('.review-item').first().filter({ hasText: 'chelsea.jpg' }).waitFor();
    expect(code.filter((name) => /^(ProjectEditor|editor-session|GuidelineView|GoldEditor)$/.test(name))).toEqual([]);

    // Editing the gold label brings the editor, saying so while its code is on its way.
    let editorHeld: Route | undefined;
    const editorChunk = '**/assets/GoldEditor-*.js';
    await page.route(editorChunk, (route) => {
      editorHeld = route;
    });
    await page.locator('.review-item').first().click();
    await page.getByRole('button', { name: 'Edit the gold label' }).click();
    await page.getByRole('status').filter({ hasText: 'Loading the editor…' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'review-before-editor.png') });
    await expect.poll(() => editorHeld !== undefined).toBe(true);
    await editorHeld!.continue();
    await page.unroute(editorChunk);
    await page.getByTestId('bbox-canvas').waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Loading the editor…' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
