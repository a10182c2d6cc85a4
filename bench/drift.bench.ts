// `quality.drift` on a large project, in one run on a copy of its database. Through the web host
// and headless Chromium: `quality.drift` through the API (the first request, then three more) and
// its answer's size, the Agreement area to its headline, and a labeler signing in right after the
// Agreement area, from the sign-in's answer to their queue's first row (then another with nothing
// running before, for comparison; the password's check before each is in its note). Then in
// this process, on one agreement ledger loaded once in the worker, alternately, three times each,
// with the wall time, this process's CPU time (every thread) and the main thread's busy time (what
// a request made meanwhile waits behind): the peer part's answer as JSON with every point (the
// answer before `chartDrift`) against the same as the panel charts it; with `--previous-path`,
// also the path before drift moved to the worker (the whole snapshot, the times read and
// `teamDrift` on this thread).
// Run with `npm run bench -- drift [--samples N | --project DIR] [--password TEXT] [--previous-path]`;
// `--project DIR` measures a project folder instead of the generated one (only its database is copied).
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openConnection } from '../electron/db/connection';
import { getProject } from '../electron/db/queries/project';
import { latestSubmissionTimes } from '../electron/db/queries/submission-times';
import { AgreementTracker } from '../electron/services/agreement-tracker';
import type { AgreementOptions } from '../shared/agreement';
import { chartPackedDrift } from '../shared/quality/drift-chart';
import { withGoldDrift, withPackedGoldDrift } from '../shared/quality/gold-drift';
import { unpackLabeler } from '../shared/quality/packed-drift';
import { teamDrift } from '../shared/quality/team-drift';
import { openApp } from '../test/e2e/helpers/page-api';
import { areaShown, projectToMeasure, signInStep } from './large-project.bench';
import {
  copyProjectDatabase,
  peakResidentMb,
  residentMb,
  resetPeakResident,
  startMeter,
  stepFigures,
  timed,
  withWebApp,
  type BenchContext,
  type Benchmark,
  type Figure,
  type StepCost,
} from './support';

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

/** The paths in this process, on one ledger, alternately. */
async function inProcess(database: string, size: string, previousPath: boolean): Promise<Figure[]> {
  const connection = openConnection(database, { readonly: true });
  const kind = (await getProject(connection.db))!.kind;
  const tracker = new AgreementTracker(connection, kind);
  const figures: Figure[] = [];
  try {
    const loaded = await measured(() => tracker.dashboard(OPTIONS));
    console.log(`  the ledger loaded in the worker: ${loaded.wall.toFixed(0)} ms (load ${loaded.cost.load})`);
    // The first drift request reads the ledger's peer records and computes the drift; the rounds below compare what follows (the answer kept).
    const residentBefore = residentMb(process.pid);
    resetPeakResident(process.pid);
    const first = await measured(() => tracker.drift(OPTIONS));
    console.log(
      `  the first drift request: ${first.wall.toFixed(0)} ms; CPU ${first.cost.cpuMs.toFixed(0)} ms (load ${first.cost.load}); ` +
        `this process resident ${residentBefore.toFixed(0)} → ${residentMb(process.pid).toFixed(0)} MB, peak meanwhile ${peakResidentMb(process.pid).toFixed(0)} MB`,
    );
    // The answer's JSON as the web host writes it, without gold (its half is read apart from the worker's).
    const asJson = (answer: unknown) => JSON.stringify(answer).length;
    const paths: Record<string, () => Promise<number>> = {
      ...(previousPath && {
        'previous path (whole snapshot, times and teamDrift on the main thread)': async () =>
          teamDrift((await tracker.snapshot(OPTIONS)).perSample, await latestSubmissionTimes(connection.db)).length,
      }),
      'drift in the worker, every point, as JSON': async () => asJson(withGoldDrift((await tracker.drift(OPTIONS)).map(unpackLabeler), new Map())),
      'drift in the worker, as charted (chartDrift), as JSON': async () =>
        asJson(chartPackedDrift(withPackedGoldDrift(await tracker.drift(OPTIONS), new Map()))),
    };
    const results = new Map<string, Measured[]>(Object.keys(paths).map((name) => [name, []]));
    const sizes = new Map<string, number>();
    for (let round = 0; round < ROUNDS; round++) {
      // Alternated: A B, then B A, so neither always runs right after the ledger's load.
      const order = round % 2 === 0 ? Object.entries(paths) : Object.entries(paths).reverse();
      for (const [name, run] of order) {
        let size = 0;
        const figure = await measured(async () => (size = await run()));
        sizes.set(name, size);
        results.get(name)!.push(figure);
        console.log(
          `  ${name}, round ${round + 1}: ${figure.wall.toFixed(0)} ms; CPU ${figure.cost.cpuMs.toFixed(0)} ms; main thread busy ${figure.mainBusy.toFixed(0)} ms; load ${figure.cost.load}`,
        );
      }
    }
    for (const [name, rounds] of results) {
      const best = rounds.reduce((x, y) => (y.wall < x.wall ? y : x));
      const json = name.endsWith('as JSON') ? `; ${(sizes.get(name)! / 1e6).toFixed(3)} MB of JSON` : '';
      const note = `best of ${ROUNDS} (first ${rounds[0]!.wall.toFixed(0)} ms); CPU ${best.cost.cpuMs.toFixed(0)} ms, main thread busy ${best.mainBusy.toFixed(0)} ms; load ${best.cost.load}${json}`;
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
  const { figures, step, record } = stepFigures(size, app.pid);
  await app.call('projects.close');
  await app.call('projects.open', { dir: projectDir });
  // The whole computation once, so the figures below are those of a session's later visits.
  await app.call('agreement.project', {});
  record('back end resident memory before the first quality.drift (the ledger kept)', residentMb(app.pid), 500, { unit: 'MB' });
  // The peak from here on is drift's own: the whole computation's is forgotten (`clear_refs` 5 resets VmHWM).
  const peakReset = resetPeakResident(app.pid);
  await step("quality.drift through the API, first (reads the kept ledger's peer records)", null, () => timed(() => app.call('quality.drift', {})));
  record(`back end peak resident memory during the first quality.drift${peakReset ? '' : ' (not reset: the whole run)'}`, peakResidentMb(app.pid), 500, {
    unit: 'MB',
  });
  for (let round = 1; round <= ROUNDS; round++) {
    await step(`quality.drift through the API, again (round ${round})`, null, () => timed(() => app.call('quality.drift', {})));
  }
  record('back end resident memory after the drift requests', residentMb(app.pid), 500, { unit: 'MB' });
  const answer = await app.call('quality.drift', {});
  record("quality.drift's answer as JSON", Buffer.byteLength(JSON.stringify(answer)) / 1e6, null, { unit: 'MB' });
  const { page } = browser;
  await openApp(page, app.url);
  await page.getByTestId('sample-card').first().waitFor({ timeout: 300_000 });
  await step('Agreement area to its headline', 1000, () => areaShown(page, 'Agreement', '[data-testid="headline"]'));
  const first = signInStep('labeler1', password);
  await step("a labeler's sign-in right after the Agreement area, from its answer to their queue's first row", 300, () => first.run(page), {
    note: first.note,
  });
  // The same with nothing before it: the agreement worker's queue is drained first (its requests are answered in order).
  await app.call('quality.drift', {});
  const second = signInStep('labeler2', password);
  await step("another labeler's sign-in with nothing running, from its answer to their queue's first row", 300, () => second.run(page), { note: second.note });
  return figures;
}

export const benchmark: Benchmark = {
  name: 'drift',
  summary: "quality.drift on a large project: over HTTP and its answer's size, every point against as charted, and a sign-in right after the Agreement area",
  async run(args) {
    const { samples, projectDir, figures } = await projectToMeasure(args, 'transcript', 20_000);
    const { values } = parseArgs({
      args,
      options: { password: { type: 'string' }, 'previous-path': { type: 'boolean' } },
      strict: false,
      allowPositionals: true,
    });
    const password = typeof values.password === 'string' ? values.password : 'concord-labeler';
    return withWebApp(async (context) => {
      const copy = copyProjectDatabase(projectDir, join(context.work, 'project'));
      const size = `${samples.toLocaleString('en')} samples`;
      // The host first: opening the copy brings its schema up to date for the reads in this process.
      figures.push(...(await throughTheApp(context, copy, size, password)));
      await context.app.call('projects.close');
      figures.push(...(await inProcess(join(copy, 'concord.db'), size, values['previous-path'] === true)));
      return figures;
    });
  },
};
