import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ApiError } from '../../../shared/api/errors';
import { PRIVATE_DIR_MODE } from '../../fs/private-files';
import { datasetCard } from '../../../shared/dataset/card';
import { cocoFile, type ExportClass } from '../../../shared/dataset/formats/coco';
import { csvRows, jsonlRows } from '../../../shared/dataset/formats/transcripts';
import { vocXml } from '../../../shared/dataset/formats/voc';
import { yoloDataYaml, yoloLabel } from '../../../shared/dataset/formats/yolo';
import { SPLITS } from '../../../shared/dataset/splits';
import { BOX_FORMATS, type DatasetItem, type DatasetSummary, type ExportFormat } from '../../../shared/domain/dataset';

export interface ExportJob {
  summary: DatasetSummary;
  items: readonly DatasetItem[];
  format: ExportFormat;
  outDir: string;
  /** Copy the media into the export, else link to the project's files. */
  copyMedia: boolean;
  projectName: string;
  classes: readonly ExportClass[];
  /** Where a sample's media is now. */
  mediaPath(sampleId: number): string;
}

export interface ExportResult {
  dir: string;
  files: number;
}

const TEMP_MARK = '.concord-export-';

/**
 * Writes a dataset version in a format, atomically: everything goes into a hidden folder beside
 * the target, which is renamed into place only when complete, so an interrupted export leaves
 * no half-written dataset (and its leftovers are cleared by the next export). Nothing in the
 * output depends on when it was written: the same version exports to the same bytes.
 */
export async function writeExport(job: ExportJob): Promise<ExportResult> {
  const target = resolve(job.outDir);
  const kindFormats = job.summary.kind === 'bbox' ? BOX_FORMATS : ['jsonl', 'csv'];
  if (!kindFormats.includes(job.format))
    throw new ApiError(
      'invalid_argument',
      `${job.format} is not a format for ${job.summary.kind === 'bbox' ? 'images with boxes' : 'transcripts'}; use ${kindFormats.join(', ')}.`,
    );
  if (await exists(target)) throw new ApiError('failed_precondition', `${target} already exists. Export into a new folder; an export never overwrites one.`);
  await mkdir(dirname(target), { recursive: true });
  await clearLeftovers(target);
  const temp = join(dirname(target), `${TEMP_MARK}${basename(target)}-${randomBytes(4).toString('hex')}`);
  // Owner-only while it is written (and after, as the dataset folder it is renamed to).
  await mkdir(temp, { mode: PRIVATE_DIR_MODE });
  await chmod(temp, PRIVATE_DIR_MODE);
  const pool = new Pool(32);
  try {
    const files = await writeFormat(job, temp, pool);
    await writeFile(join(temp, 'manifest.json'), `${JSON.stringify(manifest(job), null, 2)}\n`);
    await writeFile(join(temp, 'DATASET.md'), datasetCard(job.summary, job.projectName, job.format));
    await rename(temp, target);
    return { dir: target, files: files + 2 };
  } catch (error) {
    await pool.settle();
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

async function writeFormat(job: ExportJob, root: string, pool: Pool): Promise<number> {
  let files = 0;
  const made = new Set<string>();
  const folder = async (path: string) => {
    if (made.has(path)) return;
    await mkdir(join(root, path), { recursive: true });
    made.add(path);
  };
  // Per-sample files are many and small: a few at a time in flight keeps the disk busy.
  const place = async (item: DatasetItem, dir: string) => {
    await folder(dir);
    const to = join(root, dir, item.fileName);
    await pool.run(() => (job.copyMedia ? copyFile(job.mediaPath(item.sampleId), to) : symlink(job.mediaPath(item.sampleId), to)));
    files++;
  };
  const small = async (path: string, content: string) => {
    await folder(dirname(path));
    await pool.run(() => writeFile(join(root, path), content));
    files++;
  };
  const large = async (path: string, chunks: Iterable<string>) => {
    await folder(dirname(path));
    await writeChunks(join(root, path), chunks);
    files++;
  };
  const stem = (item: DatasetItem) => basename(item.fileName, extname(item.fileName));
  const info = { description: `${job.projectName} dataset v${job.summary.version}`, version: String(job.summary.version) };

  for (const split of SPLITS) {
    const items = job.items.filter((item) => item.split === split);
    switch (job.format) {
      case 'coco':
        for (const item of items) await place(item, `${split}/images`);
        await large(`${split}/annotations.json`, cocoFile(items, job.classes, info));
        break;
      case 'yolo':
        await folder(`images/${split}`);
        await folder(`labels/${split}`);
        for (const item of items) {
          await place(item, `images/${split}`);
          await small(`labels/${split}/${stem(item)}.txt`, yoloLabel(item, job.classes));
        }
        break;
      case 'voc':
        for (const item of items) {
          await place(item, `${split}/JPEGImages`);
          await small(`${split}/Annotations/${stem(item)}.xml`, vocXml(item, job.classes, 'JPEGImages'));
        }
        await large(
          `${split}/ImageSets/Main/${split}.txt`,
          items.map((item) => `${stem(item)}\n`),
        );
        break;
      case 'jsonl':
        for (const item of items) await place(item, `${split}/audio`);
        await large(
          `${split}/manifest.jsonl`,
          jsonlRows(items, (item) => `audio/${item.fileName}`),
        );
        break;
      case 'csv':
        for (const item of items) await place(item, split);
        await large(
          `${split}/metadata.csv`,
          csvRows(items, (item) => item.fileName),
        );
        break;
    }
    await pool.drain();
  }
  if (job.format === 'yolo') await small('data.yaml', yoloDataYaml(job.classes, SPLITS));
  await pool.drain();
  return files;
}

/**
 * At most `size` file operations in flight; `run` waits for a free slot, not for the operation,
 * and `drain` waits for all (and reports the first failure).
 */
class Pool {
  private readonly running = new Set<Promise<void>>();
  private failure: unknown = null;

  constructor(private readonly size: number) {}

  async run(operation: () => Promise<unknown>): Promise<void> {
    if (this.failure !== null) throw this.failure;
    while (this.running.size >= this.size) await Promise.race(this.running);
    const task: Promise<void> = operation().then(
      () => void this.running.delete(task),
      (error: unknown) => {
        this.running.delete(task);
        this.failure ??= error;
      },
    );
    this.running.add(task);
  }

  async drain(): Promise<void> {
    await this.settle();
    if (this.failure !== null) throw this.failure;
  }

  /** Waits until nothing is in flight, failures or not (before removing what they write into). */
  async settle(): Promise<void> {
    await Promise.all(this.running);
  }
}

function manifest(job: ExportJob) {
  return {
    concord: 'dataset',
    project: job.projectName,
    format: job.format,
    media: job.copyMedia ? 'copied' : 'linked',
    ...job.summary,
  };
}

/** Streams chunks to a file, waiting whenever the disk falls behind: memory stays flat for any size. */
async function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  const stream = createWriteStream(path);
  try {
    let buffer = '';
    for (const chunk of chunks) {
      buffer += chunk;
      if (buffer.length >= 1 << 16) {
        if (!stream.write(buffer)) await once(stream, 'drain');
        buffer = '';
      }
    }
    stream.end(buffer);
    await once(stream, 'finish');
  } catch (error) {
    stream.destroy();
    throw error;
  }
}

/** Hidden folders of exports to the same target that were interrupted. */
async function clearLeftovers(target: string): Promise<void> {
  // Exactly this target's: the export of `data` must not clear one of `data-v2` under way.
  const own = new RegExp(`^${escapeRegExp(`${TEMP_MARK}${basename(target)}-`)}[0-9a-f]{8}$`);
  for (const entry of await readdir(dirname(target))) if (own.test(entry)) await rm(join(dirname(target), entry), { recursive: true, force: true });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
