import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from './helpers/page-api';
import type { GuidelineDraft } from '../../shared/domain/guideline';
import type { Labeler } from '../../shared/domain/labeler';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

/** Another web site, standing in for the page a guideline links to; it records who asked. */
function startLinkedSite(): Promise<{ server: Server; url: string; requests: IncomingHttpHeaders[] }> {
  const requests: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    requests.push(request.headers);
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!doctype html><link rel="icon" href="data:,"><title>Style guide</title><p>Box the whole object.</p>');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/style`, requests })),
  );
}

describe('links in a guideline', () => {
  const suite = useWebAppInBrowser();
  let site: Awaited<ReturnType<typeof startLinkedSite>>;
  beforeAll(async () => {
    site = await startLinkedSite();
  });
  // Chromium keeps its connection to the site open: end it rather than wait for it.
  afterAll(() => new Promise<void>((resolve) => site.server.close(() => resolve()).closeAllConnections()));

  async function openGuidelineWithLinks(page: Page): Promise<void> {
    const app = suite.app();
    await suite.browser().page.goto('about:blank'); // a page left open would go on showing the project the script closes
    await app.call('projects.openDemo', { kind: 'bbox' });
    const sam = (await app.call<Labeler[]>('labelers.list')).find((l) => l.name === 'sam')!;
    await app.call('session.signIn', { method: 'demo', labelerId: sam.id });
    const draft = await app.call<GuidelineDraft>('guidelines.draft');
    const body = [
      '## Boxes {#boxes}',
      '',
      `Follow [the style guide](${site.url}) for tight boxes.`,
      '',
      'Do not open [the password file](file:///etc/passwd) or [a script](javascript:alert(1)).',
    ].join('\n');
    const saved = await app.call<GuidelineDraft>('guidelines.saveDraft', { bodyMd: body, baseRevision: draft.revision });
    await app.call('guidelines.publish', { changelog: 'Link the style guide', baseRevision: saved.revision });
    await openApp(page, app.url);
    await page.getByLabel('Working as').selectOption({ label: 'ana (labeler)' });
    // A labeler lands in their queue, where the new version is shown first.
    await page.getByRole('button', { name: 'I have read the changes' }).click();
    await page.getByRole('link', { name: 'Guidelines' }).click();
    await page.getByRole('heading', { name: /Boxes/ }).waitFor();
  }

  it('opens a web link in a new tab only after the user confirms its address, and never follows other schemes', async () => {
    const { page } = suite.browser();
    await openGuidelineWithLinks(page);
    const context = page.context();
    const link = page.getByRole('link', { name: 'the style guide' });

    // Cancelling opens nothing and asks the other site for nothing.
    await link.click();
    const dialog = page.getByRole('dialog', { name: 'Open this address in a new tab?' });
    await dialog.waitFor();
    expect(await dialog.locator('.open-link-address').textContent()).toBe(site.url);
    await page.screenshot({ path: join(SCREENSHOTS, 'guideline-link-confirm.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    // A modifier click would open a tab without asking in a plain page: here it asks too.
    await link.click({ modifiers: ['Control'] });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(context.pages()).toHaveLength(1);
    expect(site.requests).toHaveLength(0);

    // Confirming opens the address in a new tab that cannot reach back into the app.
    await link.click();
    const opened = context.waitForEvent('page');
    await dialog.getByRole('button', { name: 'Open in a new tab' }).click();
    const tab = await opened;
    await tab.waitForLoadState();
    expect(tab.url()).toBe(site.url);
    expect(await tab.title()).toBe('Style guide');
    expect(await tab.evaluate(() => window.opener)).toBeNull();
    expect(site.requests).toHaveLength(1);
    expect(site.requests[0]!.referer).toBeUndefined();
    await tab.close();

    // Other schemes are shown as text, not as links.
    expect(await page.getByRole('link', { name: 'the password file' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'a script' }).count()).toBe(0);
    await expect.poll(() => page.getByText('the password file').count()).toBe(1);
    expect(suite.browser().errors).toEqual([]);
  });
});
