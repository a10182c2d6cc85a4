// Importing generated images (100,000 unless `--samples N`) against the floor of the same work
// done alone: hashing each file and decode-checking it as the import does (sha256 and the
// decode-to-thumbnail of electron/media, four files at a time like the import's probes), timed
// on the same files in the same run. Also the web host's memory during the import, which
// batching should keep flat. Run with `npm run bench -- import [--samples N]`.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { generatedMediaPath, writeGeneratedMedia } from '../electron/generate/make-project';
import { sha256File } from '../electron/media/hash';
import { decodeImage } from '../electron/media/thumbnail';
import { withWebApp, type BenchContext, type Benchmark, type Figure } from './support';

/** The aim: the import's throughput within 1.5× of hashing and decode-checking alone. */
const THROUGHPUT_AIM = 1.5;
/** Files hashed and decoded at once, as the import's probe worker does. */
const IN_FLIGHT = 4;

/** Resident memory of a process, in MB, from the kernel's own account. */
function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

async function hashAndDecodeAlone(files: string[]): Promise<number> {
  let next = 0;
  const start = performance.now();
  const lane = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      await decodeImage(file);
      await sha256File(file);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  return (performance.now() - start) / 1000;
}

async function measure({ work, app }: BenchContext, samples: number): Promise<Figure[]> {
  const media = join(work, 'media');
  console.log(`Writing ${samples.toLocaleString('en')} generated 160×120 PNGs...`);
  writeGeneratedMedia({ kind: 'bbox', samples, boxes: 5, seed: 1 }, media);
  const files = Array.from({ length: samples }, (_, i) => join(media, generatedMediaPath('bbox', i)));
  const alone = await hashAndDecodeAlone(files);
  console.log(`  hashing and decode-checking alone: ${alone.toFixed(1)} s (${(samples / alone).toFixed(0)} files/s)`);

  await app.call('projects.create', { dir: join(work, 'project'), name: 'Import bench', kind: 'bbox', classes: [{ name: 'thing' }] });
  const memory: Array<{ processed: number; mb: number }> = [];
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
  const early = memory.find((m) => m.processed >= samples * 0.1) ?? memory[0]!;
  const peak = Math.max(...memory.map((m) => m.mb));
  console.log(`  the import: ${imported.toFixed(1)} s (${(samples / imported).toFixed(0)} files/s), ${(imported / alone).toFixed(2)}× the time alone`);
  console.log(`  web host memory: ${early.mb.toFixed(0)} MB at 10% of the files, ${memory.at(-1)!.mb.toFixed(0)} MB at the end, ${peak.toFixed(0)} MB at most`);
  console.log(`  (files in ${relative(work, media)}/ as make-project writes them)`);
  const size = samples.toLocaleString('en');
  return [
    { what: `import of ${size} images`, value: imported, unit: 's', aim: null, note: `${(samples / imported).toFixed(0)} files/s` },
    {
      what: `import against hashing and decode-checking alone, ${size} images`,
      value: imported / alone,
      unit: '×',
      aim: THROUGHPUT_AIM,
      note: `${alone.toFixed(1)} s alone in this run`,
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
    const { values } = parseArgs({ args, options: { samples: { type: 'string', default: '100000' } }, strict: false, allowPositionals: true });
    const samples = Number(values.samples);
    if (!Number.isInteger(samples) || samples < 1) throw new Error(`--samples must be a positive whole number, not ${String(values.samples)}`);
    return withWebApp((context) => measure(context, samples));
  },
};
