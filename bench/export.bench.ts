// Exporting a dataset version of 100,000 images with ~5 boxes each, as COCO and as YOLO, with
// the media linked (hard links to a file per image; a copy measures the disk, not Concord).
// Prints seconds against the 10 s aim and the JS heap's growth during the export. Beside each,
// the time this disk takes just to create the same files the same way (its links, label files
// and annotation files, the same bytes), alternated with two exports: the floor no exporter can
// beat here.
// Run with `npm run bench -- export`; it reports, it never fails on timing.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeExport } from '../electron/services/datasets/write-export';
import type { DatasetItem, DatasetSummary } from '../shared/domain/dataset';
import { mulberry32 } from '../shared/assignment/prng';
import { boxItem } from '../test/support/dataset-fixtures';
import { diskFloor, oneMinuteLoad, processCpuMs, type Benchmark, type Figure } from './support';

const IMAGES = 100_000;
const AIM_S = 10;
/** The aim: YOLO within 1.2× of the disk's time to create its files. */
const YOLO_FLOOR_AIM = 1.2;
const random = mulberry32(11);
const classes = [1, 2, 3, 4, 5].map((id) => ({ id, name: `class${id}` }));
const items: DatasetItem[] = Array.from({ length: IMAGES }, (_, i) => {
  const boxes = Array.from({ length: 3 + Math.floor(random() * 5) }, () => {
    const x = random() * 1100;
    const y = random() * 600;
    return { classId: 1 + Math.floor(random() * 5), x1: x, y1: y, x2: x + 20 + random() * 150, y2: y + 20 + random() * 110 };
  });
  return boxItem(boxes, {
    sampleId: i + 1,
    fileName: `img${String(i + 1).padStart(6, '0')}.jpg`,
    sha256: i.toString(16).padStart(64, '0'),
    split: i % 10 < 8 ? 'train' : i % 10 === 8 ? 'dev' : 'test',
    source: 'consensus',
    agreement: 0.95,
    width: 1280,
    height: 720,
  });
});
const summary: DatasetSummary = {
  version: 1,
  createdAt: '2026-11-23T00:00:00.000Z',
  contentHash: '0'.repeat(64),
  kind: 'bbox',
  options: { ratios: [0.8, 0.1, 0.1], seed: 1, minAgreement: 0.9, unresolved: 'exclude', stratifyTags: [], pinTestFrom: null },
  counts: { train: 80_000, dev: 10_000, test: 10_000 },
  excluded: 0,
  bySource: { gold: 0, consensus: IMAGES, single: 0, flagged: 0 },
  classes: { train: {}, dev: {}, test: {} },
  tags: { train: {}, dev: {}, test: {} },
  agreement: { value: 0.95, low: 0.94, high: 0.96 },
  guidelines: [{ version: 1, changelog: 'first' }],
  labelers: ['a', 'b'],
};

export const benchmark: Benchmark = {
  name: 'export',
  summary: 'writing a 100,000-image dataset version as COCO and YOLO, against the disk creating the same files',
  async run() {
    const root = mkdtempSync(join(tmpdir(), 'concord-export-bench-'));
    // A file per image, as a project has: the export hard-links each, and ext4 allows one file
    // at most 65,000 names, so one shared file would turn the rest into symbolic links.
    const mediaDir = join(root, 'media');
    mkdirSync(mediaDir);
    for (const item of items) writeFileSync(join(mediaDir, item.fileName), 'not really a jpeg');
    const mediaPath = (sampleId: number) => join(mediaDir, items[sampleId - 1]!.fileName);
    const boxes = items.reduce((sum, item) => sum + (item.label.kind === 'bbox' ? item.label.boxes.length : 0), 0);
    console.log(`Dataset export (Node ${process.version}): ${IMAGES.toLocaleString('en')} images, ${boxes.toLocaleString('en')} boxes, media linked`);
    const figures: Figure[] = [];
    // Each export's CPU (this process, its thread pool included), in the order they ran.
    const cpuSeconds: number[] = [];
    const exportSeconds = async (format: 'coco' | 'yolo', outDir: string) => {
      const cpuBefore = processCpuMs();
      const start = performance.now();
      await writeExport({ summary, items, format, outDir, copyMedia: false, projectName: 'bench', classes, mediaPath });
      cpuSeconds.push((processCpuMs() - cpuBefore) / 1000);
      return (performance.now() - start) / 1000;
    };
    try {
      for (const format of ['coco', 'yolo'] as const) {
        global.gc?.();
        const loadBefore = oneMinuteLoad();
        const heapBefore = process.memoryUsage().heapUsed;
        let heapPeak = heapBefore;
        const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 20);
        const seconds = await exportSeconds(format, join(root, format));
        clearInterval(sampler);
        const growthMb = (heapPeak - heapBefore) / 2 ** 20;
        // Export, floor, floor, export, compared by sums: the disk's speed drifts within a run.
        const made = [await diskFloor(join(root, format), join(root, `${format}-floor-1`))];
        made.push(await diskFloor(join(root, format), join(root, `${format}-floor-2`)));
        const again = await exportSeconds(format, join(root, `${format}-again`));
        const floors = made.map((floor) => floor.seconds);
        const ratio = (seconds + again) / (floors[0]! + floors[1]!);
        const order = [seconds, ...floors, again].map((s) => s.toFixed(2)).join(', ');
        const cpu = [cpuSeconds.at(-2)!, ...made.map((floor) => floor.cpuSeconds), cpuSeconds.at(-1)!].map((s) => s.toFixed(2)).join(', ');
        console.log(
          `  ${format.padEnd(5)} ${seconds.toFixed(2).padStart(6)} s   ${(seconds / AIM_S).toFixed(2)}× the ${AIM_S} s aim   ${ratio.toFixed(2)}× the disk's time for the bare files (export, floor, floor, export: ${order} s; CPU ${cpu} s; load ${loadBefore} → ${oneMinuteLoad()})   heap growth ${growthMb.toFixed(0)} MB`,
        );
        const floorNote = `export, floor, floor, export: ${order} s (CPU ${cpu} s) in this run`;
        figures.push({ what: `${format.toUpperCase()} export, 100,000 images`, value: seconds, unit: 's', aim: AIM_S, note: floorNote });
        figures.push({
          what: `${format.toUpperCase()} export against the disk alone`,
          value: ratio,
          unit: '×',
          aim: format === 'yolo' ? YOLO_FLOOR_AIM : null,
          note: floorNote,
        });
        figures.push({ what: `${format.toUpperCase()} export, JS heap growth`, value: growthMb, unit: 'MB', aim: null });
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    return figures;
  },
};
