import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { vocBox } from '../../../shared/dataset/formats/voc';
import type { DatasetItem } from '../../../shared/domain/dataset';
import { SPLITS as ALL_IN } from '../../support/dataset-splits';
import { openDemoAs, useServiceHost, type TestHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';
import { frozenItemsOf } from '../../support/dataset-items';

/** Every file under `dir` with its bytes (links followed), by relative path. */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (!entry.isDirectory()) files.set(relative(dir, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name)));
  return files;
}

async function demoVersion(host: TestHost, kind: 'bbox' | 'transcript'): Promise<{ version: number; items: DatasetItem[] }> {
  await openDemoAs(host, kind, 'eli');
  const { version } = await host.ok('datasets.create', ALL_IN);
  return { version, items: await frozenItemsOf(host, version) };
}

describe('exports as their readers expect them', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  it('COCO: the dev split is val, boxes are polygons too, iscrowd 0, and images carry Concord extras', async () => {
    const host = newHost(tempDir());
    const { version, items } = await demoVersion(host, 'bbox');
    const dir = join(tempDir(), 'coco');
    await host.ok('datasets.export', { version, format: 'coco', outDir: dir, copyMedia: true });
    expect(readdirSync(dir).sort()).toEqual(['DATASET.md', 'manifest.json', 'test', 'train', 'val']);
    const coco = JSON.parse(readFileSync(join(dir, 'val', 'annotations.json'), 'utf8')) as {
      images: { id: number; concord: { source: string; agreement: number | null; flagged: boolean } }[];
      annotations: { bbox: number[]; segmentation: number[][]; iscrowd: number }[];
    };
    expect(coco.images.length).toBe(items.filter((item) => item.split === 'dev').length);
    expect(coco.annotations.length).toBeGreaterThan(0);
    for (const { bbox, segmentation, iscrowd } of coco.annotations) {
      // The box's four corners, clockwise from the top left.
      const [x, y, w, h] = bbox as [number, number, number, number];
      const corners = [x, y, x + w, y, x + w, y + h, x, y + h];
      expect(segmentation).toHaveLength(1);
      segmentation[0]!.forEach((value, i) => expect(value).toBeCloseTo(corners[i]!, 6));
      expect(iscrowd).toBe(0);
    }
    for (const image of coco.images) {
      const item = items.find((i) => i.sampleId === image.id)!;
      expect(image.concord).toEqual({ source: item.source, agreement: item.agreement, flagged: item.source === 'flagged' });
    }
  });

  it('YOLO: data.yaml has the folder as path and val for the dev split, and every listed folder holds its images', async () => {
    const host = newHost(tempDir());
    const { version, items } = await demoVersion(host, 'bbox');
    const dir = join(tempDir(), 'yolo');
    await host.ok('datasets.export', { version, format: 'yolo', outDir: dir, copyMedia: true });
    const data = parseYaml(readFileSync(join(dir, 'data.yaml'), 'utf8')) as Record<string, unknown>;
    expect(data.path).toBe(dir);
    expect(data).toMatchObject({ train: 'images/train', val: 'images/val', test: 'images/test' });
    expect(data).not.toHaveProperty('dev');
    // As YOLOv5 and Ultralytics resolve them: each split folder is `path` joined with its entry.
    for (const [split, key] of [
      ['train', 'train'],
      ['dev', 'val'],
      ['test', 'test'],
    ] as const)
      expect(readdirSync(join(data.path as string, data[key] as string)).length).toBe(items.filter((item) => item.split === split).length);
  });

  it('Pascal VOC: JPEGs in JPEGImages (PNGs converted), 1-based whole pixels, and train/val/test/trainval lists', async () => {
    const host = newHost(tempDir());
    const { version, items } = await demoVersion(host, 'bbox');
    const dir = join(tempDir(), 'voc');
    await host.ok('datasets.export', { version, format: 'voc', outDir: dir, copyMedia: false });
    expect(readdirSync(join(dir, 'ImageSets', 'Main')).sort()).toEqual(['test.txt', 'train.txt', 'trainval.txt', 'val.txt']);
    const ids = (name: string) =>
      readFileSync(join(dir, 'ImageSets', 'Main', `${name}.txt`), 'utf8')
        .split('\n')
        .filter(Boolean);
    const stem = (item: DatasetItem) => item.fileName.replace(/\.[^.]+$/, '');
    expect(ids('val')).toEqual(items.filter((item) => item.split === 'dev').map(stem));
    expect(ids('trainval').sort()).toEqual([...ids('train'), ...ids('val')].sort());
    expect(items.some((item) => item.fileName.endsWith('.png'))).toBe(true);

    for (const item of items) {
      const image = join(dir, 'JPEGImages', `${stem(item)}.jpg`);
      const meta = await sharp(image).metadata();
      expect([meta.format, meta.width, meta.height], item.fileName).toEqual(['jpeg', item.width, item.height]);
      // A PNG is converted to a three-channel JPEG; a JPEG stays itself, hard-linked to the project's file.
      if (item.fileName.endsWith('.png')) expect([meta.channels, statSync(image).nlink]).toEqual([3, 1]);
      else expect(lstatSync(image).isFile() && statSync(image).nlink).toBeGreaterThanOrEqual(2);
      const xml = readFileSync(join(dir, 'Annotations', `${stem(item)}.xml`), 'utf8');
      expect(xml).toContain(`<filename>${stem(item)}.jpg</filename>`);
      const written = [...xml.matchAll(/<xmin>(\d+)<\/xmin><ymin>(\d+)<\/ymin><xmax>(\d+)<\/xmax><ymax>(\d+)<\/ymax>/g)].map((m) => m.slice(1).map(Number));
      const boxes = item.label.kind === 'bbox' ? item.label.boxes : [];
      expect(written).toEqual(boxes.map((box) => Object.values(vocBox(box, item.width, item.height))));
      for (const [xmin, ymin, xmax, ymax] of written as [number, number, number, number][]) {
        expect(xmin).toBeGreaterThanOrEqual(1);
        expect(ymin).toBeGreaterThanOrEqual(1);
        expect(xmax).toBeLessThanOrEqual(item.width!);
        expect(ymax).toBeLessThanOrEqual(item.height!);
      }
    }
  });

  it('links media when not copying (the folder says it is not portable), and copies them with copyMedia', async () => {
    const host = newHost(tempDir());
    const { version, items } = await demoVersion(host, 'bbox');
    const out = tempDir();
    await host.ok('datasets.export', { version, format: 'coco', outDir: join(out, 'linked'), copyMedia: false });
    await host.ok('datasets.export', { version, format: 'coco', outDir: join(out, 'copied'), copyMedia: true });
    for (const item of items) {
      const path = (mode: string) => join(out, mode, item.split === 'dev' ? 'val' : item.split, 'images', item.fileName);
      // Hard links on one disk (export-media-links.test.ts has the kinds of link); a copy is a file of its own.
      expect(statSync(path('linked')).nlink).toBeGreaterThanOrEqual(2);
      expect(lstatSync(path('copied')).isFile()).toBe(true);
      expect(statSync(path('copied')).nlink).toBe(1);
      expect(readFileSync(path('linked'))).toEqual(readFileSync(path('copied')));
    }
    expect(readFileSync(join(out, 'linked', 'DATASET.md'), 'utf8')).toMatch(/not portable[\s\S]*concord export --portable/);
    expect(readFileSync(join(out, 'copied', 'DATASET.md'), 'utf8')).toMatch(/can be moved, archived and shared/);
  });

  it('re-exports VOC (converted JPEGs included) and Hugging Face byte for byte', async () => {
    const host = newHost(tempDir());
    const { version } = await demoVersion(host, 'bbox');
    const out = tempDir();
    for (const format of ['voc', 'huggingface'] as const) {
      await host.ok('datasets.export', { version, format, outDir: join(out, `${format}-a`), copyMedia: true });
      await host.ok('datasets.export', { version, format, outDir: join(out, `${format}-b`), copyMedia: true });
      expect(tree(join(out, `${format}-b`)), format).toEqual(tree(join(out, `${format}-a`)));
    }
    expect(statSync(join(out, 'voc-a', 'JPEGImages')).isDirectory()).toBe(true);
  });
});
