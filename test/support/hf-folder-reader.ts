import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

/**
 * A small reader of Hugging Face's `imagefolder` / `audiofolder` layout, written from their
 * documentation ("Create an image dataset" and "Create an audio dataset" in the `datasets`
 * docs) to check an export without Python: a folder per split named with one of the split
 * keywords; in it the media and a `metadata.jsonl` whose rows link a file by `file_name`,
 * relative to the metadata file; every media file has a row; the columns are the same in
 * every row and every split (the loader infers one set of features). Object detection rows
 * hold `objects` with `bbox` ([x, y, width, height]) and `categories`, one per box.
 */
export function readHfFolder(root: string, kind: 'image' | 'audio'): Map<string, Record<string, unknown>[]> {
  const extensions = kind === 'image' ? ['.jpg', '.jpeg', '.png', '.webp'] : ['.wav', '.flac', '.mp3', '.ogg'];
  const splits = new Map<string, Record<string, unknown>[]>();
  let columns: string | null = null;
  for (const split of readdirSync(root).filter((name) => statSync(join(root, name)).isDirectory())) {
    if (!SPLIT_KEYWORDS.includes(split)) throw new Error(`${split} is not a split name the loader knows`);
    const dir = join(root, split);
    const rows = readFileSync(join(dir, 'metadata.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const named = new Set<string>();
    for (const row of rows) {
      const fileName = row.file_name;
      if (typeof fileName !== 'string' || !existsSync(join(dir, fileName))) throw new Error(`${split}: no file for ${String(fileName)}`);
      if (named.has(fileName)) throw new Error(`${split}: ${fileName} has two rows`);
      named.add(fileName);
      const keys = Object.keys(row).sort().join(',');
      if (columns !== null && keys !== columns) throw new Error(`${split}: columns ${keys} differ from ${columns}`);
      columns = keys;
      if (kind === 'image') checkObjects(row.objects, `${split}/${fileName}`);
    }
    for (const file of readdirSync(dir))
      if (extensions.includes(extname(file).toLowerCase()) && !named.has(file)) throw new Error(`${split}: ${file} has no metadata`);
    splits.set(split, rows);
  }
  return splits;
}

/** The split names the loaders recognise (from the "File names and splits" guide). */
const SPLIT_KEYWORDS = ['train', 'training', 'validation', 'valid', 'val', 'dev', 'test', 'testing', 'eval', 'evaluation'];

function checkObjects(objects: unknown, where: string): void {
  const { bbox, categories } = (objects ?? {}) as { bbox?: unknown; categories?: unknown };
  if (!Array.isArray(bbox) || !Array.isArray(categories) || bbox.length !== categories.length)
    throw new Error(`${where}: objects need bbox and categories, one each per box`);
  for (const box of bbox)
    if (!Array.isArray(box) || box.length !== 4 || !box.every((v) => typeof v === 'number')) throw new Error(`${where}: a bbox is not [x, y, width, height]`);
  if (!categories.every((c) => Number.isInteger(c))) throw new Error(`${where}: categories are not class indexes`);
}
