import { open, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { LabelImportFormat } from '../../../shared/domain/dataset';
import { fromVocBox } from '../../../shared/dataset/formats/voc';
import { LabelFileError } from '../../../shared/dataset/import/file-problems';
import { parseCoco } from '../../../shared/dataset/import/parse-coco';
import { parseCvat } from '../../../shared/dataset/import/parse-cvat';
import { parseJsonl } from '../../../shared/dataset/import/parse-jsonl';
import { parseLabelStudio } from '../../../shared/dataset/import/parse-label-studio';
import type { ParseResult } from '../../../shared/dataset/import/parsed-label';
import { parseVoc } from '../../../shared/dataset/import/parse-voc';
import { classNamesFromDataYaml, classNamesFromText, parseYolo } from '../../../shared/dataset/import/parse-yolo';

export type LabelFormat = LabelImportFormat;

/**
 * Largest label or predictions file read: under V8's longest string, so a bigger one gets
 * this clear refusal instead of a failed read (COCO's largest public file is about 450 MB).
 */
export const MAX_LABEL_FILE_BYTES = 500 * 1024 * 1024;

/**
 * Reads another tool's labels from disk: COCO and JSONL from one file; VOC from an XML file or
 * a folder of them; YOLO from its data.yaml (label files under the folder beside it) or a folder
 * holding data.yaml or classes.txt and the label files; Label Studio from its JSON export (its
 * predictions are not labels and are left for `train.predictions`); CVAT from an XML file or a
 * folder of them, one per job. A file that cannot be read as its
 * format fails the call with its path and the reason, never its text.
 */
export async function readLabelFiles(format: LabelFormat, path: string): Promise<ParseResult & { baseDir: string }> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new ApiError('not_found', `${path} does not exist.`, [{ path: 'path', message: 'not found' }]);
  const baseDir = info.isDirectory() ? path : dirname(path);
  switch (format) {
    case 'coco':
      return { ...parsedOrThrow(path, parseCoco, await readTextFile(path)), baseDir };
    case 'jsonl':
      return { ...parsedOrThrow(path, parseJsonl, await readTextFile(path)), baseDir };
    case 'label-studio': {
      const { predictions, ...parsed } = parsedOrThrow(path, parseLabelStudio, await readTextFile(path));
      if (predictions.length > 0)
        parsed.problems.push({
          where: basename(path),
          message: `its ${predictions.length} prediction${predictions.length === 1 ? ' is' : 's are'} a model's, not labels: score them against a dataset version (train.predictions)`,
        });
      return { ...parsed, baseDir };
    }
    case 'cvat':
      return { ...parseCvat(await readTexts(info.isDirectory() ? await filesUnder(path, '.xml') : [await regularFile(path)])), baseDir };
    case 'voc':
      return { ...fromVocPixels(parseVoc(await readTexts(info.isDirectory() ? await filesUnder(path, '.xml') : [await regularFile(path)]))), baseDir };
    case 'yolo': {
      // A file given for YOLO must be its data.yaml: any other would have its whole folder searched for labels.
      if (info.isFile() && !/\.ya?ml$/i.test(path))
        throw new ApiError('invalid_argument', `${path} is not a data.yaml: give the data.yaml, or a folder with data.yaml or classes.txt.`, [
          { path: 'path', message: 'not a data.yaml' },
        ]);
      const root = baseDir;
      const entries = await filesUnder(root, '.txt');
      const classesTxt = entries.find((file) => basename(file) === 'classes.txt');
      const yamlPath = info.isFile() ? path : (await filesUnder(root, '.yaml')).find((file) => basename(file) === 'data.yaml');
      const names = classesTxt
        ? classNamesFromText(await readTextFile(classesTxt))
        : yamlPath
          ? parsedOrThrow(yamlPath, classNamesFromDataYaml, await readTextFile(yamlPath))
          : [];
      if (names.length === 0)
        throw new ApiError('invalid_argument', `No class names found: give the data.yaml, or a folder with data.yaml or classes.txt (${path}).`);
      const labelFiles = entries.filter((file) => file !== classesTxt);
      return { ...parseYolo(await readTexts(labelFiles), names), baseDir };
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

/**
 * The text of a label or predictions file the user named. Only a regular file is read (a FIFO
 * or a device would never end), up to {@link MAX_LABEL_FILE_BYTES}; anything else fails with
 * the path and the reason.
 */
export async function readTextFile(path: string): Promise<string> {
  await regularFile(path);
  // Opened once and checked through the handle, so the file measured is the file read.
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new ApiError('not_found', `${path} cannot be read (${error.code ?? 'unknown error'}).`, [{ path: 'path', message: 'not readable' }]);
  });
  try {
    const { size } = await handle.stat();
    if (size > MAX_LABEL_FILE_BYTES)
      throw new ApiError('invalid_argument', `${path} is ${megabytes(size)}; files up to ${megabytes(MAX_LABEL_FILE_BYTES)} can be read.`, [
        { path: 'path', message: 'too large' },
      ]);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** Runs a parser over a file's text, turning a whole-file problem into an error naming the file. */
export function parsedOrThrow<T>(path: string, parse: (text: string) => T, text: string): T {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof LabelFileError) throw new ApiError('invalid_argument', `${path} ${error.message}.`, [{ path: 'path', message: error.message }]);
    throw error;
  }
}

async function regularFile(path: string): Promise<string> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new ApiError('not_found', `${path} does not exist.`, [{ path: 'path', message: 'not found' }]);
  if (!info.isFile()) throw new ApiError('invalid_argument', `${path} is not a regular file.`, [{ path: 'path', message: 'not a regular file' }]);
  return path;
}

async function readTexts(files: readonly string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const file of files) texts.set(basename(file), await readTextFile(file));
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

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;
