import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clickImage } from './helpers/bbox-page';
import { shownSample } from './helpers/label-page';
import { loadApp, openApp } from './helpers/page-api';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

describe('the first start', () => {
  const suite = useWebAppInBrowser();

  it('says what Concord is, offers both demos side by side, and opens the audio demo directly', async () => {
    const { page, errors } = suite.browser();
    await loadApp(page, suite.app().url);

    // Nothing is open yet: the start screen, not a project, with both demos and a new project.
    const demos = page.getByRole('region', { name: 'Try it on a demo' });
    await demos.waitFor();
    expect(await page.locator('.start-pitch').textContent()).toMatch(/label images and audio consistently/);
    expect(await demos.getByRole('button').allTextContents()).toEqual(['Open image demo', 'Open audio demo']);
    const [image, audio] = await Promise.all(['Everyday objects demo', 'Voice commands demo'].map((name) => page.getByRole('article', { name }).boundingBox()));
    expect(image!.y).toBe(audio!.y);
    expect(audio!.x).toBeGreaterThan(image!.x + image!.width);
    await page.getByRole('form', { name: 'New project' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'first-start.png') });

    await demos.getByRole('button', { name: 'Open audio demo' }).click();
    await page.locator('.project-name', { hasText: 'Demo: voice commands' }).waitFor();
    expect(errors).toEqual([]);
  });

  it("shows a demo's guided path whose steps tick from what was done, each linking to where to do it; dismissed, it stays away", async () => {
    const app = suite.app();
    const { page, errors } = suite.browser();
    await page.goto('about:blank'); // a page left open would go on showing the project the script closes
    await app.call('projects.openDemo', { kind: 'bbox' });
    await openApp(page, app.url);

    const path = page.getByRole('region', { name: 'Try the loop' });
    const step = (id: string) => path.locator(`li[data-step="${id}"]`);
    await step('label').waitFor();
    expect(await path.locator('li a').allInnerTexts()).toEqual([
      'Label a sample',
      'See how your labels agree with the others',
      'Review the worst disagreement',
      'Revise the guideline',
      'Relabel under the new version (two labelers)',
      'Compare agreement per version',
    ]);
    await expect.poll(() => path.locator('li[data-done="true"]').count()).toBe(0);

    // The first step's link leads to the Label area; submitting one sample ticks it, and the
    // owner's label, compared with the demo labelers', ticks the agreement step too.
    await path.getByRole('link', { name: 'Go to step 1' }).click();
    await shownSample(page, 1);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="bbox-canvas"]')?.getAttribute('data-scale')) > 0);
    await clickImage(page, { x: 5, y: 5 }); // the editor's keys act once the focus has left the step's link
    await page.keyboard.press('Shift+N'); // no objects
    await page.keyboard.press('Enter'); // submit, next
    await shownSample(page, 2);
    await expect.poll(() => step('label').getAttribute('data-done')).toBe('true');
    await expect.poll(() => step('agreement').getAttribute('data-done')).toBe('true');
    expect(await step('review').getAttribute('data-done')).toBe('false');
    await path.screenshot({ path: join(SCREENSHOTS, 'guided-path.png') });

    await path.getByRole('link', { name: 'Go to step 2' }).click();
    await page.getByRole('heading', { name: 'Agreement', exact: true }).waitFor();
    await path.getByRole('button', { name: 'Dismiss the guided path' }).click();
    await path.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('heading', { name: 'Agreement', exact: true }).waitFor();
    expect(await page.getByRole('region', { name: 'Try the loop' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
