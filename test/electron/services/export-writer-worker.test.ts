import { lstatSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeExport } from '../../../electron/services/datasets/write-export';
import { cocoFile } from '../../../shared/dataset/formats/coco';
import { yoloLabel } from '../../../shared/dataset/formats/yolo';
import type { DatasetItem, DatasetSummary } from '../../../shared/domain/dataset';
import { boxItem, summaryOf } from '../../support/dataset-fixtures';
import { useTempDirs } from '../../support/temp-dir';

// A large export's files past its first 2,000 are made by a worker thread: these exports are
// large enough (an image and a label file per sample) for most of their files to be made there.
const SAMPLES = 1_500;
const CLASSES = [{ id: 1, name: 'car' }];

/** Sample `sampleId` as a 640×480 image with one box of its own, saved under `fileName`. */
function item(sampleId: number): DatasetItem {
  const box = { id: 'b1', classId: 1, x1: sampleId % 600, y1: 3, x2: (sampleId % 600) + 17, y2: 40 };
  return boxItem([box], { sampleId, fileName: `${sampleId}.jpg`, sha256: String(sampleId), width: 640, height: 480 });
}

const items = Array.from({ length: SAMPLES }, (_, i) => item(i + 1));
const SUMMARY: DatasetSummary = { ...summaryOf(1), counts: { train: SAMPLES, dev: 0, test: 0 } };

/** A file per sample, as a project has (not images: a linked export never reads them). */
function mediaFolder(dir: string, samples: readonly DatasetItem[] = items): (sampleId: number) => string {
  for (const { sampleId } of samples) writeFileSync(join(dir, `${sampleId}.jpg`), `image ${sampleId}`);
  return (sampleId) => join(dir, `${sampleId}.jpg`);
}

// COCO makes one file per image, so more samples than YOLO's to pass the first 2,000 files (its
// images linked by the worker while this thread keeps every split's annotations); five boxes each.
const COCO_SAMPLES = 3_000;
const cocoItems = Array.from({ length: COCO_SAMPLES }, (_, i): DatasetItem => {
  const sampleId = i + 1;
  const boxes = Array.from({ length: 5 }, (_, b) => ({ classId: 1, x1: (sampleId % 500) + b / 3, y1: b, x2: (sampleId % 500) + 20.25, y2: 30 + b / 7 }));
  // Most in train, some in each other split: each split's file has annotations of its own.
  const split = sampleId % 10 === 0 ? 'dev' : sampleId % 10 === 5 ? 'test' : 'train';
  return boxItem(boxes, { sampleId, fileName: `${sampleId}.jpg`, sha256: String(sampleId), split });
});
const COCO_SUMMARY: DatasetSummary = { ...summaryOf(1), counts: { train: 2_400, dev: 300, test: 300 } };

const coco = (outDir: string, mediaPath: (sampleId: number) => string) =>
  writeExport({ summary: COCO_SUMMARY, items: cocoItems, format: 'coco', outDir, copyMedia: false, projectName: 'Large', classes: CLASSES, mediaPath });

const yolo = (outDir: string, mediaPath: (sampleId: number) => string) =>
  writeExport({ summary: SUMMARY, items, format: 'yolo', outDir, copyMedia: false, projectName: 'Large', classes: CLASSES, mediaPath });

describe("a large export's files made by its worker thread", () => {
  const tempDir = useTempDirs();
  const onOtherDisk: string[] = [];
  afterEach(() => {
    for (const dir of onOtherDisk.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("hard-links every image to the project's file and writes every label file's text, the card counting them", async () => {
    const media = tempDir();
    const mediaPath = mediaFolder(media);
    const out = join(tempDir(), 'yolo');
    const result = await yolo(out, mediaPath);
    expect(result.files).toBe(2 * SAMPLES + 3); // data.yaml, manifest and card
    expect(readdirSync(join(out, 'images', 'train'))).toHaveLength(SAMPLES);
    expect(readdirSync(join(out, 'labels', 'train'))).toHaveLength(SAMPLES);
    for (const sample of items) {
      const image = statSync(join(out, 'images', 'train', sample.fileName));
      expect(image.ino, sample.fileName).toBe(statSync(mediaPath(sample.sampleId)).ino);
      expect(readFileSync(join(out, 'labels', 'train', `${sample.sampleId}.txt`), 'utf8')).toBe(yoloLabel(sample, CLASSES));
    }
    expect(readFileSync(join(out, 'DATASET.md'), 'utf8')).toContain(`- ${SAMPLES} as hard links`);
  });

  it('links every image symbolically when the media are on another disk, the card counting them', async (context) => {
    const otherDisk = '/dev/shm';
    if (statSync(otherDisk, { throwIfNoEntry: false })?.dev === statSync(tmpdir()).dev || !statSync(otherDisk, { throwIfNoEntry: false })) context.skip();
    const media = mkdtempSync(join(otherDisk, 'concord-test-'));
    onOtherDisk.push(media);
    const mediaPath = mediaFolder(media);
    const out = join(tempDir(), 'yolo');
    await yolo(out, mediaPath);
    for (const sample of items) {
      const image = join(out, 'images', 'train', sample.fileName);
      expect(lstatSync(image).isSymbolicLink(), sample.fileName).toBe(true);
      expect(realpathSync(image)).toBe(realpathSync(mediaPath(sample.sampleId)));
    }
    const card = readFileSync(join(out, 'DATASET.md'), 'utf8');
    expect(card).toContain(`- ${SAMPLES} as symbolic links`);
    expect(card).not.toContain('as hard links');
  });

  it("writes each split's COCO file as the formatter alone would, beside the images the worker links", async () => {
    const mediaPath = mediaFolder(tempDir(), cocoItems);
    const out = join(tempDir(), 'coco');
    const result = await coco(out, mediaPath);
    expect(result.files).toBe(COCO_SAMPLES + 5); // three annotation files, manifest and card
    const info = { description: 'Large dataset v1', version: '1' };
    for (const [split, folder] of [
      ['train', 'train'],
      ['dev', 'val'],
      ['test', 'test'],
    ] as const) {
      const expected = [
        ...cocoFile(
          cocoItems.filter((item) => item.split === split),
          CLASSES,
          info,
        ),
      ].join('');
      expect(readFileSync(join(out, folder, 'annotations.json'), 'utf8'), split).toBe(expected);
      expect(readdirSync(join(out, folder)).sort()).toEqual(['annotations.json', 'images']);
    }
  });

  it('leaves no folder, hidden or not, when a label file made by the worker fails', async () => {
    const media = tempDir();
    const mediaPath = mediaFolder(media);
    const parent = tempDir();
    // Well past the first 2,000 files, the labels' folder is moved away inside the hidden export: the worker's next label file fails.
    const failed = yolo(join(parent, 'yolo'), (sampleId) => {
      if (sampleId === 1_400) {
        const hidden = join(parent, readdirSync(parent)[0]!);
        renameSync(join(hidden, 'labels', 'train'), join(hidden, 'moved-away'));
      }
      return mediaPath(sampleId);
    });
    await expect(failed).rejects.toThrow('ENOENT');
    expect(readdirSync(parent)).toEqual([]);
  });
});
