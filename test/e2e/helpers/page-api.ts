import type { Page } from 'playwright-core';
import type { RunningWebApp } from '../../support/web-app';

/**
 * Calls the API from inside the page with the tab's own credentials (its session and the
 * owner key it holds), as another part of the app would: for reading back what the UI saved.
 */
export async function callInPage<T>(page: Page, name: string, arg: unknown = {}): Promise<T> {
  return page.evaluate(
    async ({ name, arg }) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const key = sessionStorage.getItem('concord.ownerKey');
      const session = JSON.parse(sessionStorage.getItem('concord.session') ?? 'null') as { token: string } | null;
      if (key) headers['x-concord-key'] = key;
      if (session) headers['authorization'] = `Bearer ${session.token}`;
      const response = await fetch(`/api/call/${name}`, { method: 'POST', headers, body: JSON.stringify(arg) });
      const result = (await response.json()) as { ok: boolean; value: unknown; error?: { message: string } };
      if (!result.ok) throw new Error(`${name}: ${result.error?.message}`);
      return result.value;
    },
    { name, arg },
  ) as Promise<T>;
}

/** How many samples the open project holds, as the host counts them: for tests that walk a demo's queue. */
export async function projectSampleCount(page: Page): Promise<number> {
  const project = await callInPage<{ sampleCount: number } | null>(page, 'projects.current');
  if (!project) throw new Error('no project is open');
  return project.sampleCount;
}

/**
 * Opens the app at the address the host printed, as a fresh page load, and waits until it shows
 * a screen: the start screen, a sign-in or a project. The address differs from a loaded app's
 * only by its `#key=…` fragment, which a browser would treat as a jump within the same page
 * rather than a load.
 */
export async function loadApp(page: Page, url: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(url);
  await page.locator('main.start, main.sign-in, .shell').first().waitFor();
}

/**
 * Opens the app as {@link loadApp} does; when no project is open (a fresh host starts on the
 * start screen), opens the image demo by clicking it there, as a newcomer would.
 */
export async function openApp(page: Page, url: string): Promise<void> {
  await loadApp(page, url);
  if (!(await page.locator('main.start').isVisible())) return;
  await page.getByRole('button', { name: 'Open image demo' }).click();
  await page.locator('.shell').waitFor();
}

/**
 * Opens a demo project in the host (as a script beside the app would) and then the app in this
 * page on it. The page leaves whatever it showed first: a page left open on the project the host
 * closes would go on showing it.
 */
export async function openDemoInPage(page: Page, app: RunningWebApp, kind: 'bbox' | 'transcript'): Promise<void> {
  await page.goto('about:blank');
  await app.call('projects.openDemo', { kind });
  await openApp(page, app.url);
}
