import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeExport, type ExportJob } from '../../../electron/services/datasets/write-export';
import { cvatXml } from '../../../shared/dataset/formats/cvat';
import { audiofolderRows } from '../../../shared/dataset/formats/huggingface';
import { finalTasks } from '../../../shared/dataset/formats/interchange-task';
import { labelStudioTasks } from '../../../shared/dataset/formats/label-studio';
import { csvRows, jsonlRows } from '../../../shared/dataset/formats/transcripts';
import { BOX_FORMATS, type DatasetItem, type DatasetSummary } from '../../../shared/domain/dataset';
import { boxItem, summaryOf } from '../../support/dataset-fixtures';
import { writeImage, writeWav } from '../../support/media-fixtures';
import { useTempDirs } from '../../support/temp-dir';

/** Sample `sampleId` as a 20×20 image in `split` with one box of class 1 or 2, saved under `fileName`. */
function item(sampleId: number, fileName: string, split: DatasetItem['split']): DatasetItem {
  const box = { id: 'b1', classId: 1 + (sampleId % 2), x1: sampleId % 10, y1: 1, x2: (sampleId % 10) + 5.5, y2: 6 };
  return boxItem([box], { sampleId, fileName, split, sha256: String(sampleId), width: 20, height: 20, source: sampleId % 5 === 0 ? 'flagged' : 'single' });
}

const SPLIT_OF = ['train', 'train', 'dev', 'test'] as const;
/** 40 samples over the three splits, the last ones in folders as an old version could name them. */
const ITEMS = Array.from({ length: 40 }, (_, i) => item(i + 1, i < 30 ? `${i + 1}.jpg` : `old/folder/${i + 1}.png`, SPLIT_OF[i % 4]!));

/** Sample `sampleId` as a clip in `split`: its words in one segment, in several out of order, or no speech. */
function clip(sampleId: number, split: DatasetItem['split']): DatasetItem {
  const segments =
    sampleId % 3 === 0
      ? [
          { id: 's2', startMs: 150, endMs: 280, text: `later, "${sampleId}"` },
          { id: 's1', startMs: 0, endMs: 120, text: '=first' },
        ]
      : [{ id: 's1', startMs: 0, endMs: 300, text: `clip ${sampleId}, said once` }];
  const label = {
    v: 1 as const,
    kind: 'transcript' as const,
    mode: sampleId % 3 === 0 ? ('segments' as const) : ('clip' as const),
    segments,
    noSpeech: sampleId % 7 === 0,
    flags: { unsure: false, comment: '', mediaBroken: false },
    tags: [],
  };
  return { ...item(sampleId, `${sampleId}.wav`, split), label, width: null, height: null, durationMs: 300 };
}

/** 40 clips over the three splits. */
const CLIPS = Array.from({ length: 40 }, (_, i) => clip(i + 1, SPLIT_OF[i % 4]!));

const CLASSES = [
  { id: 1, name: 'car' },
  { id: 2, name: 'bus' },
];

/** The card and manifest only repeat the summary: the counts are this version's. */
const SUMMARY: DatasetSummary = { ...summaryOf(1), counts: { train: 20, dev: 10, test: 10 } };

/** Every file under `dir` with its bytes (links followed), by relative path. */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (!entry.isDirectory()) files.set(relative(dir, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name)));
  return files;
}

/** `items` as pages of `size`, as `datasetVersionPages` reads a version, read one after another. */
async function* pagesOf(items: readonly DatasetItem[], size: number, failAt?: number): AsyncGenerator<DatasetItem[]> {
  for (let start = 0; start < items.length; start += size) {
    if (start === failAt) throw new Error('dataset_item.item_json of row dataset_version_id 1, sample_id 21 is not valid JSON');
    await new Promise((resolve) => setImmediate(resolve));
    yield items.slice(start, start + size);
  }
}

describe('an export made as its version is read page by page', () => {
  const tempDir = useTempDirs();

  async function exportOf(items: ExportJob['items'], format: ExportJob['format'], media: string, outDir: string) {
    return writeExport({
      summary: SUMMARY,
      items,
      format,
      outDir,
      copyMedia: false,
      projectName: 'Paged',
      classes: CLASSES,
      rootName: 'v1',
      mediaPath: (id) => join(media, `${id}.jpg`),
    });
  }

  async function mediaFolder(): Promise<string> {
    const media = tempDir();
    for (const { sampleId } of ITEMS) await writeImage(join(media, `${sampleId}.jpg`), 'jpeg', 20, 20, sampleId);
    return media;
  }

  it('writes every image format byte for byte as from the whole version at once, whatever the page size', async () => {
    const media = await mediaFolder();
    for (const format of BOX_FORMATS) {
      const whole = join(tempDir(), format);
      await exportOf(ITEMS, format, media, whole);
      const expected = tree(whole);
      for (const size of [1, 7, 40]) {
        const paged = join(tempDir(), format);
        await exportOf(() => pagesOf(ITEMS, size), format, media, paged);
        expect(tree(paged), `${format}, pages of ${size}`).toEqual(expected);
      }
    }
  });

  it("writes Label Studio's tasks and CVAT's annotations as their formats write the whole version's tasks, from pages", async () => {
    const media = await mediaFolder();
    const info = { name: 'Paged dataset v1', assignee: null };
    // As the export names them: the last samples' folders dropped.
    const flat = ITEMS.map((it) => ({ ...it, fileName: basename(it.fileName) }));
    const expected = {
      'label-studio': [
        'tasks.json',
        [
          ...labelStudioTasks(
            finalTasks(flat, (it) => `media/${it.fileName}`, 'label-studio'),
            'bbox',
            CLASSES,
          ),
        ].join(''),
      ],
      cvat: [
        'annotations.xml',
        [
          ...cvatXml(
            finalTasks(flat, (it) => `images/${it.fileName}`, 'cvat'),
            CLASSES,
            info,
          ),
        ].join(''),
      ],
    } as const;
    for (const format of ['label-studio', 'cvat'] as const) {
      const out = join(tempDir(), format);
      await exportOf(() => pagesOf(ITEMS, 7), format, media, out);
      expect(readFileSync(join(out, expected[format][0]), 'utf8'), format).toBe(expected[format][1]);
    }
  });

  it("writes each split's transcript manifests as their formats write the split's items, whatever the page size", async () => {
    const media = tempDir();
    for (const { sampleId } of CLIPS) writeWav(join(media, `${sampleId}.wav`), 300);
    const summary: DatasetSummary = { ...SUMMARY, kind: 'transcript' };
    const inSplit = (split: DatasetItem['split']) => CLIPS.filter((clip) => clip.split === split);
    const expected = {
      jsonl: (split: DatasetItem['split']) => [...jsonlRows(inSplit(split), (item) => `audio/${item.fileName}`)].join(''),
      csv: (split: DatasetItem['split']) => [...csvRows(inSplit(split), (item) => item.fileName)].join(''),
      huggingface: (split: DatasetItem['split']) => [...audiofolderRows(inSplit(split))].join(''),
    };
    const files = { jsonl: 'manifest.jsonl', csv: 'metadata.csv', huggingface: 'metadata.jsonl' };
    const folders = {
      jsonl: { train: 'train', dev: 'val', test: 'test' },
      csv: { train: 'train', dev: 'val', test: 'test' },
      huggingface: { train: 'train', dev: 'validation', test: 'test' },
    };
    for (const format of ['jsonl', 'csv', 'huggingface'] as const)
      for (const size of [1, 7, 40]) {
        const out = join(tempDir(), format);
        await writeExport({
          summary,
          items: () => pagesOf(CLIPS, size),
          format,
          outDir: out,
          copyMedia: false,
          projectName: 'Paged',
          classes: [],
          mediaPath: (id) => join(media, `${id}.wav`),
        });
        for (const split of ['train', 'dev', 'test'] as const)
          expect(readFileSync(join(out, folders[format][split], files[format]), 'utf8'), `${format} ${split}, pages of ${size}`).toBe(expected[format](split));
      }
  });

  it('makes a version whose names share a stem on a later page again with unique names, leaving one folder', async () => {
    const media = await mediaFolder();
    // Sample 37's name shares sample 3's stem (`3.jpg`, ignoring case): both must be renamed, after 36 samples were placed.
    const items = ITEMS.map((it) => (it.sampleId === 37 ? { ...it, fileName: 'other/3.PNG' } : it));
    for (const format of ['coco', 'yolo'] as const) {
      const parent = tempDir();
      await exportOf(() => pagesOf(items, 6), format, media, join(parent, format));
      expect(readdirSync(parent)).toEqual([format]);
      const manifest = JSON.parse(readFileSync(join(parent, format, 'manifest.json'), 'utf8')) as { flaggedSamples: { sampleId: number; fileName: string }[] };
      expect(manifest.flaggedSamples.find((sample) => sample.sampleId === 35)?.fileName).toBe('35.png');
      const files = [...tree(join(parent, format)).keys()];
      expect(files.filter((path) => /^(3|37)[._]/.test(basename(path))).sort()).toEqual(
        format === 'coco'
          ? ['train/images/37_3.PNG', 'val/images/3_3.jpg']
          : ['images/train/37_3.PNG', 'images/val/3_3.jpg', 'labels/train/37_3.txt', 'labels/val/3_3.txt'],
      );
    }
  });

  it('leaves no folder, hidden or not, when a later page fails to read, and says which row failed', async () => {
    const media = await mediaFolder();
    for (const format of ['coco', 'yolo'] as const) {
      const parent = tempDir();
      await expect(exportOf(() => pagesOf(ITEMS, 10, 20), format, media, join(parent, format))).rejects.toThrow('sample_id 21 is not valid JSON');
      expect(readdirSync(parent)).toEqual([]);
    }
  });
});
