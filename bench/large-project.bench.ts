// The issue's aims on a large generated project: 100,000 images × 3 labelers × ~5 boxes (or
// `--kind transcript`, 20,000 clips × 3 labelers; `--samples N` for another size). The project
// is made by make-project the first time and kept in the temporary folder for later runs (each
// run adds a dataset version and one resubmission to it); `--project DIR` measures a copy of DIR's
// database instead (its size given by --samples), leaving DIR as it was. Measured through the API as the UI
// calls it and in headless Chromium: opening the project and its first screen; the first rows of
// Samples, a labeler's queue and the Review queue; the agreement dashboard (whole project, then
// from the kept ledgers, then after one submission); a dataset version with its COCO and YOLO
// exports (JSONL for transcripts); the back end's and the renderer's memory.
// Run with `npm run bench -- large-project [--kind bbox|transcript] [--samples N] [--project DIR]`.
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { makeProject } from '../electron/generate/make-project';
import { openApp } from '../test/e2e/helpers/page-api';
import { cpuMs, diskFloorSeconds, oneMinuteLoad, peakResidentMb, timed, withWebApp, type BenchContext, type Benchmark, type Figure } from './support';

const LABELERS = 3;
const BOXES = 5;
const SEED = 1;
const PASSWORD = 'concord-labeler';

/** Where a generated project of these options is kept between runs. */
function keptProject(kind: 'bbox' | 'transcript', samples: number) {
  const root = join(tmpdir(), 'concord-bench-projects', `${kind}-${samples}x${LABELERS}x${kind === 'bbox' ? BOXES : 0}-seed${SEED}`);
  return { root, out: join(root, 'generated'), projectDir: join(root, 'generated', 'project'), dataDir: join(root, 'app-data') };
}

export async function ensureProject(kind: 'bbox' | 'transcript', samples: number): Promise<{ kept: ReturnType<typeof keptProject>; figures: Figure[] }> {
  const kept = keptProject(kind, samples);
  if (existsSync(join(kept.projectDir, 'concord.db')) && existsSync(join(kept.root, 'complete'))) {
    console.log(`Reusing the generated project in ${kept.root}`);
    return { kept, figures: [] };
  }
  rmSync(kept.root, { recursive: true, force: true });
  console.log(
    `Generating ${samples.toLocaleString('en')} ${kind === 'bbox' ? 'images' : 'clips'} × ${LABELERS} labelers in ${kept.root} (kept for later runs)...`,
  );
  const made = await makeProject({ kind, samples, labelers: LABELERS, boxes: BOXES, seed: SEED, out: kept.out, dataDir: kept.dataDir, password: PASSWORD });
  // Marks the project whole: an interrupted generation is made again rather than measured.
  writeFileSync(join(kept.root, 'complete'), '');
  const { media, import: imported, annotations } = made.seconds;
  console.log(`  media ${media.toFixed(0)} s, import ${imported.toFixed(0)} s, annotations ${annotations.toFixed(0)} s`);
  const size = samples.toLocaleString('en');
  return {
    kept,
    figures: [
      { what: `make-project: media for ${size} samples`, value: media, unit: 's', aim: null },
      { what: `make-project: their import`, value: imported, unit: 's', aim: null, note: `${(samples / imported).toFixed(0)} files/s` },
      { what: `make-project: ${made.annotations.toLocaleString('en')} submitted annotations`, value: annotations, unit: 's', aim: null },
    ],
  };
}

/** Milliseconds from clicking an area's link to the first element matching `selector`. */
export async function areaShown(page: Page, area: string, selector: string): Promise<number> {
  const start = performance.now();
  await page.getByRole('link', { name: area, exact: true }).click();
  await page.locator(selector).first().waitFor({ timeout: 300_000 });
  return performance.now() - start;
}

/** Signs the page in as a labeler through the sign-in screen; milliseconds from "Sign in" to their queue's first row. */
export async function signPageInAs(page: Page, name: string, password = PASSWORD): Promise<number> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  // The sign-in form itself: until the sign-out's answer, the screen left may have a "Name" field of its own.
  const form = page.getByRole('form', { name: /^Sign in to / });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Password').fill(password);
  const start = performance.now();
  await form.getByRole('button', { name: 'Sign in', exact: true }).click();
  // A labeler starts in their queue.
  await page.locator('.queue-item').first().waitFor({ timeout: 300_000 });
  const shown = performance.now() - start;
  await page.getByTestId('signed-in-as').filter({ hasText: name }).waitFor();
  return shown;
}

async function measure({ work, app, browser }: BenchContext, kind: 'bbox' | 'transcript', projectDir: string, samples: number): Promise<Figure[]> {
  const size = `${samples.toLocaleString('en')} ${kind === 'bbox' ? 'images' : 'clips'}`;
  const figures: Figure[] = [];
  // Each figure notes the back end's CPU time during it and the load average after it, so the
  // machine's share can be told from the code's on these shared cores.
  let cpuAtStart: number | null = null;
  const measured = async (run: () => Promise<number>): Promise<number> => {
    cpuAtStart = cpuMs(app.pid);
    return run();
  };
  const record = (what: string, value: number, unit: Figure['unit'], aim: number | null, given?: string) => {
    const cpu = cpuAtStart === null ? '' : `back end CPU ${cpuMs(app.pid) - cpuAtStart} ms, `;
    cpuAtStart = null;
    const note = [given, `${cpu}load ${oneMinuteLoad()}`].filter(Boolean).join('; ');
    console.log(
      `  ${what}: ${value.toFixed(unit === 'ms' ? 0 : 2)} ${unit}${aim === null ? '' : ` (${(value / aim).toFixed(2)}× the aim of ${aim} ${unit})`}${note ? `; ${note}` : ''}`,
    );
    figures.push({ what: `${what}, ${size}`, value, unit, aim, ...(note ? { note } : {}) });
  };
  const call = <T>(name: string, arg: unknown = {}) => app.call<T>(name, arg);

  // The host reopened the most recent project at start; measure opening it anew.
  await call('projects.close');
  record('projects.open', await measured(() => timed(() => call('projects.open', { dir: projectDir }))), 'ms', 1000);

  const { page } = browser;
  const firstScreen = await measured(async () => {
    const start = performance.now();
    await openApp(page, app.url);
    await page.getByTestId('sample-card').first().waitFor({ timeout: 300_000 });
    return performance.now() - start;
  });
  record('loading the app to its first screen (Samples, as the owner)', firstScreen, 'ms', 1000);

  record('samples.list, first 100 rows', await measured(() => timed(() => call('samples.list', { limit: 100 }))), 'ms', 300);
  const review = await measured(() => timed(() => call('review.queue', {})));
  record('review.queue, first page (the first request loads the queue into the worker)', review, 'ms', 300, 'the lists benchmark times its pages');
  record('Review area to its first row', await measured(() => areaShown(page, 'Review', '.review-item')), 'ms', 300);

  let agreement = await measured(() => timed(() => call('agreement.project', {})));
  record('agreement.project, whole project (reads every submission, computes in the worker)', agreement, 'ms', samples <= 10_000 ? 1000 : 10_000);
  agreement = await measured(() => timed(() => call('agreement.project', {})));
  record('agreement.project again, from the kept ledgers', agreement, 'ms', 1000);
  record('Agreement area to its headline', await measured(() => areaShown(page, 'Agreement', '[data-testid="headline"]')), 'ms', 1000);

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heapOf = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize')!.value / 2 ** 20;
  let rendererPeak = await heapOf();

  // A labeler: their queue, and one resubmission, then the dashboard's figures again.
  record("signing in as a labeler to their queue's first row", await measured(() => signPageInAs(page, 'labeler1')), 'ms', 300);
  const labelers = await call<Array<{ id: number; name: string }>>('labelers.list');
  const labelerId = labelers.find((l) => l.name === 'labeler1')!.id;
  await call('session.signIn', { method: 'password', name: 'labeler1', password: PASSWORD });
  const queue = await measured(() => timed(() => call('queue.get', { labelerId })));
  record("queue.get (a labeler's whole queue in one answer)", queue, 'ms', 300);
  rendererPeak = Math.max(rendererPeak, await heapOf());
  const mine = await call<{ revision: number; payload: unknown }>('annotations.mine', { labelerId, sampleId: 1 });
  const save = await measured(() =>
    timed(() => call('annotations.save', { labelerId, sampleId: 1, payload: mine.payload, status: 'submitted', baseRevision: mine.revision })),
  );
  record('one submission: annotations.save', save, 'ms', null);
  await call('session.signIn', { method: 'owner' });
  const afterSubmission = await measured(() => timed(() => call('agreement.project', {})));
  record(
    'agreement.project right after it (the incremental update and the whole snapshot)',
    afterSubmission,
    'ms',
    20,
    'the ledger update alone is in the metrics benchmark',
  );

  // A dataset version and its exports, as an engineer would make them (the owner is an admin).
  const version = await measured(() => timed(() => call('datasets.create', { unresolved: 'flag' })));
  const versions = await call<Array<{ version: number; counts: Record<string, number> }>>('datasets.list');
  const latest = versions.at(-1)!;
  const items = Object.values(latest.counts).reduce((a, b) => a + b, 0);
  // COCO for boxes; transcripts have no COCO, so their version is written as JSONL.
  const format = kind === 'bbox' ? 'coco' : 'jsonl';
  const written = await timed(() => call('datasets.export', { version: latest.version, format, outDir: join(work, format) }));
  const versionNote = `${(version / 1000).toFixed(1)} s for the version, ${items.toLocaleString('en')} items`;
  record(`dataset version + ${format.toUpperCase()} export`, (version + written) / 1000, 's', 10, versionNote);
  if (kind === 'bbox') {
    const yolo = (await measured(() => timed(() => call('datasets.export', { version: latest.version, format: 'yolo', outDir: join(work, 'yolo') })))) / 1000;
    const floor = await diskFloorSeconds(join(work, 'yolo'), join(work, 'yolo-floor'));
    record('YOLO export against the disk creating its files alone', yolo / floor, '×', 1.2, `${yolo.toFixed(1)} s against ${floor.toFixed(1)} s in this run`);
  }

  record('back end peak resident memory', peakResidentMb(app.pid), 'MB', 500);
  record('renderer JS heap, largest seen (Samples, Review, Agreement, Label)', rendererPeak, 'MB', 300, 'the JS heap, not the whole renderer process');
  return figures;
}

export const benchmark: Benchmark = {
  name: 'large-project',
  summary: "the issue's aims on a generated project of 100,000 images × 3 labelers (or 20,000 clips)",
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { kind: { type: 'string', default: 'bbox' }, samples: { type: 'string' }, project: { type: 'string' } },
      strict: false,
      allowPositionals: true,
    });
    const kind = values.kind === 'transcript' ? 'transcript' : 'bbox';
    const samples = Number(values.samples ?? (kind === 'bbox' ? 100_000 : 20_000));
    if (!Number.isInteger(samples) || samples < 1) throw new Error(`--samples must be a positive whole number, not ${String(values.samples)}`);
    if (typeof values.project === 'string') {
      // A copy of the named project's database in a fresh app: its kept ledger and recent list stay untouched.
      const source = resolve(values.project);
      return withWebApp((context) => {
        const copy = join(context.work, 'project');
        mkdirSync(copy);
        copyFileSync(join(source, 'concord.db'), join(copy, 'concord.db'));
        return measure(context, kind, copy, samples);
      });
    }
    const { kept, figures } = await ensureProject(kind, samples);
    return [...figures, ...(await withWebApp((context) => measure(context, kind, kept.projectDir, samples), kept.dataDir))];
  },
};
