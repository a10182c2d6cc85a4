import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from '../support/browser';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';
import { becomeNewLabeler, dragImage, listedBoxes, openLabelArea } from './helpers/bbox-page';
import { shownSample, waitForSaved } from './helpers/label-page';
import { callInPage, openApp, projectSampleCount } from './helpers/page-api';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

describe('who is calling, per browser context', () => {
  const suite = useWebAppInBrowser();
  const others: Browser[] = [];
  afterEach(async () => {
    for (const browser of others.splice(0)) await browser.close();
  });

  it('lets two labelers label at once in two browsers, blind to each other, while an SME in a third sees both', async () => {
    const app = suite.app();
    const dee = suite.browser();
    const eve = await openBrowser();
    others.push(eve);
    await openApp(dee.page, app.url); // opens the demo, which eve's browser then finds open
    await eve.page.goto(app.url);
    await becomeNewLabeler(dee.page, 'dee');
    await becomeNewLabeler(eve.page, 'eve');
    await Promise.all([openLabelArea(dee.page), openLabelArea(eve.page)]);
    const [deeFirst, eveFirst] = await Promise.all([shownSample(dee.page, 1), shownSample(eve.page, 1)]);
    expect(eveFirst).toEqual(deeFirst); // the same sample, in two queues

    // Both draw on it at the same time; each save lands under its own name.
    await Promise.all([dragImage(dee.page, { x: 20, y: 20 }, { x: 100, y: 90 }), dragImage(eve.page, { x: 150, y: 120 }, { x: 250, y: 200 })]);
    await Promise.all([waitForSaved(dee.page, deeFirst.id, 1), waitForSaved(eve.page, eveFirst.id, 1)]);
    await Promise.all([dee.page.keyboard.press('Enter'), eve.page.keyboard.press('Enter')]);
    await Promise.all([shownSample(dee.page, 2), shownSample(eve.page, 2)]);
    const samples = await projectSampleCount(dee.page);
    for (const [browser, name] of [
      [dee, 'dee'],
      [eve, 'eve'],
    ] as const) {
      expect(await browser.page.getByLabel('Working as').locator('option:checked').textContent()).toBe(`${name} (labeler)`);
      expect(await browser.page.locator('.queue-progress-text').textContent()).toBe(`1 of ${samples} submitted`);
    }

    // Blind: back on the first sample, each sees only their own box, and the back end refuses the other's.
    await dee.page.locator('.queue-item').first().click();
    await expect.poll(() => listedBoxes(dee.page)).toHaveLength(1);
    const people = await app.call<Array<{ id: number; name: string }>>('labelers.list');
    const eveId = people.find((p) => p.name === 'eve')!.id;
    await expect(callInPage(dee.page, 'annotations.mine', { labelerId: eveId, sampleId: deeFirst.id })).rejects.toThrow(/work blind/);

    // The SME, in a third browser, sees both answers.
    const sam = await openBrowser();
    others.push(sam);
    await sam.page.goto(app.url);
    await sam.page.getByLabel('Working as').selectOption({ label: 'sam (SME)' });
    await sam.page.getByRole('link', { name: 'Agreement' }).click();
    await sam.page.getByRole('button', { name: /^dee and eve: \d+\.\d% over 1 sample$/ }).waitFor();
    await sam.page.screenshot({ path: join(SCREENSHOTS, 'identity-sme-sees-both.png'), fullPage: true });
    // Signing in as the SME elsewhere did not change who the labelers' windows are.
    expect(await dee.page.getByLabel('Working as').locator('option:checked').textContent()).toBe('dee (labeler)');
    expect([dee.errors, eve.errors, sam.errors]).toEqual([[], [], []]);
  });

  it('keeps the person a tab switched to when the connection drops, and across a reload', async () => {
    const app = suite.app();
    const { page } = suite.browser();
    await openApp(page, app.url);
    const workingAs = page.getByLabel('Working as');
    await workingAs.selectOption({ label: 'ben (labeler)' });
    await expect.poll(async () => (await workingAs.locator('option:checked').textContent()) ?? '').toBe('ben (labeler)');

    // A call of ben's is cut off on its way (a server restarting, a reload, a network blip): it
    // says the server could not be reached, and says nothing about ben's session.
    await page.route('**/api/call/session.signIn', (route) => route.abort('connectionreset'), { times: 1 });
    await workingAs.selectOption({ label: 'chen (labeler)' });
    await page.getByRole('alert').filter({ hasText: 'not reachable' }).waitFor();
    expect(await workingAs.locator('option:checked').textContent()).toBe('ben (labeler)');
    await page.reload();
    await expect.poll(async () => (await workingAs.locator('option:checked').textContent()) ?? '').toBe('ben (labeler)');
  });

  it('sends no credential of the app to another server on this computer', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const elsewhere = createServer((request, response) => {
      seen.push(request.headers);
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><title>another local program</title><link rel="icon" href="data:,">');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    try {
      const app = suite.app();
      const { page } = suite.browser();
      await openApp(page, app.url);
      await page.getByLabel('Working as').waitFor(); // signed in: the tab holds a key and a session
      const port = (elsewhere.address() as AddressInfo).port;
      for (const host of ['127.0.0.1', 'localhost']) {
        await page.goto(`http://${host}:${port}/page`);
        await page.evaluate(() => fetch('/from-script', { credentials: 'include' }));
      }
      expect(seen.length).toBeGreaterThanOrEqual(4);
      for (const headers of seen) {
        expect(headers.cookie).toBeUndefined();
        expect(headers.authorization).toBeUndefined();
        expect(headers['x-concord-key']).toBeUndefined();
      }
      // Nor can its pages read what the app's tab keeps: storage is per origin, and the port is part of it.
      expect(await page.evaluate(() => Object.keys(sessionStorage).length + Object.keys(localStorage).length)).toBe(0);
    } finally {
      elsewhere.closeAllConnections();
      await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
    }
  });
});
