// The app loaded to its first screen (Samples, as the owner, its first card), several rounds on
// a copy of a project's database: the first in a fresh browser profile, the others reloading the
// page as a user reopening the window would. Times are read inside the page from the navigation's
// start (so the browser driver's own delays are not counted), with where they went: each request
// before the first card (start and end), the long animation frames (script, rendering) and the
// renderer's main-thread CPU over the load.
// Before the app, a second fresh profile loads the app's icon from the host: the machine's cold
// Chromium (its first page, disk cache and network stack), which the app's fresh round pays too.
// The copy is opened just before, so its integrity check runs in the background while the page
// loads, as after a copy or a crash (the owner's sign-in does not wait for it; writes do);
// `--settled` waits for the check first, as when the project was closed cleanly (no check runs).
// With `--review`, each round then times the Review area from Samples to its first row (`review-area.ts`).
// Run with `npm run bench -- first-screen [--samples N | --project DIR] [--rounds K] [--review] [--settled]`;
// `--samples N` measures the project `large-project` generates and keeps (20,000 by default).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openBrowser } from '../test/support/browser';
import { firstCardRound } from './first-card';
import { projectToMeasure } from './large-project.bench';
import { reviewAreaRound } from './review-area';
import {
  copyProjectDatabase,
  cpuMs,
  integrityCheckEnded,
  loadAverage,
  spread,
  wholeNumberArg,
  withWebApp,
  type BenchContext,
  type Benchmark,
  type Figure,
} from './support';

const AIM_MS = 1000;
const REVIEW_AIM_MS = 300;

/**
 * The machine's share of a fresh profile's first page: a new Chromium, in a profile of its own,
 * loads the app's icon (a few hundred bytes, named in the page the host serves). Returns the
 * launch and the page's response end and load, in ms.
 */
async function coldChromium(url: string): Promise<{ launch: number; response: number; load: number }> {
  const icon = /<link rel="icon" href="([^"]+)"/.exec(await (await fetch(url)).text())![1]!;
  const started = performance.now();
  const cold = await openBrowser();
  try {
    const launch = performance.now() - started;
    await cold.page.goto(new URL(icon, url).href);
    const nav = await cold.page.evaluate(() => performance.getEntriesByType('navigation')[0]!.toJSON() as { responseEnd: number; loadEventEnd: number });
    return { launch, response: nav.responseEnd, load: nav.loadEventEnd };
  } finally {
    await cold.close();
  }
}

async function measure(
  { work, app, browser }: BenchContext,
  source: string,
  rounds: number,
  options: { review: boolean; settled: boolean },
): Promise<Figure[]> {
  const { review } = options;
  const project = copyProjectDatabase(source, join(work, 'project'));
  const samples = (await app.call<{ sampleCount: number }>('projects.open', { dir: project })).sampleCount;
  if (options.settled) {
    const waited = performance.now();
    await integrityCheckEnded(app);
    console.log(`the integrity check ended ${(performance.now() - waited).toFixed(0)} ms after the open (--settled)`);
  }
  console.log(`${samples.toLocaleString('en')} samples; load average ${loadAverage()} at the start`);
  const cold = await coldChromium(app.url);
  console.log(
    `  a cold Chromium (own fresh profile): launched in ${cold.launch.toFixed(0)} ms; one small file from the host: response ${cold.response.toFixed(0)} ms, loaded ${cold.load.toFixed(0)} ms`,
  );
  const { page } = browser;
  const painted: number[] = [];
  const reviewPainted: number[] = [];
  const figures: Figure[] = [];
  for (let round = 0; round < rounds; round++) {
    const hostCpu = cpuMs(app.pid);
    const result = await firstCardRound(page, () => (round === 0 ? page.goto(app.url) : page.reload()));
    painted.push(result.painted);
    console.log(
      `  round ${round + 1}${round === 0 ? ' (fresh profile)' : ' (reload)'}: first card ${result.card.toFixed(0)} ms, painted ${result.painted.toFixed(0)} ms; renderer main-thread tasks ${result.cpuMs.toFixed(0)} ms; web host CPU ${(cpuMs(app.pid) - hostCpu).toFixed(0)} ms; load average ${loadAverage()}`,
    );
    console.log(`    requests before it: ${result.requests.join('; ')}`);
    console.log(`    long animation frames: ${result.frames || 'none'}`);
    if (round === 0) {
      figures.push({
        what: `the app to its first screen, fresh browser profile${options.settled ? ' (check ended)' : ''}`,
        value: result.painted,
        unit: 'ms',
        aim: AIM_MS,
        note: `a cold Chromium's first small file ${cold.load.toFixed(0)} ms`,
      });
    }
    if (!review) continue;
    const area = await reviewAreaRound(page);
    reviewPainted.push(area.painted);
    console.log(
      `  then the Review area: first row ${area.row.toFixed(0)} ms, painted ${area.painted.toFixed(0)} ms from the click; renderer main-thread tasks ${area.cpuMs.toFixed(0)} ms; load average ${loadAverage()}`,
    );
    console.log(`    requests from the click: ${area.requests.join('; ') || 'none'}`);
    console.log(`    long animation frames: ${area.frames || 'none'}`);
  }
  if (reviewPainted.length > 0) {
    figures.push({ what: 'the Review area to its first row, first time in a fresh profile', value: reviewPainted[0]!, unit: 'ms', aim: REVIEW_AIM_MS });
    if (reviewPainted.length > 1) {
      const { median, max } = spread(reviewPainted.slice(1));
      figures.push({
        what: `the Review area to its first row, after reloads (median of ${reviewPainted.length - 1})`,
        value: median,
        unit: 'ms',
        aim: REVIEW_AIM_MS,
        note: `max ${max.toFixed(0)} ms`,
      });
    }
  }
  const reloads = painted.slice(1);
  if (reloads.length > 0) {
    const { median, max } = spread(reloads);
    figures.push({
      what: `the app to its first screen, reloaded (median of ${reloads.length})`,
      value: median,
      unit: 'ms',
      aim: AIM_MS,
      note: `max ${max.toFixed(0)} ms`,
    });
  }
  console.log(`load average ${loadAverage()} at the end`);
  return figures;
}

export const benchmark: Benchmark = {
  name: 'first-screen',
  summary: 'the app loaded to its first screen (Samples, as the owner), with its requests and long frames',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { review: { type: 'boolean', default: false }, settled: { type: 'boolean', default: false } },
      strict: false,
      allowPositionals: true,
    });
    const rounds = wholeNumberArg(args, 'rounds', 5);
    const { projectDir } = await projectToMeasure(args, 'bbox', 20_000);
    return withWebApp((context) => measure(context, projectDir, rounds, { review: values.review === true, settled: values.settled === true }));
  },
};
