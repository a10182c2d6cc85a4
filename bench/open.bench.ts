// Opening a large project, in one run on a copy of it: `projects.open` the first time (SQLite's
// integrity check, which reads every page, runs in a worker beside the open project), the owner's
// sign-in meanwhile and the first write (which waits for the check), the check alone as the open
// used to wait for it, and the open
// again after a clean close (the file is the one its stamp names: no check), with the back end's
// CPU time; unless `--opens-only`, the app loaded to its first screen (Samples, as the owner); the
// Label, Review and Agreement areas (the copy has no kept ledger: the Agreement area waits for the
// whole computation), with the calls each step made and the back end's peak through the Agreement
// area and Samples after it; a labeler's password sign-in alone and through the page to their
// queue's first row; and the renderer process's resident memory after all of these.
// Run with `npm run bench -- open [--project DIR] [--labeler NAME --password TEXT] [--opens-only]`; the project
// defaults to the 100,000 × 3 one large-project generates and keeps (generated first if missing), which
// stays as it is (only its database is copied).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page, Request } from 'playwright-core';
import { inspectDatabase } from '../electron/db/inspect-database';
import { openApp } from '../test/e2e/helpers/page-api';
import { firstScreenStep } from './first-card';
import { areaShown, projectToMeasure, signInStep } from './large-project.bench';
import {
  copyProjectDatabase,
  costNote,
  integrityCheckEnded,
  loadAverage,
  peakResidentMb,
  resetPeakResident,
  residentMb,
  startMeter,
  stepFigures,
  timed,
  withWebApp,
  type BenchContext,
  type Benchmark,
  type Figure,
} from './support';

/** The page's renderer process: of this browser's renderers, the one holding the most memory. */
async function rendererOf(page: Page): Promise<{ pid: number; now: number; peak: number; heap: number }> {
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser to ask for its processes');
  const session = await browser.newBrowserCDPSession();
  const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; id: number }> };
  await session.detach();
  const renderers = processInfo.filter((p) => p.type === 'renderer').map((p) => ({ pid: p.id, now: residentMb(p.id), peak: peakResidentMb(p.id) }));
  const largest = renderers.sort((a, b) => b.now - a.now)[0]!;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heap = (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize')!.value / 2 ** 20;
  await cdp.detach();
  return { ...largest, heap };
}

async function measure({ work, app, browser }: BenchContext, source: string, labeler: string, password: string, opensOnly: boolean): Promise<Figure[]> {
  const { figures, step, record, fromNow } = stepFigures(null, app.pid);
  const project = copyProjectDatabase(source, join(work, 'project'));
  const samples = (await app.call<{ sampleCount: number }>('projects.open', { dir: project })).sampleCount;
  await app.call('projects.close');
  // That open (which also upgrades an older schema) may have stamped the copy: forget it, as a copy made by hand has none.
  rmSync(join(project, 'cache', 'database-checked.json'), { force: true });
  console.log(`${samples.toLocaleString('en')} samples; load average ${loadAverage()} at the start`);

  /** `projects.open` through the host, with the host's CPU time for it. */
  const open = async (what: string) => {
    await app.call('projects.close');
    await step(what, 1000, () => timed(() => app.call('projects.open', { dir: project })));
  };
  // The copy has no stamp yet: its first open checks every page, as after a crash or a copy, in
  // a worker beside the open project; the owner's sign-in answers meanwhile, the first write waits for the check.
  await app.call('projects.close');
  fromNow();
  const both = startMeter(app.pid);
  const openStart = performance.now();
  await app.call('projects.open', { dir: project });
  const opened = performance.now() - openStart;
  await app.call('session.signIn', { method: 'owner' });
  const signedIn = performance.now() - openStart;
  await integrityCheckEnded(app);
  const written = performance.now() - openStart;
  const note = `the back end's CPU for all three (the worker's included): ${both().cpuMs.toFixed(0)} ms`;
  record('projects.open, first open of a copy (integrity check in the background)', opened, 1000, { note });
  record("the owner's sign-in during the check, from the open", signedIn, null);
  record('the first write (a sign-out), which waits for the check, from the open', written, null);
  // What the open waited for before: the same check alone, in this process, same run.
  await app.call('projects.close');
  const check = startMeter();
  const checked = await timed(async () => inspectDatabase(join(project, 'concord.db')));
  record('the integrity check alone (what the first open waited for before)', checked, null, { note: costNote(check(), 'this process') });
  await open('projects.open after a clean close (stamp: no check)');
  await open('projects.open after a clean close, again');
  if (opensOnly) return figures;

  const signIn = () => app.call('session.signIn', { method: 'password', name: labeler, password });
  await step(`session.signIn as ${labeler} (password hashing), at rest`, null, () => timed(signIn));
  await app.call('session.signIn', { method: 'owner' });

  const { page } = browser;
  /** Runs `work`, then prints which calls it made and how long each took, from the step's start (for profiling). */
  const withCalls = async <T>(work: () => Promise<T>): Promise<T> => {
    const calls: string[] = [];
    const start = performance.now();
    const onCall = (request: Request) => {
      const path = new URL(request.url()).pathname;
      const ended = performance.now() - start;
      if (path.startsWith('/api/call/')) calls.push(`${path.slice(10)} ${request.timing().responseEnd.toFixed(0)} ms (ended at ${ended.toFixed(0)} ms)`);
    };
    page.on('requestfinished', onCall);
    try {
      return await work();
    } finally {
      page.off('requestfinished', onCall);
      console.log(`    its calls: ${calls.join(', ')}`);
    }
  };
  const firstScreen = firstScreenStep(page, app.url);
  await step('loading the app to its first screen (Samples, as the owner)', 1000, firstScreen.run, { note: firstScreen.note });
  const afterFirstScreen = await rendererOf(page);
  console.log(`    renderer after the first screen: ${afterFirstScreen.now.toFixed(0)} MB resident, JS heap ${afterFirstScreen.heap.toFixed(0)} MB`);

  // A labeler signs in on the page as the owner left it (before the areas that load whole-project figures).
  const signingIn = signInStep(labeler, password);
  await step("a labeler's sign-in, from its answer to their queue's first row", 300, () => signingIn.run(page), { note: signingIn.note });

  // The owner again (the address's key, without the labeler's session), through the areas.
  await page.evaluate(() => sessionStorage.removeItem('concord.session'));
  await openApp(page, app.url);
  await page.getByTestId('sample-card').first().waitFor({ timeout: 300_000 });
  await step('Review area to its first row', 300, () => areaShown(page, 'Review', '.review-item'));
  // The back end's peak from here: the Agreement area's first whole computation and what follows it.
  const peakReset = resetPeakResident(app.pid);
  const driftAnswered = page.waitForResponse((response) => response.url().endsWith('/api/call/quality.drift'), { timeout: 300_000 });
  // The copy has no kept ledger: the headline waits for the whole computation (aim 1 s up to 10,000
  // samples, 10 s above; opening it again from the kept ledger, the 1 s aim, is `agreement-open`'s).
  await step('Agreement area to its headline: the whole computation (no kept ledger)', samples <= 10_000 ? 1000 : 10_000, () =>
    withCalls(() => areaShown(page, 'Agreement', '[data-testid="headline"]')),
  );
  await step('Samples area to its first card, after Agreement', 300, () => withCalls(() => areaShown(page, 'Samples', '[data-testid="sample-card"]')));
  // Drift, the Agreement area's last answer, may come after the first card: the peak counts it.
  await driftAnswered;
  if (peakReset)
    record("the back end's peak resident memory through the Agreement area's first computation and Samples", peakResidentMb(app.pid), 500, { unit: 'MB' });
  await step(`session.signIn as ${labeler} again, after the areas`, null, () => timed(signIn));

  const renderer = await rendererOf(page);
  record('renderer process resident memory after Samples, Label, Review and Agreement', renderer.now, 300, {
    unit: 'MB',
    note: `JS heap ${renderer.heap.toFixed(0)} MB`,
  });
  record('renderer process peak resident memory (VmHWM)', renderer.peak, 300, { unit: 'MB' });
  console.log(`load average ${loadAverage()} at the end`);
  return figures;
}

export const benchmark: Benchmark = {
  name: 'open',
  summary: 'opening a large project: projects.open, the first screen, a labeler to their first row, the renderer process memory',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        labeler: { type: 'string', default: 'labeler1' },
        password: { type: 'string', default: 'concord-labeler' },
        'opens-only': { type: 'boolean', default: false },
      },
      strict: false,
      allowPositionals: true,
    });
    // --project DIR, or the 100,000-image project large-project generates and keeps (made first on a fresh machine).
    const { projectDir, figures } = await projectToMeasure(args, 'bbox', 100_000);
    const measured = await withWebApp((context) =>
      measure(context, projectDir, String(values.labeler), String(values.password), values['opens-only'] === true),
    );
    return [...figures, ...measured];
  },
};
