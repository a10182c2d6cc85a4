// `quality.drift` on a large project, in one run on a copy of its database. In this process, on
// one agreement ledger loaded once in the worker: the previous path (the worker's whole snapshot,
// the submission times read on this thread, `teamDrift` here) against the current one (drift
// computed in the worker beside the ledger, the times read once per worker), each three times,
// with the wall time, this process's CPU time (every thread) and the main thread's busy time
// (what a request made meanwhile waits behind). Then through the web host and headless
// Chromium: the Agreement area to its headline, `quality.drift` through the API, and a labeler
// signing in right after the Agreement area, to their queue's first row (then another with
// nothing running before, for comparison: both include the password's check).
// Run with `npm run bench -- drift [--samples N | --project DIR] [--password TEXT]`; `--project DIR`
// measures a project folder instead of the generated one (only its database is copied).
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openConnection } from '../electron/db/connection';
import { getProject } from '../electron/db/queries/project';
import { latestSubmissionTimes } from '../electron/db/queries/submission-times';
import { AgreementTracker } from '../electron/services/agreement-tracker';
import type { AgreementOptions } from '../shared/agreement';
import { teamDrift } from '../shared/quality/team-drift';
import { openApp } from '../test/e2e/helpers/page-api';
import { areaShown, projectToMeasure, signPageInAs } from './large-project.bench';
import { copyProjectDatabase, startMeter, stepFigures, timed, withWebApp, type BenchContext, type Benchmark, type Figure, type StepCost } from './support';

/** The options the Agreement area asks drift and the dashboard for (the contract's defaults). */
const OPTIONS: AgreementOptions = { iouThreshold: 0.5, normalize: [] };
const ROUNDS = 3;

interface Measured {
  wall: number;
  cost: StepCost;
  mainBusy: number;
}

/** Wall time, what `run` cost this process (CPU of every thread, load average) and the main thread's busy time over it. */
async function measured(run: () => Promise<unknown>): Promise<Measured> {
  const loop = performance.eventLoopUtilization();
  const cost = startMeter();
  const wall = await timed(run);
  return { wall, cost: cost(), mainBusy: performance.eventLoopUtilization(loop).active };
}

/** Both paths in this process, on one ledger: the previous one and the current one, alternately. */
async function inProcess(database: string, size: string): Promise<Figure[]> {
  const connection = openConnection(database, { readonly: true });
  const kind = (await getProject(connection.db))!.kind;
  const tracker = new AgreementTracker(connection, kind);
  const figures: Figure[] = [];
  try {
    const loaded = await measured(() => tracker.dashboard(OPTIONS));
    console.log(`  the ledger loaded in the worker: ${loaded.wall.toFixed(0)} ms (load ${loaded.cost.load})`);
    const paths: Record<string, () => Promise<unknown>> = {
      'previous path (whole snapshot, times and teamDrift on the main thread)': async () =>
        teamDrift((await tracker.snapshot(OPTIONS)).perSample, await latestSubmissionTimes(connection.db)),
      'drift in the worker': () => tracker.drift(OPTIONS),
    };
    const results = new Map<string, Measured[]>(Object.keys(paths).map((name) => [name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, run] of Object.entries(paths)) {
        const figure = await measured(run);
        results.get(name)!.push(figure);
        console.log(
          `  ${name}, round ${round + 1}: ${figure.wall.toFixed(0)} ms; CPU ${figure.cost.cpuMs.toFixed(0)} ms; main thread busy ${figure.mainBusy.toFixed(0)} ms; load ${figure.cost.load}`,
        );
      }
    }
    for (const [name, rounds] of results) {
      const best = rounds.reduce((x, y) => (y.wall < x.wall ? y : x));
      const note = `best of ${ROUNDS} (first ${rounds[0]!.wall.toFixed(0)} ms); CPU ${best.cost.cpuMs.toFixed(0)} ms, main thread busy ${best.mainBusy.toFixed(0)} ms; load ${best.cost.load}`;
      figures.push({ what: `quality.drift's peer part, ${name}, ${size}`, value: best.wall, unit: 'ms', aim: null, note });
    }
  } finally {
    await tracker.close();
    await connection.close();
  }
  return figures;
}

/** Through the web host: the Agreement area, drift through the API, a sign-in right after the area. */
async function throughTheApp({ app, browser }: BenchContext, projectDir: string, size: string, password: string): Promise<Figure[]> {
  const { figures, step } = stepFigures(size, app.pid);
  await app.call('projects.close');
  await app.call('projects.open', { dir: projectDir });
  // The whole computation once, so the figures below are those of a session's later visits.
  await app.call('agreement.project', {});
  await step('quality.drift through the API, first (reads the submission times)', null, () => timed(() => app.call('quality.drift', {})));
  await step('quality.drift through the API, again', null, () => timed(() => app.call('quality.drift', {})));
  const { page } = browser;
  await openApp(page, app.url);
  await page.getByTestId('sample-card').first().waitFor({ timeout: 300_000 });
  await step('Agreement area to its headline', 1000, () => areaShown(page, 'Agreement', '[data-testid="headline"]'));
  await step("signing in as a labeler right after the Agreement area, to their queue's first row", 300, () => signPageInAs(page, 'labeler1', password));
  // The same with nothing before it: the agreement worker's queue is drained first (its requests are answered in order).
  await app.call('quality.drift', {});
  await step("signing in as another labeler with nothing running, to their queue's first row", 300, () => signPageInAs(page, 'labeler2', password));
  return figures;
}

export const benchmark: Benchmark = {
  name: 'drift',
  summary: 'quality.drift on a large project: the previous path against drift in the worker, and a sign-in right after the Agreement area',
  async run(args) {
    const { samples, projectDir, figures } = await projectToMeasure(args, 'transcript', 20_000);
    const { values } = parseArgs({ args, options: { password: { type: 'string' } }, strict: false, allowPositionals: true });
    const password = typeof values.password === 'string' ? values.password : 'concord-labeler';
    return withWebApp(async (context) => {
      const copy = copyProjectDatabase(projectDir, join(context.work, 'project'));
      const size = `${samples.toLocaleString('en')} samples`;
      // The host first: opening the copy brings its schema up to date for the reads in this process.
      figures.push(...(await throughTheApp(context, copy, size, password)));
      await context.app.call('projects.close');
      figures.push(...(await inProcess(join(copy, 'concord.db'), size)));
      return figures;
    });
  },
};
