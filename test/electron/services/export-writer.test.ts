import { readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExportWriter } from '../../../electron/services/datasets/export-writer';
import { writeExport } from '../../../electron/services/datasets/write-export';
import type { DatasetItem, DatasetSummary } from '../../../shared/domain/dataset';
import { boxItem } from '../../support/dataset-fixtures';
import { writeImage } from '../../support/media-fixtures';
import { useTempDirs } from '../../support/temp-dir';

/** Sample `sampleId` as a 20×20 image with one box, saved under `fileName`. */
function item(sampleId: number, fileName: string): DatasetItem {
  const box = { id: 'b1', classId: 1, x1: sampleId, y1: 1, x2: sampleId + 5, y2: 6 };
  return boxItem([box], { sampleId, fileName, sha256: String(sampleId), width: 20, height: 20 });
}

const SUMMARY: DatasetSummary = {
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  contentHash: 'x',
  kind: 'bbox',
  options: { ratios: [1, 0, 0], seed: 1, minAgreement: 0, unresolved: 'flag', stratifyTags: [], pinTestFrom: null },
  counts: { train: 2, dev: 0, test: 0 },
  excluded: 0,
  bySource: { gold: 0, consensus: 0, single: 2, flagged: 0 },
  classes: { train: { car: 2 }, dev: {}, test: {} },
  tags: { train: {}, dev: {}, test: {} },
  agreement: { value: null, low: null, high: null },
  guidelines: [],
  labelers: ['vendor'],
};

describe('an export checks itself before it is renamed into place', () => {
  const tempDir = useTempDirs();

  it('writes a version frozen with two samples under one name (before names were unique) as two files', async () => {
    const media = tempDir();
    await writeImage(join(media, '1.jpg'), 'jpeg', 20, 20, 1);
    await writeImage(join(media, '2.jpg'), 'jpeg', 20, 20, 2);
    const out = join(tempDir(), 'coco');
    const result = await writeExport({
      summary: SUMMARY,
      items: [item(1, '1_a.jpg'), item(2, '1_a.jpg')],
      format: 'coco',
      outDir: out,
      copyMedia: true,
      projectName: 'Old',
      classes: [{ id: 1, name: 'car' }],
      mediaPath: (id) => join(media, `${id}.jpg`),
    });
    const images = readdirSync(join(out, 'train', 'images')).sort();
    expect(images).toEqual(['1_1_a.jpg', '2_1_a.jpg']);
    const coco = JSON.parse(readFileSync(join(out, 'train', 'annotations.json'), 'utf8')) as { images: { id: number; file_name: string }[] };
    expect(coco.images).toEqual([expect.objectContaining({ id: 1, file_name: '1_1_a.jpg' }), expect.objectContaining({ id: 2, file_name: '2_1_a.jpg' })]);
    expect(result.files).toBe(images.length + 3 + 2); // three annotation files, manifest and card
  });

  it('leaves no folder, hidden or not, when a sample fails midway through the links', async () => {
    const media = tempDir();
    await writeImage(join(media, 'one.jpg'), 'jpeg', 20, 20, 1);
    const items = Array.from({ length: 300 }, (_, i) => item(i + 1, `${i + 1}.jpg`));
    for (const format of ['coco', 'yolo'] as const) {
      const parent = tempDir();
      const failed = writeExport({
        summary: { ...SUMMARY, counts: { train: items.length, dev: 0, test: 0 } },
        items,
        format,
        outDir: join(parent, format),
        copyMedia: false,
        projectName: 'Gone',
        classes: [{ id: 1, name: 'car' }],
        // As when a sample was removed from the project after the version was frozen: links to the others are in flight.
        mediaPath: (id) => {
          if (id === 200) throw new Error('Sample 200 is no longer in the project.');
          return join(media, 'one.jpg');
        },
      });
      await expect(failed).rejects.toThrow('Sample 200 is no longer in the project.');
      expect(readdirSync(parent)).toEqual([]);
    }
  });

  it('leaves no folder when a label file fails midway (written on the main thread between the links)', async () => {
    const media = tempDir();
    await writeImage(join(media, 'one.jpg'), 'jpeg', 20, 20, 1);
    const items = Array.from({ length: 300 }, (_, i) => item(i + 1, `${i + 1}.jpg`));
    const parent = tempDir();
    const failed = writeExport({
      summary: { ...SUMMARY, counts: { train: items.length, dev: 0, test: 0 } },
      items,
      format: 'yolo',
      outDir: join(parent, 'yolo'),
      copyMedia: false,
      projectName: 'Moved',
      classes: [{ id: 1, name: 'car' }],
      // Just before sample 200's label, its folder is moved away inside the hidden export: that write fails, 199 labels already written.
      mediaPath: (id) => {
        if (id === 200) {
          const hidden = join(parent, readdirSync(parent)[0]!);
          renameSync(join(hidden, 'labels', 'train'), join(hidden, 'moved-away'));
        }
        return join(media, 'one.jpg');
      },
    });
    await expect(failed).rejects.toThrow('ENOENT');
    expect(readdirSync(parent)).toEqual([]);
  });

  it('refuses a sample placed twice, two files on one name (ignoring case), and a missing sample', async () => {
    const root = tempDir();
    const media = tempDir();
    await writeImage(join(media, '1.jpg'), 'jpeg', 20, 20, 1);
    const writer = () => new ExportWriter({ root, finalRoot: join(tempDir(), 'final'), copyMedia: true, mediaPath: () => join(media, '1.jpg') });

    const twice = writer();
    await twice.media(item(1, 'a.jpg'), 'train/a.jpg');
    await expect(twice.media(item(1, 'a.jpg'), 'val/a.jpg')).rejects.toThrow(/Sample 1 would be written twice/);

    const clash = writer();
    await clash.small('labels/A.txt', '');
    await expect(clash.small('labels/a.txt', '')).rejects.toThrow(/Two files would both be written as labels\/A\.txt/);

    const missing = writer();
    await missing.small('only.txt', '');
    await expect(missing.verify([item(7, 'x.jpg')])).rejects.toThrow(/Sample 7 \(x\.jpg\) is missing from the export/);
  });

  it('refuses a folder that lost a file it wrote, or holds one it did not write, however deep', async () => {
    const media = tempDir();
    await writeImage(join(media, '1.jpg'), 'jpeg', 20, 20, 1);
    const writer = (root: string) => new ExportWriter({ root, finalRoot: join(tempDir(), 'final'), copyMedia: false, mediaPath: () => join(media, '1.jpg') });
    const written = async (root: string) => {
      const out = writer(root);
      await out.media(item(1, 'a.jpg'), 'train/images/a.jpg');
      await out.small('labels/train/a.txt', '0 0.5 0.5 0.1 0.1\n');
      await out.drain();
      return out;
    };

    const whole = tempDir();
    await expect((await written(whole)).verify([item(1, 'a.jpg')])).resolves.toBeUndefined();

    const lost = tempDir();
    const lostWriter = await written(lost);
    unlinkSync(join(lost, 'labels/train/a.txt'));
    await expect(lostWriter.verify([item(1, 'a.jpg')])).rejects.toThrow('labels/train/a.txt was not written');

    const extra = tempDir();
    const extraWriter = await written(extra);
    writeFileSync(join(extra, 'train/images/stray.jpg'), '');
    await expect(extraWriter.verify([item(1, 'a.jpg')])).rejects.toThrow('holds files it did not write');

    const renamed = tempDir();
    const renamedWriter = await written(renamed);
    renameSync(join(renamed, 'labels/train/a.txt'), join(renamed, 'labels/train/A.txt'));
    await expect(renamedWriter.verify([item(1, 'a.jpg')])).rejects.toThrow('holds files it did not write');
  });
});
