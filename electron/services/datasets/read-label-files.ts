import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ApiError } from '../../../shared/api/errors';
import { fromVocBox } from '../../../shared/dataset/formats/voc';
import { parseCoco } from '../../../shared/dataset/import/parse-coco';
import { parseJsonl } from '../../../shared/dataset/import/parse-jsonl';
import type { ParseResult } from '../../../shared/dataset/import/parsed-label';
import { parseVoc } from '../../../shared/dataset/import/parse-voc';
import { parseYolo, yoloClassNames } from '../../../shared/dataset/import/parse-yolo';

export type LabelFormat = 'coco' | 'yolo' | 'voc' | 'jsonl';

/**
 * Reads another tool's labels from disk: COCO and JSONL from one file; VOC from an XML file or
 * a folder of them; YOLO from its data.yaml (label files under the folder beside it) or a folder
 * holding data.yaml or classes.txt and the label files.
 */
export async function readLabelFiles(format: LabelFormat, path: string): Promise<ParseResult & { baseDir: string }> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new ApiError('not_found', `${path} does not exist.`, [{ path: 'path', message: 'not found' }]);
  const baseDir = info.isDirectory() ? path : dirname(path);
  switch (format) {
    case 'coco':
      return { ...parseCoco(await readFile(path, 'utf8')), baseDir };
    case 'jsonl':
      return { ...parseJsonl(await readFile(path, 'utf8')), baseDir };
    case 'voc':
      return { ...fromVocPixels(parseVoc(await readTexts(info.isDirectory() ? await filesUnder(path, '.xml') : [path]))), baseDir };
    case 'yolo': {
      const root = baseDir;
      const entries = await filesUnder(root, '.txt');
      const classesTxt = entries.find((file) => basename(file) === 'classes.txt');
      const yamlPath = info.isFile() ? path : (await filesUnder(root, '.yaml')).find((file) => basename(file) === 'data.yaml');
      const names = classesTxt
        ? yoloClassNames({ classesTxt: await readFile(classesTxt, 'utf8') })
        : yamlPath
          ? yoloClassNames({ yaml: parseYaml(await readFile(yamlPath, 'utf8')) })
          : [];
      if (names.length === 0)
        throw new ApiError('invalid_argument', `No class names found: give the data.yaml, or a folder with data.yaml or classes.txt (${path}).`);
      const labelFiles = entries.filter((file) => file !== classesTxt);
      const texts = new Map<string, string>();
      for (const file of labelFiles) texts.set(basename(file), await readFile(file, 'utf8'));
      return { ...parseYolo(texts, names), baseDir };
    }
  }
}

/** VOC counts pixels from 1 (`fromVocBox`); Concord's edges count from 0. */
function fromVocPixels(result: ParseResult): ParseResult {
  const labels = result.labels.map((label) =>
    label.content.kind === 'boxes'
      ? {
          ...label,
          content: {
            kind: 'boxes' as const,
            boxes: label.content.boxes.map((b) => ({ ...b, ...fromVocBox({ xmin: b.x1, ymin: b.y1, xmax: b.x2, ymax: b.y2 }) })),
          },
        }
      : label,
  );
  return { ...result, labels };
}

async function readTexts(files: readonly string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const file of files) texts.set(basename(file), await readFile(file, 'utf8'));
  return texts;
}

/** Files with the extension anywhere under `dir`, in a stable order. */
async function filesUnder(dir: string, extension: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith(extension))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
