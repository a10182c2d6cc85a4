// Importing generated images (100,000 unless `--samples N`) against the floor of the same work
// done alone: reading each file once, hashing it and decode-checking it as the import does
// (sha256 and the decode-to-thumbnail of electron/media, four files at a time like the import's
// probes), timed on the same files in the same run. Also the web host's memory during the
// import, which batching should keep flat, and both sides' CPU time with the load average, so
// a busy machine can be told from the code. `--media DIR` imports the images already in DIR
// (read only, e.g. a make-project media folder) instead of writing new ones.
// Run with `npm run bench -- import [--samples N | --media DIR]`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { generatedMediaPath, writeGeneratedMedia } from '../electron/generate/make-project';
import { sha256Of } from '../electron/media/hash';
import { decodeImage } from '../electron/media/thumbnail';
import { peakResidentMb, residentMb, samplesArg, startMeter, withWebApp, type StepCost, type BenchContext, type Benchmark, type Figure } from './support';

/** The aim: the import's throughput within 1.5× of hashing and decode-checking alone. */
const THROUGHPUT_AIM = 1.5;
/** Files hashed and decoded at once, as the import's probe worker does. */
const IN_FLIGHT = 4;

/** Wall seconds to read, hash and decode-check every file, as the import's probe does, and what it cost this process. */
async function hashAndDecodeAlone(files: string[]): Promise<{ seconds: number; cost: StepCost }> {
  let next = 0;
  const start = performance.now();
  const cost = startMeter();
  const lane = async () => {
    while (next < files.length) {
      const bytes = readFileSync(files[next++]!);
      sha256Of(bytes);
      await decodeImage(bytes);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  return { seconds: (performance.now() - start) / 1000, cost: cost() };
}

/** The image files under `dir`, in name order. */
function imagesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(png|jpe?g|webp)$/i.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

async function measure({ work, app }: BenchContext, samples: number, given: string | undefined): Promise<Figure[]> {
  const media = given ?? join(work, 'media');
  let files: string[];
  if (given === undefined) {
    console.log(`Writing ${samples.toLocaleString('en')} generated 160×120 PNGs...`);
    writeGeneratedMedia({ kind: 'bbox', samples, boxes: 5, seed: 1 }, media);
    files = Array.from({ length: samples }, (_, i) => join(media, generatedMediaPath('bbox', i)));
  } else {
    files = imagesUnder(given);
    samples = files.length;
  }
  const alone = await hashAndDecodeAlone(files);
  const aloneCpu = alone.cost.cpuMs / 1000;
  console.log(
    `  hashing and decode-checking alone: ${alone.seconds.toFixed(1)} s (${(samples / alone.seconds).toFixed(0)} files/s), ${aloneCpu.toFixed(1)} s CPU; load ${alone.cost.load}`,
  );

  await app.call('projects.create', { dir: join(work, 'project'), name: 'Import bench', kind: 'bbox', classes: [{ name: 'thing' }] });
  const memory: Array<{ processed: number; mb: number }> = [];
  const importCost = startMeter(app.pid);
  const start = performance.now();
  const { jobId } = await app.call<{ jobId: string }>('imports.start', { source: media });
  for (;;) {
    const report = await app.call<{ finishedAt: string | null; processed: number; imported: number; state: string }>('imports.get', { jobId });
    memory.push({ processed: report.processed, mb: residentMb(app.pid) });
    if (report.finishedAt !== null) {
      if (report.imported !== samples) throw new Error(`the import ended ${report.state} with ${report.imported} of ${samples} files`);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const imported = (performance.now() - start) / 1000;
  const { cpuMs, load } = importCost();
  const importCpu = cpuMs / 1000;
  const early = memory.find((m) => m.processed >= samples * 0.1) ?? memory[0]!;
  // The host's highest resident memory in its life, which began just before this import.
  const peak = peakResidentMb(app.pid);
  console.log(
    `  the import: ${imported.toFixed(1)} s (${(samples / imported).toFixed(0)} files/s), ${(imported / alone.seconds).toFixed(2)}× the time alone; ` +
      `${importCpu.toFixed(1)} s CPU (${(importCpu / aloneCpu).toFixed(2)}× alone's); load ${load}`,
  );
  console.log(`  web host memory: ${early.mb.toFixed(0)} MB at 10% of the files, ${memory.at(-1)!.mb.toFixed(0)} MB at the end, ${peak.toFixed(0)} MB at most`);
  if (given === undefined) console.log(`  (files in ${relative(work, media)}/ as make-project writes them)`);
  const size = samples.toLocaleString('en');
  return [
    { what: `import of ${size} images`, value: imported, unit: 's', aim: null, note: `${(samples / imported).toFixed(0)} files/s` },
    {
      what: `import against hashing and decode-checking alone, ${size} images`,
      value: imported / alone.seconds,
      unit: '×',
      aim: THROUGHPUT_AIM,
      note: `${alone.seconds.toFixed(1)} s alone in this run`,
    },
    {
      what: `its CPU time against that of hashing and decode-checking alone`,
      value: importCpu / aloneCpu,
      unit: '×',
      aim: null,
      note: `${importCpu.toFixed(1)} s against ${aloneCpu.toFixed(1)} s; load ${load} over the import`,
    },
    {
      what: `back end memory growth from 10% to the end of the import`,
      value: memory.at(-1)!.mb - early.mb,
      unit: 'MB',
      aim: null,
      note: `${early.mb.toFixed(0)} → ${memory.at(-1)!.mb.toFixed(0)} MB resident, ${peak.toFixed(0)} MB peak`,
    },
  ];
}

export const benchmark: Benchmark = {
  name: 'import',
  summary: 'importing generated images against hashing and decode-checking the same files alone',
  run(args) {
    const { values } = parseArgs({ args, options: { media: { type: 'string' } }, strict: false, allowPositionals: true });
    const samples = samplesArg(args, 100_000);
    const media = typeof values.media === 'string' ? values.media : undefined;
    return withWebApp((context) => measure(context, samples, media));
  },
};
