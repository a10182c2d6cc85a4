import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openDemoInPage, projectSampleCount } from './helpers/page-api';
import { REPO_ROOT } from '../support/paths';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { openFromQueue, shownSample, waitForSaved } from './helpers/label-page';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

/** Page x of a time on the waveform (it fills its width at this zoom, so time maps linearly). */
async function xOf(page: Page, ms: number, durationMs: number): Promise<{ x: number; y: number }> {
  const box = (await page.locator('.waveform-main').boundingBox())!;
  return { x: box.x + (ms / durationMs) * box.width, y: box.y + 70 };
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, from.y, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
}

const segmentTimes = (page: Page) => page.getByTestId('segment-times').allTextContents();
const seconds = (text: string) => text.split(' – ').map((part) => Math.round(parseFloat(part) * 1000));

describe('the transcript editor', () => {
  const suite = useWebAppInBrowser();

  it('plays, makes two segments by dragging, takes their text, moves a boundary, tags and submits; all of it survives a reload', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openDemoInPage(page, app, 'transcript');
    await page.getByLabel('Working as').selectOption({ label: 'New profile…' });
    await page.getByLabel('New labeler name').fill('hana');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Label' }).click();
    await page.locator('[data-testid="waveform"][data-ready="true"]').waitFor();
    const weather = await shownSample(page, 1);
    const status = (await page.locator('.status-bar').textContent())!;
    expect(status).toMatch(new RegExp(`Sample 1 of ${await projectSampleCount(page)} · weather\\.wav · 3\\.\\d{3} s · 0 segments`));
    const durationMs = Math.round(parseFloat(status.match(/· (\d\.\d{3}) s/)![1]!) * 1000);

    // Playback runs and pauses.
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(async () => parseFloat((await page.getByLabel('Position').textContent())!)).toBeGreaterThan(0.2);
    await page.keyboard.press('Control+Space');
    await page.getByRole('button', { name: 'Play' }).waitFor();

    // Two segments dragged on the waveform; typing goes to the segment just made.
    await page.getByRole('radio', { name: 'Segments' }).click();
    await drag(page, await xOf(page, 300, durationMs), await xOf(page, 900, durationMs));
    await page.keyboard.type('Um,');
    await drag(page, await xOf(page, 1000, durationMs), await xOf(page, 3000, durationMs));
    await page.keyboard.type("today's weather is sunny and warm.");
    await expect.poll(() => page.getByTestId('segment-row').count()).toBe(2);
    expect(await page.getByRole('textbox', { name: 'Text of segment 1' }).inputValue()).toBe('Um,');
    expect(await page.getByRole('textbox', { name: 'Text of segment 2' }).inputValue()).toBe("today's weather is sunny and warm.");
    const [first, second] = (await segmentTimes(page)).map(seconds);
    // wavesurfer's drag selection ends a region a few pixels past the pointer; six pixels is about 40 ms here.
    const tolerance = (durationMs / (await page.locator('.waveform-main').boundingBox())!.width) * 6;
    expect(Math.abs(first![0]! - 300)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(second![1]! - 3000)).toBeLessThanOrEqual(tolerance);

    // Move the end of the first segment later by dragging its edge.
    const edge = await xOf(page, first![1]!, durationMs);
    await drag(page, { x: edge.x - 1, y: edge.y }, { x: edge.x + 25, y: edge.y });
    await expect.poll(async () => seconds((await segmentTimes(page))[0]!)[1]).toBeGreaterThan(first![1]! + 50);

    // The spectrogram shows the same clip, computed from its decoded audio.
    await page.getByRole('button', { name: 'Spectrogram' }).click();
    await page.locator('[data-testid="spectrogram"][data-ready="true"]').waitFor();

    // Tag by clicking (the text field has the keys), then submit with Ctrl+Enter from the text.
    await page.getByRole('button', { name: /clean speech/ }).click();
    await page.getByRole('textbox', { name: 'Text of segment 2' }).focus();
    await waitForSaved(page, weather.id, { after: null });
    const before = {
      times: await segmentTimes(page),
      texts: await page.locator('.segment-row input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)),
    };
    await page.screenshot({ path: join(SCREENSHOTS, 'transcript-editor.png') });
    await page.keyboard.press('Control+Enter');
    await shownSample(page, 2);

    await page.reload();
    await page.getByRole('link', { name: 'Label' }).click();
    expect(await openFromQueue(page, 'weather.wav')).toBe(weather.id);
    expect(await page.locator('.status-bar').textContent()).toMatch(/weather\.wav · .* · 2 segments/);
    expect(await segmentTimes(page)).toEqual(before.times);
    expect(await page.locator('.segment-row input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual(before.texts);
    expect(await page.getByRole('button', { name: /clean speech/ }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('.queue-item', { hasText: 'weather.wav' }).locator('.dot').getAttribute('aria-label')).toBe('Submitted');
    expect(browser.errors).toEqual([]);
  });
});
