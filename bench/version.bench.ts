// A dataset version of a large generated project and its exports, through the built web host
// as the UI calls them: making the version (every sample's final label, splits, figures, its rows
// written), its COCO export alternated with the disk creating the same files, then YOLO exports
// alternated the same way, several rounds in the same run. The agreement ledger
// is loaded first and timed on its own. Reports the back end's peak resident memory and CPU time
// and the load average around each figure, so a miss can be told from a busy machine. The version
// and each YOLO round wait for the disk to settle first (`settledDisk`).
// The project is copied first (the generated one is never changed): `--project DIR` names one,
// otherwise the one large-project keeps for `--samples N` (100,000 by default).
// `--kind transcript` (20,000 clips by default) makes the version and its JSONL export instead.
// The version waits for the host to go quiet after the ledger, as a person makes one some seconds after the dashboard.
// `--version-only` makes the version alone and reports the host's peak resident memory while making it (the
// kernel's peak reset just before), without the exports.
// Run with `npm run bench -- version [--kind bbox|transcript] [--samples N] [--project DIR] [--rounds R] [--version-only]`.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startWebApp, type RunningWebApp } from '../test/support/web-app';
import { ensureProject } from './large-project.bench';
import {
  cpuMs,
  diskFloor,
  diskFloorSeconds,
  oneMinuteLoad,
  peakResidentMb,
  quietCpu,
  resetPeakResident,
  residentMb,
  samplesArg,
  settledDisk,
  spread,
  withScratch,
  type Benchmark,
  type Figure,
} from './support';

const VERSION_AND_COCO_AIM_S = 10;
const YOLO_FLOOR_AIM = 1.2;
const MEMORY_AIM_MB = 500;

/** Wall and CPU seconds of one call to the host, with the load average before and after. */
async function measured(app: RunningWebApp, run: () => Promise<unknown>): Promise<{ seconds: number; cpu: number; load: string }> {
  const loadBefore = oneMinuteLoad();
  const cpuBefore = cpuMs(app.pid);
  const start = performance.now();
  await run();
  const seconds = (performance.now() - start) / 1000;
  return { seconds, cpu: (cpuMs(app.pid) - cpuBefore) / 1000, load: `load ${loadBefore} → ${oneMinuteLoad()}` };
}

async function measure(
  app: RunningWebApp,
  work: string,
  projectDir: string,
  samples: number,
  rounds: number,
  kind: 'bbox' | 'transcript',
  versionOnly: boolean,
): Promise<Figure[]> {
  const size = `${samples.toLocaleString('en')} ${kind === 'bbox' ? 'images' : 'clips'}`;
  const figures: Figure[] = [];
  const record = (what: string, value: number, unit: Figure['unit'], aim: number | null, note: string) => {
    console.log(`  ${what}: ${value.toFixed(2)} ${unit}${aim === null ? '' : ` (${(value / aim).toFixed(2)}× the aim of ${aim} ${unit})`}; ${note}`);
    figures.push({ what: `${what}, ${size}`, value, unit, aim, note });
  };
  const call = <T>(name: string, arg: unknown = {}) => app.call<T>(name, arg);

  await call('projects.close');
  await call('projects.open', { dir: projectDir });
  console.log(`  the project open: back end resident peak so far ${peakResidentMb(app.pid).toFixed(0)} MB`);

  // The agreement first, as the app has it by the time someone makes a version (the dashboard or
  // the Review queue asked for it): the version reads its scores from that ledger.
  const ledger = await measured(app, () => call('agreement.project', { iouThreshold: 0.5, normalize: [] }));
  record('agreement ledger, first request (before the version; has its own aim)', ledger.seconds, 's', null, `CPU ${ledger.cpu.toFixed(1)} s, ${ledger.load}`);
  const ledgerPeak = peakResidentMb(app.pid);
  console.log(`  the agreement loaded: back end resident peak so far ${ledgerPeak.toFixed(0)} MB`);

  // A person makes a version some seconds after the dashboard, once the host has kept the ledger and
  // renewed its worker: under a tenth of a second of CPU in a second, two minutes at most.
  await quietCpu(app.pid, 1000, 90, 120_000);
  if (versionOnly) {
    // The kernel's peak (VmHWM) starts again from now: what follows is the version's alone.
    resetPeakResident(app.pid);
    const before = residentMb(app.pid);
    const alone = await measured(app, () => call('datasets.create', { unresolved: 'flag' }));
    record('dataset version alone, the host quiet before it', alone.seconds, 's', null, `CPU ${alone.cpu.toFixed(1)} s, ${alone.load}`);
    record('back end peak resident memory while making the version', peakResidentMb(app.pid), 'MB', MEMORY_AIM_MB, `${before.toFixed(0)} MB before it`);
    return figures;
  }
  // As the Datasets screen and the large-project benchmark make one: unresolved samples flagged, so every sample is in.
  let version = 0;
  // The disk quiet first: the files and the database the steps write cost more while it still trims what an earlier run deleted.
  const versionDisk = await settledDisk();
  const stagePeaks: { stage: string; before: number; peak: number }[] = [];
  // Where the peak is reached: the kernel's peak (VmHWM) starts again before each step, and is read after it.
  const peakOf = async <T>(stage: string, run: () => Promise<T>): Promise<T> => {
    const before = residentMb(app.pid);
    resetPeakResident(app.pid);
    const result = await run();
    stagePeaks.push({ stage, before, peak: peakResidentMb(app.pid) });
    return result;
  };
  const made = await peakOf('version', () =>
    measured(app, async () => (version = (await call<{ version: number }>('datasets.create', { unresolved: 'flag' })).version)),
  );
  if (kind === 'transcript') {
    // Transcripts have no COCO or YOLO: their version is written as JSONL, one file, no links to compare with the disk's.
    const jsonl = await measured(app, () => call('datasets.export', { version, format: 'jsonl', outDir: join(work, 'jsonl') }));
    record(
      'dataset version + JSONL export',
      made.seconds + jsonl.seconds,
      's',
      VERSION_AND_COCO_AIM_S,
      `version ${made.seconds.toFixed(1)} s (CPU ${made.cpu.toFixed(1)} s, ${made.load}), JSONL ${jsonl.seconds.toFixed(1)} s (CPU ${jsonl.cpu.toFixed(1)} s, ${jsonl.load})`,
    );
    // The kernel's peak started again before the version: the agreement's is the one read before it.
    record(
      'back end peak resident memory (since it started)',
      Math.max(ledgerPeak, peakResidentMb(app.pid)),
      'MB',
      MEMORY_AIM_MB,
      'the web host process, agreement worker included',
    );
    return figures;
  }
  const coco = await peakOf('COCO', () => measured(app, () => call('datasets.export', { version, format: 'coco', outDir: join(work, 'coco') })));
  const total = made.seconds + coco.seconds;
  // What the disk alone takes to make COCO's files (one link per image and the JSON): the part of
  // the aim no code of ours can win back on this disk. Its speed drifts within a run (it is still
  // settling the folders a run before deleted), so export and floor go in the order export, floor,
  // floor, export, and the ratio is of their sums.
  const floorLoad = oneMinuteLoad();
  const floors = [await diskFloorSeconds(join(work, 'coco'), join(work, 'coco-floor-1'))];
  floors.push(await diskFloorSeconds(join(work, 'coco'), join(work, 'coco-floor-2')));
  const floorNote = `load ${floorLoad} → ${oneMinuteLoad()}`;
  const cocoAgain = await measured(app, () => call('datasets.export', { version, format: 'coco', outDir: join(work, 'coco-again') }));
  record(
    'dataset version + COCO export',
    total,
    's',
    VERSION_AND_COCO_AIM_S,
    `version ${made.seconds.toFixed(1)} s (CPU ${made.cpu.toFixed(1)} s, ${made.load}), COCO ${coco.seconds.toFixed(1)} s (CPU ${coco.cpu.toFixed(1)} s, ${coco.load}); the disk making COCO's files alone ${floors[0]!.toFixed(1)} s (${floorNote}); before the version: ${versionDisk}`,
  );
  record(
    'COCO export against the disk creating its files alone',
    (coco.seconds + cocoAgain.seconds) / (floors[0]! + floors[1]!),
    '×',
    null,
    `export, floor, floor, export: ${[coco.seconds, ...floors, cocoAgain.seconds].map((seconds) => seconds.toFixed(1)).join(', ')} s (${floorNote}; the second export CPU ${cocoAgain.cpu.toFixed(1)} s, ${cocoAgain.load})`,
  );

  // As COCO: each round is export, floor, floor, export (the disk creating exactly the files the
  // first export holds), compared by sums, since the disk's speed drifts within a run.
  const ratios: number[] = [];
  const roundDisks: string[] = [];
  for (let round = 1; round <= rounds; round++) {
    roundDisks.push(await settledDisk());
    const yolo = await peakOf(`YOLO ${round}`, () =>
      measured(app, () => call('datasets.export', { version, format: 'yolo', outDir: join(work, `yolo-${round}`) })),
    );
    const loadBefore = oneMinuteLoad();
    // The floors' CPU is this process's while each makes its files (not while it reads the export first).
    const made = [await diskFloor(join(work, `yolo-${round}`), join(work, `floor-${round}-1`))];
    made.push(await diskFloor(join(work, `yolo-${round}`), join(work, `floor-${round}-2`)));
    const floors = made.map((floor) => floor.seconds);
    const floorCpu = made.map((floor) => floor.cpuSeconds.toFixed(1)).join(' and ');
    const floorLoads = `load ${loadBefore} → ${oneMinuteLoad()}`;
    const yoloAgain = await measured(app, () => call('datasets.export', { version, format: 'yolo', outDir: join(work, `yolo-${round}-again`) }));
    ratios.push((yolo.seconds + yoloAgain.seconds) / (floors[0]! + floors[1]!));
    console.log(
      `  YOLO round ${round}, export, floor, floor, export: ${[yolo.seconds, ...floors, yoloAgain.seconds].map((seconds) => seconds.toFixed(1)).join(', ')} s (exports' CPU ${yolo.cpu.toFixed(1)} and ${yoloAgain.cpu.toFixed(1)} s, ${yolo.load} and ${yoloAgain.load}; floors' CPU ${floorCpu} s, ${floorLoads}): ${ratios.at(-1)!.toFixed(2)}×`,
    );
  }
  const { median, max } = spread(ratios);
  record(
    'YOLO export against the disk creating its files alone (median of rounds, each by sums)',
    median,
    '×',
    YOLO_FLOOR_AIM,
    `${rounds} rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')} (worst ${max.toFixed(2)}×); before each round: ${roundDisks.join(', ')}`,
  );
  const stages = stagePeaks.map(({ stage, before, peak }) => `${stage} ${before.toFixed(0)} → ${peak.toFixed(0)}`).join(', ');
  record(
    'back end peak resident memory (since it started)',
    Math.max(ledgerPeak, ...stagePeaks.map(({ peak }) => peak)),
    'MB',
    MEMORY_AIM_MB,
    `the web host process, agreement worker included; the agreement ${ledgerPeak.toFixed(0)} MB, then each step's resident before it → its peak: ${stages} MB`,
  );
  return figures;
}

export const benchmark: Benchmark = {
  name: 'version',
  summary: 'a dataset version with its COCO and YOLO exports on a generated project, with the back end’s memory and CPU time',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { project: { type: 'string' }, rounds: { type: 'string' }, kind: { type: 'string', default: 'bbox' }, 'version-only': { type: 'boolean' } },
      strict: false,
      allowPositionals: true,
    });
    const kind = values.kind === 'transcript' ? 'transcript' : 'bbox';
    const samples = samplesArg(args, kind === 'transcript' ? 20_000 : 100_000);
    const rounds = Number(values.rounds ?? 3);
    if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a whole number of at least 1, not ${String(values.rounds)}`);
    const figures: Figure[] = [];
    let source: string;
    if (typeof values.project === 'string') source = resolve(values.project);
    else {
      const ensured = await ensureProject(kind, samples);
      figures.push(...ensured.figures);
      source = ensured.kept.projectDir;
    }
    return withScratch(async (work) => {
      // Only the database: the media stay where the project names them, and the copy is changed, never the original.
      const projectDir = join(work, 'project');
      mkdirSync(projectDir);
      copyFileSync(join(source, 'concord.db'), join(projectDir, 'concord.db'));
      const app = await startWebApp(join(work, 'app-data'));
      try {
        return [...figures, ...(await measure(app, work, projectDir, samples, rounds, kind, values['version-only'] === true))];
      } finally {
        await app.stop();
      }
    });
  },
};
