import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SPLITS as ALL_IN } from '../../support/dataset-splits';
import { writeImage, writeText } from '../../support/media-fixtures';
import { importAndWait, useServiceHost, type TestHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

const MANIFEST_ROWS = ['img/sub1/a.jpg', 'img/sub2/a.png', 'img/1_a.jpg'];

/**
 * The manifest of issue 17: two files named `a` in different folders and one already named
 * `1_a.jpg`, all labelled with one box each (by a labeler whose COCO file names the paths).
 */
async function projectWithLookalikeNames(host: TestHost, tempDir: () => string): Promise<number> {
  const media = tempDir();
  await writeImage(join(media, 'img/sub1/a.jpg'), 'jpeg', 40, 30, 1);
  await writeImage(join(media, 'img/sub2/a.png'), 'png', 40, 30, 2);
  await writeImage(join(media, 'img/1_a.jpg'), 'jpeg', 40, 30, 3);
  writeText(join(media, 'manifest.csv'), ['file', ...MANIFEST_ROWS, ''].join('\n'));
  await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'Lookalikes', kind: 'bbox', classes: [{ name: 'car' }] });
  const imported = await importAndWait(host, join(media, 'manifest.csv'));
  expect(imported.imported).toBe(3);
  const coco = {
    images: MANIFEST_ROWS.map((file_name, i) => ({ id: i + 1, file_name, width: 40, height: 30 })),
    annotations: MANIFEST_ROWS.map((_, i) => ({ id: i + 1, image_id: i + 1, category_id: 1, bbox: [i + 1, 2, 10, 10] })),
    categories: [{ id: 1, name: 'car' }],
  };
  writeText(join(media, 'labels.json'), JSON.stringify(coco));
  const labels = await host.ok('labels.import', { labeler: 'vendor', format: 'coco', path: join(media, 'labels.json') });
  expect(labels.problems).toEqual([]);
  expect(labels.imported).toBe(3);
  // Everything in train, so every sample meets the others in one folder.
  const version = await host.ok('datasets.create', { ...ALL_IN, ratios: [1, 0, 0] });
  return version.version;
}

describe('export file names', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  it('gives each of img/sub1/a.jpg, img/sub2/a.png and img/1_a.jpg its own file in COCO and YOLO, copied or linked', async () => {
    const host = newHost(tempDir());
    const version = await projectWithLookalikeNames(host, tempDir);
    const out = tempDir();
    for (const copyMedia of [true, false]) {
      const coco = join(out, `coco-${copyMedia}`);
      await host.ok('datasets.export', { version, format: 'coco', outDir: coco, copyMedia });
      const images = readdirSync(join(coco, 'train', 'images')).sort();
      expect(images).toHaveLength(3);
      const file = JSON.parse(readFileSync(join(coco, 'train', 'annotations.json'), 'utf8')) as {
        images: { id: number; file_name: string }[];
        annotations: { image_id: number; bbox: number[] }[];
      };
      expect(file.images.map((image) => image.file_name).sort()).toEqual(images);
      // Each renamed file starts with its sample id (the COCO image id), and each image's box is
      // still its own: the box's x says which manifest row it came from.
      const boxX = (name: string) => {
        const image = file.images.find((i) => i.file_name === name)!;
        return file.annotations.find((a) => a.image_id === image.id)!.bbox[0];
      };
      for (const image of file.images) expect(image.file_name.startsWith(`${image.id}_`), image.file_name).toBe(true);
      expect(images.map((name) => name.replace(/^\d+_/, '')).sort()).toEqual(['1_a.jpg', 'a.jpg', 'a.png']);
      expect(images.map((name) => [name.replace(/^\d+_/, ''), boxX(name)]).sort()).toEqual([
        ['1_a.jpg', 3],
        ['a.jpg', 1],
        ['a.png', 2],
      ]);

      const yolo = join(out, `yolo-${copyMedia}`);
      await host.ok('datasets.export', { version, format: 'yolo', outDir: yolo, copyMedia });
      const yoloImages = readdirSync(join(yolo, 'images', 'train')).sort();
      const yoloLabels = readdirSync(join(yolo, 'labels', 'train')).sort();
      expect(yoloImages).toHaveLength(3);
      expect(yoloLabels).toEqual(yoloImages.map((name) => name.replace(/\.[^.]+$/, '.txt')).sort());
    }
  });
});
