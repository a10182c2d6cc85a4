// Opening an hour of audio in the transcript editor: a 60-minute 16 kHz mono WAV, from
// choosing the sample to an interactive waveform, first with peaks still to compute and
// then with them cached, and the renderer's memory with it open. Run with `npm run bench -- transcript-open`.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { mulberry32 } from '../shared/assignment/prng';
import { writeSyntheticWav } from '../electron/generate/synthetic-media';
import { importAndWait, signInAsLabeler, startMeter, withWebApp, type BenchContext, type Benchmark, type Figure } from './support';

const MINUTES = 60;
const RATE = 16_000;
const TARGET_MS = 1500;

/** From the click on the queue item to the waveform reporting it is ready. */
async function openTimed(page: Page, name: string): Promise<number> {
  await page.locator('.queue-item', { hasText: name }).waitFor();
  return page.evaluate(async (sampleName) => {
    const started = performance.now();
    const item = [...document.querySelectorAll('.queue-item')].find((el) => el.textContent?.includes(sampleName)) as HTMLElement;
    item.click();
    // A plain loop, no named helpers: the bundler would wrap them with a function the page lacks.
    for (;;) {
      const ready = document.querySelector('[data-testid="waveform"][data-ready="true"]');
      if (ready && (document.querySelector('.status-bar')?.textContent ?? '').includes(sampleName)) break;
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return performance.now() - started;
  }, name);
}

export const benchmark: Benchmark = {
  name: 'transcript-open',
  summary: `opening a ${MINUTES}-minute WAV in the transcript editor, peaks computed and cached`,
  run: () => withWebApp(measure),
};

async function measure({ work, app, browser }: BenchContext): Promise<Figure[]> {
  const media = join(work, 'media');
  mkdirSync(media);
  // Two streams, two voices: imports tell files apart by their content.
  writeSyntheticWav(join(media, 'a-hour.wav'), MINUTES * 60_000, RATE, mulberry32(1));
  writeSyntheticWav(join(media, 'b-hour.wav'), MINUTES * 60_000, RATE, mulberry32(2));
  await app.call('projects.create', { dir: join(work, 'project'), name: 'Bench', kind: 'transcript' });
  await importAndWait(app, media);
  const { page } = browser;
  const labelerId = await signInAsLabeler(page, app, 'bench');
  const [a, b] = (await app.call<{ items: Array<{ displayName: string }> }>('queue.get', { labelerId })).items;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heapBefore = await page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize);

  await page.getByRole('link', { name: 'Label', exact: true }).click();
  await page.locator('[data-testid="waveform"][data-ready="true"]').waitFor({ timeout: 60_000 }); // the first sample opens by itself
  // The host's and the page's CPU over each open, so the machine's load can be told from the code's share.
  const taskMs = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')!.value * 1000;
  const withCpu = async (name: string) => {
    const [host, page0] = [startMeter(app.pid), await taskMs()];
    const ms = await openTimed(page, name);
    const { cpuMs, load } = host();
    return { ms, cpu: `host CPU ${cpuMs.toFixed(0)} ms, page ${((await taskMs()) - page0).toFixed(0)} ms; load ${load}` };
  };
  const first = await withCpu(b!.displayName); // peaks computed on this first open
  const cached = await withCpu(a!.displayName); // opened before: peaks come from the cache
  const metrics = (await cdp.send('Performance.getMetrics')).metrics;
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')!.value;

  console.log(`Opening a ${MINUTES}-minute ${RATE / 1000} kHz mono WAV (${((MINUTES * 60 * RATE * 2) / 1e6).toFixed(0)} MB) in headless Chromium`);
  console.log(`  first open, peaks computed: ${first.ms.toFixed(0)} ms (${(first.ms / TARGET_MS).toFixed(2)}× the ${TARGET_MS} ms target); ${first.cpu}`);
  console.log(`  open with cached peaks:     ${cached.ms.toFixed(0)} ms (${(cached.ms / TARGET_MS).toFixed(2)}× the ${TARGET_MS} ms target); ${cached.cpu}`);
  console.log(
    `  renderer JS heap with it open: ${(heap / 1e6).toFixed(1)} MB (the page itself before: ${(heapBefore / 1e6).toFixed(1)} MB; the audio is ${((MINUTES * 60 * RATE * 4) / 1e6).toFixed(0)} MB as decoded floats)`,
  );
  return [
    { what: 'opening an hour of audio, peaks computed', value: first.ms, unit: 'ms', aim: TARGET_MS, note: first.cpu },
    { what: 'opening it again, peaks cached', value: cached.ms, unit: 'ms', aim: TARGET_MS, note: cached.cpu },
    {
      what: 'renderer JS heap with the hour open',
      value: heap / 1e6,
      unit: 'MB',
      aim: null,
      note: `the decoded audio would be ${((MINUTES * 60 * RATE * 4) / 1e6).toFixed(0)} MB`,
    },
  ];
}
