import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadApp } from './helpers/page-api';
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
});
