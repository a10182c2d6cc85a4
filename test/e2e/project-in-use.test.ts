import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';
import { startWebApp, type RunningWebApp } from '../support/web-app';
import { waitForSampleCards } from './helpers/samples-page';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

describe('a project already open in another app', () => {
  const suite = useWebAppInBrowser();
  const others: RunningWebApp[] = [];
  afterAll(async () => {
    for (const other of others) await other.stop();
  });

  it('is offered read-only, and the read-only view says so', async () => {
    // Another server, with its own settings, has the project open.
    const other = await startWebApp(suite.tempDir());
    others.push(other);
    const dir = join(suite.tempDir(), 'shared-project');
    await other.call('projects.create', { dir, name: 'Shared project', kind: 'bbox', classes: [{ name: 'car' }] });

    const { page } = suite.browser();
    await page.goto(suite.app().url);
    await waitForSampleCards(page, 6); // the demo, first started
    await page.getByRole('button', { name: 'Close project' }).click();
    await page.locator('#open-dir').fill(dir);
    await page.getByRole('button', { name: 'Open', exact: true }).click();

    const offer = page.getByRole('alertdialog', { name: 'This project is open elsewhere' });
    await offer.waitFor();
    expect(await offer.textContent()).toMatch(/open in a Concord web server \(process \d+\)/);
    await page.screenshot({ path: join(SCREENSHOTS, 'project-in-use.png') });

    await offer.getByRole('button', { name: 'Open read-only' }).click();
    await page.getByRole('heading', { name: 'Samples' }).waitFor();
    expect(await page.locator('.project-name').textContent()).toBe('Shared project');
    await page.locator('.badge-read-only').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'project-read-only.png') });
    expect(suite.browser().errors).toEqual([]);
  });
});
