// A labeler signing in on a large project, to their queue's first row, in one run on a copy of
// its database: `queue.window` alone through the API (with the host's CPU time per call), then,
// in headless Chromium, from the sign-in's answer to the first queue row in the page and painted,
// and to the first sample shown in the editor. Each round loads the app afresh as the owner, signs
// out and signs the labeler in through the sign-in screen, as a labeler at a shared browser would.
// Times are read inside the page (from the sign-in's answer to the row's insertion), so the
// browser driver's own delays are not counted. Last, for comparison, `queue.get`: the whole queue in one answer.
// Run with `npm run bench -- label-open [--samples N | --project DIR] [--labeler NAME --password TEXT] [--rounds K]`;
// `--samples N` measures the project `large-project` generates and keeps (20,000 by default),
// `--project DIR` a project folder instead (only its database is copied; its media stay where they are).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { openApp } from '../test/e2e/helpers/page-api';
import { projectToMeasure } from './large-project.bench';
import {
  copyProjectDatabase,
  costNote,
  loadAverage,
  residentMb,
  spread,
  startMeter,
  stepFigures,
  timed,
  wholeNumberArg,
  withWebApp,
  type BenchContext,
  type Benchmark,
  type Figure,
} from './support';

const AIM_MS = 300;

/** The page's renderer process: of this browser's renderers, the one holding the most memory. */
async function rendererPid(page: Page): Promise<number> {
  const session = await page.context().browser()!.newBrowserCDPSession();
  const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; id: number }> };
  await session.detach();
  return processInfo
    .filter((p) => p.type === 'renderer')
    .map((p) => p.id)
    .sort((a, b) => residentMb(b) - residentMb(a))[0]!;
}

/** Times inside the page, in ms from the sign-in's answer: the first queue row in the page, painted, and the first sample shown. */
interface SignInTimes {
  signIn: number;
  row: number;
  painted: number;
  sample: number;
}

/** Watches the page for the first queue row and the first sample shown, from now on. */
async function watchForQueue(page: Page): Promise<void> {
  await page.evaluate(() => {
    performance.clearResourceTimings();
    const seen = {} as { row?: number; painted?: number; sample?: number };
    (window as unknown as { __labelOpen: typeof seen }).__labelOpen = seen;
    const observer = new MutationObserver(() => {
      if (seen.row === undefined && document.querySelector('.queue-item')) {
        seen.row = performance.now();
        // The frame that shows it: after its rendering step, the next task.
        requestAnimationFrame(() => setTimeout(() => (seen.painted = performance.now())));
      }
      if (seen.sample === undefined && document.querySelector('.status-bar[data-sample-id]:not([data-sample-id=""])')) seen.sample = performance.now();
      if (seen.row !== undefined && seen.sample !== undefined) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-sample-id'] });
  });
}

async function timesInPage(page: Page): Promise<SignInTimes> {
  await page.waitForFunction(() => {
    const seen = (window as unknown as { __labelOpen: { painted?: number; sample?: number } }).__labelOpen;
    return seen.painted !== undefined && seen.sample !== undefined;
  });
  return page.evaluate(() => {
    const seen = (window as unknown as { __labelOpen: { row: number; painted: number; sample: number } }).__labelOpen;
    const signIn = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((r) => r.name.endsWith('/api/call/session.signIn'))!;
    const answered = signIn.responseEnd;
    return { signIn: answered - signIn.startTime, row: seen.row - answered, painted: seen.painted - answered, sample: seen.sample - answered };
  });
}

async function measure({ work, app, browser }: BenchContext, source: string, labeler: string, password: string, rounds: number): Promise<Figure[]> {
  const project = copyProjectDatabase(source, join(work, 'project'));
  const samples = (await app.call<{ sampleCount: number }>('projects.open', { dir: project })).sampleCount;
  const size = `${samples.toLocaleString('en')} samples`;
  const { figures, record, fromNow } = stepFigures(size, app.pid);
  console.log(`${size}; load average ${loadAverage()} at the start`);

  // The back end's part alone: the window the label screen asks for first, as the labeler.
  const { id: labelerId } = (await app.call<{ account: { id: number } }>('session.signIn', { method: 'password', name: labeler, password })).account;
  const calls: number[] = [];
  fromNow();
  const host = startMeter(app.pid);
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    await app.call('queue.window', { labelerId, around: null });
    calls.push(performance.now() - start);
  }
  const perCall = host().cpuMs / calls.length;
  record('queue.window (where work is left), median of 7', spread(calls).median, AIM_MS, { note: `${perCall.toFixed(0)} ms of the host's CPU per call` });
  await app.call('session.signIn', { method: 'owner' });

  const { page } = browser;
  const rows: number[] = [];
  const painted: number[] = [];
  const shown: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    // The app loaded afresh as the owner, who signs out: the sign-in screen a labeler finds.
    await page.evaluate(() => sessionStorage.removeItem('concord.session')).catch(() => undefined);
    await openApp(page, app.url);
    await page.getByTestId('sample-card').first().waitFor({ timeout: 300_000 });
    await page.getByRole('button', { name: 'Sign out' }).click();
    const signInButton = page.getByRole('button', { name: 'Sign in', exact: true });
    await signInButton.waitFor();
    // The screen may still be settling after signing out (a late answer re-renders it empty): fill it until it holds.
    for (let attempt = 1; !(await signInButton.isEnabled()); attempt++) {
      if (attempt > 5) throw new Error('the sign-in screen did not keep the name and password typed into it');
      await page.getByLabel('Name').fill(labeler);
      await page.getByLabel('Password').fill(password);
    }
    await watchForQueue(page);
    const renderer = await rendererPid(page);
    const meters = { host: startMeter(app.pid), renderer: startMeter(renderer) };
    await signInButton.click();
    const times = await timesInPage(page);
    const cost = { host: meters.host(), renderer: meters.renderer() };
    rows.push(times.row);
    painted.push(times.painted);
    shown.push(times.sample);
    console.log(
      `  round ${round}: sign-in answered in ${times.signIn.toFixed(0)} ms; then first row ${times.row.toFixed(0)} ms, painted ${times.painted.toFixed(0)} ms, ` +
        `first sample shown ${times.sample.toFixed(0)} ms; CPU from the click to the sample: host ${cost.host.cpuMs.toFixed(0)} ms (the password check included), ` +
        `renderer ${cost.renderer.cpuMs.toFixed(0)} ms; load average ${cost.host.load}`,
    );
    await page.getByTestId('signed-in-as').filter({ hasText: labeler }).waitFor();
  }
  const note = (values: number[]) => ({ note: `median of ${rounds} rounds (${values.map((v) => v.toFixed(0)).join(', ')} ms)` });
  record("signing in as a labeler: the sign-in's answer to their queue's first row in the page", spread(rows).median, AIM_MS, note(rows));
  record('the same to the frame that paints it', spread(painted).median, AIM_MS, note(painted));
  record("the sign-in's answer to the first sample shown in the editor", spread(shown).median, null, note(shown));

  // For comparison, after the figures above: the whole queue in one answer, as the Label area read it
  // before it paged (only a demo's guided path still asks for it, on a small project).
  await app.call('session.signIn', { method: 'password', name: labeler, password });
  fromNow();
  const whole = startMeter(app.pid);
  const wholeMs = await timed(() => app.call('queue.get', { labelerId }));
  record("queue.get (a labeler's whole queue in one answer)", wholeMs, null, { note: `for comparison; ${costNote(whole())}` });
  return figures;
}

export const benchmark: Benchmark = {
  name: 'label-open',
  summary: "a labeler's sign-in to their queue's first row (and first sample) on a large project: queue.window alone, then in the page",
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        labeler: { type: 'string', default: 'labeler1' },
        password: { type: 'string', default: 'concord-labeler' },
      },
      strict: false,
      allowPositionals: true,
    });
    const rounds = wholeNumberArg(args, 'rounds', 3);
    const { projectDir, figures } = await projectToMeasure(args, 'bbox', 20_000);
    return [...figures, ...(await withWebApp((context) => measure(context, projectDir, String(values.labeler), String(values.password), rounds)))];
  },
};
