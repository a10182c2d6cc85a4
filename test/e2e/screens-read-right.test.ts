import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp, openDemoInPage } from './helpers/page-api';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

/** What a person sees on the screens fixed for issue #19: fields that say what is wrong, panels that describe their editor, names that lead somewhere. */
describe('screens that read right', () => {
  const suite = useWebAppInBrowser();

  it("Team's number fields clear, refuse what is not a count, and read leading zeros as the number", async () => {
    const app = suite.app();
    const { page } = suite.browser();
    await openApp(page, app.url);
    await page.getByLabel('Working as').selectOption({ label: 'sam (SME)' });
    await page.getByRole('link', { name: 'Team' }).click();
    const overlap = page.getByLabel('Labelers per sample');
    const makePlan = page.getByRole('button', { name: 'Make plan' });

    await overlap.fill('');
    await expect.poll(() => overlap.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').textContent()).toBe('Enter a number.');
    expect(await overlap.inputValue()).toBe(''); // cleared stays cleared
    expect(await makePlan.isDisabled()).toBe(true);

    await overlap.fill('-2');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Must be 1 or more, not a negative number.');
    expect(await overlap.inputValue()).toBe('-2'); // the sign is not dropped
    await page.getByLabel('Seed').fill('ten');
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toEqual(['Must be 1 or more, not a negative number.', 'Enter a whole number, in digits.']);
    await page.screenshot({ path: join(SCREENSHOTS, 'team-number-fields.png') });

    await overlap.fill('03');
    await page.getByLabel('Seed').fill('7');
    await page.getByLabel('Seed').blur();
    await expect.poll(() => overlap.inputValue()).toBe('3');
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await makePlan.isDisabled()).toBe(false);
    await makePlan.click();
    await page.getByRole('table', { name: 'Progress by labeler' }).waitFor();
    expect(await app.call<{ overlap: number }>('assignments.summary', {})).toMatchObject({ overlap: 3 });
  });

  it("the heatmap's sample names open the sample in Review", async () => {
    const app = suite.app();
    const { page } = suite.browser();
    await openApp(page, app.url);
    await page.getByLabel('Working as').selectOption({ label: 'sam (SME)' });
    await page.getByRole('link', { name: 'Agreement' }).click();
    await page.getByRole('table', { name: 'Agreement by labeler pair' }).getByRole('button').first().click();
    const samples = page.getByRole('list', { name: 'Samples behind the selected pair' });
    const first = samples.getByRole('button').first();
    await expect.poll(() => first.textContent()).toMatch(/\.(jpg|png)$/);
    const name = (await first.textContent())!;
    await first.click();
    await page.getByRole('region', { name: `Review of ${name}` }).waitFor();
    expect(page.url()).toMatch(/#review$/);
  });

  it("the audio editor's shortcuts panel describes the waveform, and Review's segment lanes line up with the waveform", async () => {
    const app = suite.app();
    const { page } = suite.browser();
    await openDemoInPage(page, app, 'transcript');
    await page.getByLabel('Working as').selectOption({ label: 'sam (SME)' });
    await page.getByRole('link', { name: 'Label' }).click();
    await page.locator('[data-testid="waveform"][data-ready="true"]').waitFor();
    await page.keyboard.press('?');
    const hint = page.getByTestId('mouse-hint');
    await expect.poll(() => hint.textContent()).toMatch(/^Mouse: drag across the waveform to make a segment/);
    expect(await hint.textContent()).not.toMatch(/box/);
    await page.screenshot({ path: join(SCREENSHOTS, 'transcript-shortcuts.png') });
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Review' }).click();
    await page.getByRole('list', { name: 'Samples to review' }).locator('.review-item').first().click();
    const waveform = page.getByTestId('review-waveform');
    await waveform.waitFor();
    const wave = (await waveform.boundingBox())!;
    const tracks = await page.getByTestId('lane-track').evaluateAll((elements) =>
      elements.map((element) => {
        const { left, width } = element.getBoundingClientRect();
        return { left, width };
      }),
    );
    expect(tracks.length).toBeGreaterThan(1);
    for (const track of tracks) {
      expect(Math.abs(track.left - wave.x)).toBeLessThan(1);
      expect(Math.abs(track.width - wave.width)).toBeLessThan(1);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'review-audio-lanes.png') });
  });
});
