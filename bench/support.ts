import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { symlink } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { openBrowser, type Browser } from '../test/support/browser';
import { startWebApp, type RunningWebApp } from '../test/support/web-app';
import { signInAsNewAccount } from '../test/e2e/helpers/account-page';
import { openApp } from '../test/e2e/helpers/page-api';

/** One measured figure and the aim it is held against (benchmarks report; they never fail on timing). */
export interface Figure {
  /** What was measured, e.g. "COCO export, 100,000 images". */
  what: string;
  value: number;
  unit: 'ms' | 's' | 'MB' | '×' | '/s' | 'count';
  /** The most the figure should be, in its unit; null when it is reported without an aim. */
  aim: number | null;
  /** What it was compared with in the same run, or why there is no comparison. */
  note?: string;
}

export interface Benchmark {
  /** What `npm run bench -- <name>` calls it. */
  name: string;
  /** One line on what it measures, for the runner's list. */
  summary: string;
  /** Measures, printing its details as it goes, and returns its figures. `args` are the options after the names. */
  run(args: string[]): Promise<Figure[]>;
}

export interface BenchContext {
  /** A scratch folder removed when the benchmark ends. */
  work: string;
  app: RunningWebApp;
  browser: Browser;
}

/**
 * Runs a benchmark's body against the built web host (with its own settings folder, unless
 * given one) and headless Chromium, and cleans up whatever happens.
 */
export async function withWebApp<T>(body: (context: BenchContext) => Promise<T>, dataDir?: string): Promise<T> {
  const work = mkdtempSync(join(tmpdir(), 'concord-bench-'));
  let app: RunningWebApp | undefined;
  let browser: Browser | undefined;
  try {
    app = await startWebApp(dataDir ?? join(work, 'app-data'));
    browser = await openBrowser();
    return await body({ work, app, browser });
  } finally {
    await browser?.close();
    await app?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

export async function importAndWait(app: RunningWebApp, source: string): Promise<void> {
  const { jobId } = await app.call<{ jobId: string }>('imports.start', { source });
  while ((await app.call<{ finishedAt: string | null }>('imports.get', { jobId })).finishedAt === null) await new Promise((r) => setTimeout(r, 100));
}

/**
 * Waits until the open project's integrity check has ended (it runs beside a copied project's
 * first open): signing in does not wait for it, but signing out deletes a row, and every write
 * waits. The host's script signs in again as the owner on its next call.
 */
export async function integrityCheckEnded(app: RunningWebApp): Promise<void> {
  await app.call('session.signIn', { method: 'owner' });
  await app.call('session.signOut');
}

/**
 * Makes a labeler account and signs both the page (through the sign-in screen) and the host's
 * script in as that person, since only a labeler may save their own work and read their queue.
 */
export async function signInAsLabeler(page: Page, app: RunningWebApp, name: string): Promise<number> {
  await openApp(page, app.url);
  await page.getByTestId('signed-in-as').waitFor();
  await signInAsNewAccount(page, app, name);
  const labeler = (await app.call<Array<{ id: number; name: string }>>('labelers.list')).find((l) => l.name === name)!;
  await app.call('session.signIn', { method: 'password', name, password: `${name}'s long password` });
  return labeler.id;
}

/**
 * Copies a project's database alone into a new folder `into`, to measure there: opening a project
 * migrates it and measuring may change it, and its cache folder (kept ledgers, queues) stays behind.
 * @example const copy = copyProjectDatabase(projectDir, join(work, 'project'));
 */
export function copyProjectDatabase(projectDir: string, into: string): string {
  mkdirSync(into);
  copyFileSync(join(projectDir, 'concord.db'), join(into, 'concord.db'));
  return into;
}

/**
 * Copies a project folder into a new folder `into`, as a person copying it would have it: the
 * database and its cache's files (kept ledgers and queues) copied, its cache's folders
 * (thumbnails, written once under their content's hash and never changed) hard-linked file by
 * file, as copying 100,000 of them would take minutes. The integrity check's stamp stays behind:
 * it names the original file, and a copy is checked on its first open.
 * @example const copy = copyProjectFolder(kept.projectDir, join(work, 'project'));
 */
export function copyProjectFolder(projectDir: string, into: string): string {
  copyProjectDatabase(projectDir, into);
  const cache = join(projectDir, 'cache');
  if (!existsSync(cache)) return into;
  mkdirSync(join(into, 'cache'));
  for (const entry of readdirSync(cache, { withFileTypes: true })) {
    if (entry.name === 'database-checked.json') continue;
    const from = join(cache, entry.name);
    const to = join(into, 'cache', entry.name);
    if (entry.isFile()) copyFileSync(from, to);
    else if (entry.isDirectory()) linkFilesUnder(from, to);
  }
  return into;
}

/** Makes `to` hold the files under `from`, each hard-linked, its folders made anew. */
function linkFilesUnder(from: string, to: string): void {
  mkdirSync(to);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) linkFilesUnder(join(from, entry.name), join(to, entry.name));
    else if (entry.isFile()) linkSync(join(from, entry.name), join(to, entry.name));
  }
}

/** Runs `body` with a scratch folder, removed afterwards whatever happens. */
export async function withScratch<T>(body: (work: string) => Promise<T>): Promise<T> {
  const work = mkdtempSync(join(tmpdir(), 'concord-bench-'));
  try {
    return await body(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Median, 95th percentile and maximum of some timings. */
export function spread(values: readonly number[]): { median: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]! };
}

/** Milliseconds one call of `run` takes. */
export async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** When a click showed something, by the page's clock (milliseconds since it loaded). */
export interface PaintedAfterClick {
  clickedAt: number;
  /** The start of the first animation frame after what the click showed entered the document. */
  drawnAt: number;
}

/**
 * Clicks `target` and waits for the first frame that draws an element matching `selector`, both
 * read by the page's own clock: the click's event time, and the start of the animation frame
 * after the element entered the document (a frame the page's thread is free to draw).
 * Playwright's own wait polls the page from outside, and its answer waits while the page's thread
 * is busy after that frame (fetching and compiling the next part's code): up to half a second
 * more than the person had already seen. What it saw is logged beside. The page's resource
 * timings are cleared first, so the requests the click made are found among them.
 */
export async function clickToPainted(page: Page, target: Locator, selector: string): Promise<PaintedAfterClick> {
  const waiting = await page.evaluate((selector) => {
    if (document.querySelector(selector)) return false;
    performance.clearResourceTimings();
    const painted = new Promise<{ clickedAt: number; drawnAt: number }>((resolve) => {
      let clickedAt: number | null = null;
      // Inline, not a named function: the bench's transpiler would wrap a name in a helper the page lacks.
      document.addEventListener('click', (event) => (clickedAt = event.timeStamp), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (clickedAt === null || !document.querySelector(selector)) return;
        observer.disconnect();
        const from = clickedAt;
        requestAnimationFrame((frame) => resolve({ clickedAt: from, drawnAt: frame }));
      });
      observer.observe(document, { subtree: true, childList: true, attributes: true });
    });
    (window as unknown as { concordPainted: Promise<PaintedAfterClick> }).concordPainted = painted;
    return true;
  }, selector);
  // Already there before the click: the click would show nothing new, and the figure would mean nothing.
  if (!waiting) throw new Error(`${selector} is on the page before the click`);
  const start = performance.now();
  await target.click();
  await page.locator(selector).first().waitFor({ timeout: 300_000 });
  const seen = performance.now() - start;
  const painted = await page.evaluate(() => (window as unknown as { concordPainted: Promise<PaintedAfterClick> }).concordPainted);
  console.log(`    ${selector}: drawn ${(painted.drawnAt - painted.clickedAt).toFixed(0)} ms after the click; Playwright saw it after ${seen.toFixed(0)} ms`);
  return painted;
}

/** When the page last received the answer to the API operation `name` (by its clock), or null when it made no such request since its timings were cleared. */
export async function answeredAt(page: Page, name: string): Promise<number | null> {
  return page.evaluate(
    (path) =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) => new URL(entry.name).pathname === path).at(-1)?.responseEnd ??
      null,
    `/api/call/${name}`,
  );
}

/** Milliseconds of the fastest of three calls of `run`: the machine is shared, and a list is read many times. */
export async function bestOfThree(run: () => Promise<unknown>): Promise<number> {
  return Math.min(await timed(run), await timed(run), await timed(run));
}

/** What a step cost one process, and the machine's load around it, so the code's share can be told from a busy machine's. */
export interface StepCost {
  /** CPU time the process used over the step (user + system, every thread), in ms. */
  cpuMs: number;
  /** The process's resident memory at the step's end (VmRSS), in MB. */
  residentMb: number;
  /** The 1-minute load average at the step's start and end, e.g. "1.2 → 1.5". */
  load: string;
}

/**
 * Starts measuring process `pid` (this one, its thread pool included, by default): the function
 * returned tells what it has cost since.
 * @example const cost = startMeter(app.pid); await app.call('projects.open', { dir }); console.log(`${cost().cpuMs} ms of CPU`);
 */
export function startMeter(pid = process.pid): () => StepCost {
  const cpuOf = () => (pid === process.pid ? processCpuMs() : cpuMs(pid));
  const [cpu, load] = [cpuOf(), oneMinuteLoad()];
  return () => ({ cpuMs: cpuOf() - cpu, residentMb: residentMb(pid), load: `${load} → ${oneMinuteLoad()}` });
}

/**
 * What a step cost its process, for a figure's note (the load average apart, as a figure notes it already).
 * @example costNote({ cpuMs: 340, residentMb: 212, load: '1.2 → 1.5' }) // "back end CPU 340 ms, resident 212 MB"
 */
export function costNote(cost: StepCost, who = 'back end'): string {
  return `${who} CPU ${cost.cpuMs.toFixed(0)} ms, resident ${cost.residentMb.toFixed(0)} MB`;
}

/** A figure's unit and what it was compared with, besides what `stepFigures` notes itself; a note that needs the figure or what the step found is a function. */
interface FigureExtra {
  unit?: Figure['unit'];
  note?: string | ((value: number) => string);
}

/**
 * A benchmark's figures, each printed as it is taken, named with the project's size (unless
 * null). `step` times one step, whose figure `run` returns (`timed(…)`, `areaShown(…)`,
 * `bestOfThree(…)`: ms unless a unit is given), and notes what it cost process `pid` (the back
 * end's; a function where the process is started again) with the load average over it. `record`
 * adds a figure measured otherwise, noted with the load average since the figure before (or since
 * `fromNow()`, after steps that are not measured). With `stepPeaks`, each step also notes the
 * process's peak resident memory over it (its peak is reset as the step starts), and `peakMb()`
 * gives the peak over the whole run: where a memory aim is missed, the step that took it there.
 * @example const { figures, step } = stepFigures('20,000 images', app.pid); await step('projects.open', 1000, () => timed(open));
 */
export function stepFigures(size: string | null, pid: number | (() => number), { stepPeaks = false } = {}) {
  const figures: Figure[] = [];
  const pidNow = typeof pid === 'number' ? () => pid : pid;
  // The peak before the last reset: what the steps and the time between them reached.
  let peakBefore = 0;
  const startPeak = (): boolean => {
    if (!stepPeaks) return false;
    peakBefore = Math.max(peakBefore, peakResidentMb(pidNow()));
    return resetPeakResident(pidNow());
  };
  let loadBefore = oneMinuteLoad();
  const add = (what: string, value: number, aim: number | null, unit: Figure['unit'], notes: Array<string | undefined>) => {
    const note = notes.filter(Boolean).join('; ');
    const shown = `${value.toFixed(unit === 'ms' ? 0 : 2)} ${unit}`;
    console.log(`  ${what}: ${shown}${aim === null ? '' : ` (${(value / aim).toFixed(2)}× the aim of ${aim} ${unit})`}${note ? `; ${note}` : ''}`);
    figures.push({ what: size === null ? what : `${what}, ${size}`, value, unit, aim, ...(note ? { note } : {}) });
    loadBefore = oneMinuteLoad();
  };
  const noteOf = (extra: FigureExtra, value: number) => (typeof extra.note === 'function' ? extra.note(value) : extra.note);
  return {
    figures,
    async step(what: string, aim: number | null, run: () => Promise<number>, extra: FigureExtra = {}): Promise<number> {
      const peakReset = startPeak();
      const meter = startMeter(pidNow());
      const value = await run();
      const cost = meter();
      const peak = peakReset ? `, peak ${peakResidentMb(pidNow()).toFixed(0)} MB over the step` : '';
      add(what, value, aim, extra.unit ?? 'ms', [noteOf(extra, value), `load average ${cost.load}`, costNote(cost) + peak]);
      return value;
    },
    /** The process's peak resident memory since it started (with `stepPeaks`, over every step's reset), in MB. */
    peakMb(): number {
      return Math.max(peakBefore, peakResidentMb(pidNow()));
    },
    record(what: string, value: number, aim: number | null, extra: FigureExtra = {}): void {
      add(what, value, aim, extra.unit ?? 'ms', [noteOf(extra, value), `load average ${loadBefore} → ${oneMinuteLoad()}`]);
    },
    /** Starts the next recorded figure's load average now, after a step that is not measured. */
    fromNow(): void {
      loadBefore = oneMinuteLoad();
    },
  };
}

/** The wall and CPU seconds (this process, its thread pool included) the disk took to create an export's files alone. */
export interface DiskFloor {
  seconds: number;
  cpuSeconds: number;
}

/**
 * Seconds this disk takes just to create the files an export made, and nothing else, the way the
 * export makes them: the same folders; a hard link for each of its hard-linked media (to the
 * export's own name for that file, the same inode) and each of its own files (with the same
 * bytes, `writeFileSync`), one after another on this thread in 8 ms slices, in the order the
 * export made them (`exportOrder`); its symbolic links (with the same targets) 32 at a time
 * through the thread pool; into a hidden folder renamed into place as the export's is. What the
 * export holds is read before the clock starts. No fsync, as the export. The export's final check
 * (reading its folder back) is not the disk creating files, so the floor does not repeat it: it
 * stays in the export's time, as its own cost. One thread makes every file, though a large export
 * makes most of its own in a worker thread while its main thread formats the next: the aim is
 * against the disk's time to create the files, which one thread making them plainly measures; the
 * export's second thread hides the export's own CPU behind the disk's, it does not make the disk
 * faster.
 */
export async function diskFloorSeconds(exportDir: string, floorDir: string): Promise<number> {
  return (await diskFloor(exportDir, floorDir)).seconds;
}

/** `diskFloorSeconds` with the CPU time of the timed part alone (not of reading the export first). */
export async function diskFloor(exportDir: string, floorDir: string): Promise<DiskFloor> {
  const folders: string[] = [];
  const files: { path: string; hardLink?: string; link?: string; content?: Buffer }[] = [];
  for (const entry of readdirSync(exportDir, { recursive: true, withFileTypes: true })) {
    const path = relative(exportDir, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (entry.isDirectory()) folders.push(path);
    else if (entry.isSymbolicLink()) files.push({ path, link: readlinkSync(join(exportDir, path)) });
    // A media file the export hard-linked has another name in the project; its own label and JSON files have one.
    else if (statSync(join(exportDir, path)).nlink > 1) files.push({ path, hardLink: join(exportDir, path) });
    else files.push({ path, content: readFileSync(join(exportDir, path)) });
  }
  // Parents before children, as the export makes them.
  folders.sort((a, b) => a.length - b.length);
  const order = exportOrder(files.map((file) => file.path));
  files.sort((a, b) => order.get(a.path)! - order.get(b.path)!);
  const hidden = join(dirname(floorDir), `.floor-${basename(floorDir)}`);
  const running = new Set<Promise<void>>();
  // Woken one per finished file, as the export's own pool does: a race over all 32 would cost the floor CPU of its own.
  const waiting: (() => void)[] = [];
  const cpuBefore = processCpuMs();
  const start = performance.now();
  let sliceStart = start;
  mkdirSync(hidden);
  for (const folder of folders) mkdirSync(join(hidden, folder));
  for (const file of files) {
    const to = join(hidden, file.path);
    if (file.link === undefined) {
      if (file.hardLink !== undefined) linkSync(file.hardLink, to);
      else writeFileSync(to, file.content!);
      if (performance.now() - sliceStart >= 8) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
      continue;
    }
    while (running.size >= 32) await new Promise<void>((resolve) => waiting.push(resolve));
    const task: Promise<void> = symlink(file.link, to).then(() => {
      running.delete(task);
      waiting.shift()?.();
    });
    running.add(task);
  }
  await Promise.all(running);
  renameSync(hidden, floorDir);
  return { seconds: (performance.now() - start) / 1000, cpuSeconds: (processCpuMs() - cpuBefore) / 1000 };
}

/** Ranks of split folders as the exports write their own files (COCO's annotations): train, then dev (`val`, `validation`), then test; files outside a split last. */
const SPLIT_RANKS: Record<string, number> = { train: 0, dev: 1, val: 1, validation: 1, test: 2 };
/** Files outside a split, in the order every export writes them last (YOLO's yaml, then the manifest and the card). */
const LAST_FILES = ['data.yaml', 'manifest.json', 'DATASET.md'];

/**
 * Each path's place in the order an export writes its files (a map from path to rank): a sample
 * at a time in the version's order, whatever its split, as the version is read (its media, then
 * its label file, as YOLO alternates them), then each split's own files in split order (COCO's
 * annotations), then the files outside every split. A version lists its samples by id, and the
 * benches' file names are their sample numbers padded with zeros, so name order is the version's
 * order there.
 * @example exportOrder(['labels/val/b.txt', 'images/train/c.jpg', 'images/val/b.jpg', 'data.yaml']) // b.jpg → 0, b.txt → 1, c.jpg → 2, data.yaml → 3
 */
export function exportOrder(paths: readonly string[]): Map<string, number> {
  const keyed = paths.map((path) => {
    const parts = path.split('/');
    const name = parts.at(-1)!;
    const splitAt = parts.findIndex((part, i) => i < parts.length - 1 && part in SPLIT_RANKS);
    const split = splitAt < 0 ? 3 : SPLIT_RANKS[parts[splitAt]!]!;
    // A sample's file sits in a folder of its own kind (images/, labels/, audio/) or straight in the split's.
    const perSample = splitAt >= 0 && (parts.length - splitAt > 2 || !/\.(json|jsonl|csv|xml)$/.test(name));
    const stem = perSample ? name.replace(/\.[^.]*$/, '') : '';
    // Beside its media, a sample's label file comes second.
    const second = perSample && parts.includes('labels') ? 1 : 0;
    const last = splitAt < 0 ? LAST_FILES.indexOf(name) : -1;
    return { path, key: [perSample ? 0 : 1, perSample ? 0 : split, last < 0 ? LAST_FILES.length : last] as const, stem, second };
  });
  keyed.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i]! - b.key[i]!;
    if (a.stem !== b.stem) return a.stem < b.stem ? -1 : 1;
    if (a.second !== b.second) return a.second - b.second;
    return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
  });
  return new Map(keyed.map((entry, rank) => [entry.path, rank]));
}

/**
 * The whole number a benchmark was given as `--<name> N`, or its own default; refuses anything
 * but a whole number of at least `least`.
 * @example wholeNumberArg(['--rounds', '5'], 'rounds', 3) // 5
 */
export function wholeNumberArg(args: string[], name: string, fallback: number, least = 1): number {
  const { values } = parseArgs({ args, options: { [name]: { type: 'string' } }, strict: false, allowPositionals: true });
  const value = Number(values[name] ?? fallback);
  if (!Number.isInteger(value) || value < least) throw new Error(`--${name} must be a whole number of at least ${least}, not ${String(values[name])}`);
  return value;
}

/**
 * The `--samples N` a benchmark on a generated project was given, or its own default; refuses
 * anything but a whole number of at least `least`.
 * @example samplesArg(['--samples', '5000'], 20_000) // 5000
 */
export function samplesArg(args: string[], fallback: number, least = 1): number {
  return wholeNumberArg(args, 'samples', fallback, least);
}

/**
 * The `--project DIR` a benchmark on a generated project was given: a project folder to measure
 * instead of the generated one (a copy: opening it migrates it, and measuring may change it).
 * @example projectArg(['--project', '/tmp/me/project']) // '/tmp/me/project'
 */
export function projectArg(args: string[]): string | null {
  const { values } = parseArgs({ args, options: { project: { type: 'string' } }, strict: false, allowPositionals: true });
  return typeof values.project === 'string' ? values.project : null;
}

/** Clock ticks per second of the kernel's CPU accounting (`getconf CLK_TCK`), asked once. */
let ticksPerSecond: number | undefined;

/**
 * Waits (up to `giveUpAfterMs`) until process `pid` has used at most `atMostMs` of CPU over the last
 * `overMs` (read every 100 ms): what it was doing is done. How long that took, in ms.
 * @example await quietCpu(app.pid, 300, 10, 10_000) // opening's background work is over
 */
export async function quietCpu(pid: number, overMs: number, atMostMs: number, giveUpAfterMs: number): Promise<number> {
  const start = performance.now();
  await quietOver(
    () => cpuMs(pid),
    overMs,
    (from, to) => to - from <= atMostMs,
    giveUpAfterMs,
  );
  return performance.now() - start;
}

/**
 * Reads `read()` every 100 ms until `quiet(reading overMs ago, reading now)` holds, or
 * `giveUpAfterMs` has passed; the last pair compared (null when none was), to say how quiet it was.
 */
async function quietOver<T>(read: () => T, overMs: number, quiet: (from: T, to: T) => boolean, giveUpAfterMs: number): Promise<[T, T] | null> {
  const start = performance.now();
  const steps = Math.ceil(overMs / 100);
  const readings = [read()];
  let last: [T, T] | null = null;
  while (performance.now() - start < giveUpAfterMs) {
    await new Promise((resume) => setTimeout(resume, 100));
    readings.push(read());
    if (readings.length <= steps) continue;
    last = [readings.at(-1 - steps)!, readings.at(-1)!];
    if (quiet(...last)) break;
  }
  return last;
}

/** The machine's CPU time so far, busy and in all, summed over its cores, in clock ticks. */
interface MachineTicks {
  busy: number;
  total: number;
}

/** {@link MachineTicks} now, from the first line of /proc/stat. */
function machineTicks(): MachineTicks {
  // user nice system idle iowait irq softirq steal: idle and iowait are the cores' idle time.
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((sum, t) => sum + t, 0);
  return { busy: total - ticks[3]! - ticks[4]!, total };
}

/**
 * Waits (up to `giveUpAfterMs`) until the whole machine has used at most `atMostShare` of its CPU
 * (all cores together) over the last `overMs`, read every 100 ms: what ran before is over, its
 * processes gone or idle. Says how long that took and how busy the machine was, e.g. "CPU 1% busy
 * over 2 s after 3 s". The load average is no use for this: it lags a minute behind the machine.
 * @example console.log(await quietMachine(2000, 0.05, 60_000))
 */
export async function quietMachine(overMs: number, atMostShare: number, giveUpAfterMs: number): Promise<string> {
  const start = performance.now();
  const shareOf = (from: MachineTicks, to: MachineTicks) => (to.busy - from.busy) / Math.max(1, to.total - from.total);
  const last = await quietOver(machineTicks, overMs, (from, to) => shareOf(from, to) <= atMostShare, giveUpAfterMs);
  const share = last === null ? NaN : shareOf(...last);
  const waited = (performance.now() - start) / 1000;
  return `CPU ${(share * 100).toFixed(0)}% busy over ${(overMs / 1000).toFixed(0)} s after ${waited.toFixed(0)} s${share > atMostShare ? ' (not quiet: gave up)' : ''}`;
}

/**
 * CPU time a process has used so far (user + system, all its threads), in ms, to tell the code's
 * share from the machine's load; with `thread`, that thread's alone (the process's own id: its
 * main thread). For this process over a short span, `processCpuMs` is finer.
 * @example const before = cpuMs(app.pid); await work(); console.log(`${cpuMs(app.pid) - before} ms of CPU`);
 */
export function cpuMs(pid: number, thread?: number): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
  // Fields 14 and 15 of /proc/PID/stat (or of the thread's /proc/PID/task/TID/stat), after the parenthesised command name, in clock ticks.
  const fields = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8')
    .split(') ')[1]!
    .split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/** CPU time this process has used so far (user + system, its thread pool included), in ms to the microsecond. */
export function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** A process's resident memory in MB from the kernel's own account: now (VmRSS), or NaN once it has ended. */
export function residentMb(pid: number): number {
  return statusMb(pid, 'VmRSS');
}

/** A process's peak resident memory so far in MB (VmHWM): the most it held at once since it started. */
export function peakResidentMb(pid: number): number {
  return statusMb(pid, 'VmHWM');
}

/**
 * Resets a process's peak resident memory (VmHWM) to what it holds now, so the next reading is the
 * peak of what follows alone; false when the kernel refused (another user's process, no /proc).
 */
export function resetPeakResident(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
}

/** The 1-, 5- and 15-minute load averages as `uptime` shows them, e.g. "1.52 1.31 1.20", for a figure's note. */
export function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** The 1-minute load average to one decimal, e.g. "1.5", for short notes that give it before and after a step. */
export function oneMinuteLoad(): string {
  return loadavg()[0]!.toFixed(1);
}

/**
 * The share of the last 10 s in which some task waited for the disk (`/proc/pressure/io`, "some
 * avg10", in percent), or null where the kernel does not report it.
 */
export function diskPressure(): number | null {
  try {
    const some = /^some avg10=([\d.]+)/m.exec(readFileSync('/proc/pressure/io', 'utf8'));
    return some ? Number(some[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Waits until tasks waited for the disk less than 2% of the last 10 s, two minutes at most, and
 * says how it was. A disk mounted with `discard` trims a deleted export's blocks for minutes
 * after (an earlier run's, another program's), and every file made meanwhile costs more: a
 * floor or an export timed then measures that.
 */
export async function settledDisk(): Promise<string> {
  const start = performance.now();
  for (let pressure = diskPressure(); pressure !== null; pressure = diskPressure()) {
    if (pressure < 2 || performance.now() - start > 120_000)
      return `disk pressure ${pressure.toFixed(1)}% after ${((performance.now() - start) / 1000).toFixed(0)} s`;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return 'disk pressure not reported';
}
