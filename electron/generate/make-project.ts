import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { payloadProblems, type PayloadContext } from '../../shared/annotation/check-payload';
import type { AnnotationPayload } from '../../shared/annotation/payload';
import { projectKindSchema } from '../../shared/domain/project';
import { appRootFrom } from '../app-paths';
import { call } from '../cli/commands';
import { openConnection } from '../db/connection';
import { insertSubmittedAnnotations } from '../db/queries/annotations';
import { currentGuidelineVersion, listClasses } from '../db/queries/project';
import { insertSamples, sampleIdsByName } from '../db/queries/samples';
import { decodeImage, saveThumbnail } from '../media/thumbnail';
import type { Database } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { AppSettings } from '../services/app-settings';
import { trustMediaFolders } from '../services/media-roots';
import { projectPaths } from '../services/project-folder';
import { refreshKeptReviewQueue } from '../services/review-queue-kept';
import { createServiceHost } from '../services/hosting/service-host';
import {
  CLIP_MS,
  CLIP_SAMPLE_RATE,
  GENERATED_CLASSES,
  IMAGE_HEIGHT,
  IMAGE_WIDTH,
  labelerBoxes,
  labelerTranscript,
  paintedRects,
  streamFor,
  truthBoxes,
  truthSentence,
} from './synthetic-labels';
import { syntheticPng, syntheticWav } from './synthetic-media';

export const makeProjectOptionsSchema = z.object({
  kind: projectKindSchema,
  samples: z.number().int().min(1).max(1_000_000),
  labelers: z.number().int().min(1).max(50),
  /** About how many boxes each image holds (bbox projects). */
  boxes: z.number().int().min(0).max(200).default(5),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
  /** An empty or new folder: the project goes in `project/`, the generated media in `media/`. */
  out: z.string().min(1),
  /**
   * The app settings folder of whoever will open the project: the import records there that
   * the generated media folder is theirs to serve (see media-roots.ts).
   */
  dataDir: z.string().min(1),
  /** Every generated labeler's password (they sign in as labeler1, labeler2, ...). */
  password: z.string().min(8).default('concord-labeler'),
});
export type MakeProjectOptions = z.input<typeof makeProjectOptionsSchema>;

export interface MadeProject {
  projectDir: string;
  mediaDir: string;
  labelers: Array<{ id: number; name: string }>;
  annotations: number;
  /** Seconds spent in each step, for the benchmarks and the user's curiosity. */
  seconds: { media: number; import: number; annotations: number; review: number };
}

/** What the generator knows of a file it wrote, which an import would otherwise read back from it. */
export interface GeneratedFile {
  sha256: string;
  byteSize: number;
}

/** Files per media subfolder, so no folder holds 100,000 entries. */
const FILES_PER_FOLDER = 1000;
/** Samples whose annotations are built and written at once (all in the one transaction). */
const SAMPLES_PER_BATCH = 1000;

const seconds = (since: number) => (performance.now() - since) / 1000;

/** Where generated sample `index` sits in the media folder; the sample is named by this path, as an import names it. */
export function generatedMediaPath(kind: 'bbox' | 'transcript', index: number): string {
  const folder = String(Math.floor(index / FILES_PER_FOLDER)).padStart(4, '0');
  const number = String(index + 1).padStart(7, '0');
  return kind === 'bbox' ? `${folder}/img-${number}.png` : `${folder}/clip-${number}.wav`;
}

/**
 * Builds a real Concord project of any size, the same for the same options: generated images
 * (with the labeled objects painted in) or clips, registered as samples with the facts an import
 * would read from them, labelers created as accounts, and every labeler's annotation of every
 * sample recorded as a submitted first revision, each checked against its sample as a save is.
 * Samples and annotations are written in bulk, each step in one transaction, because the import
 * pipeline's per-file probing and per-save transactions took most of an hour at 100,000 images.
 * Benchmarks use it; so can anyone who wants to try Concord at size.
 */
export async function makeProject(input: MakeProjectOptions, progress: (line: string) => void = () => {}): Promise<MadeProject> {
  const options = makeProjectOptionsSchema.parse(input);
  const out = resolve(options.out);
  if (existsSync(out) && readdirSync(out).length > 0) throw new Error(`${out} is not empty: choose a new or empty folder.`);
  const projectDir = join(out, 'project');
  const mediaDir = join(out, 'media');

  let started = performance.now();
  const files = writeGeneratedMedia(options, mediaDir, progress);
  const mediaSeconds = seconds(started);

  started = performance.now();
  const labelers = await createProject(options, projectDir);
  const connection = openConnection(projectPaths(projectDir).database);
  try {
    await registerSamples(connection.db, options, mediaDir, files);
    if (options.kind === 'bbox') await writeThumbnails(options, mediaDir, projectPaths(projectDir).thumbnails, files, progress);
    // As an import in place does: the app on this computer may then serve the generated media.
    await trustMediaFolders(new AppSettings(options.dataDir), { paths: projectPaths(projectDir) }, [mediaDir]);
    const importSeconds = seconds(started);

    started = performance.now();
    const annotations = await writeAnnotations(connection.db, options, labelers, progress);
    const annotationSeconds = seconds(started);

    // The answers marked every sample for the Review queue: classified now, the first Review page after opening is one query.
    started = performance.now();
    await refreshKeptReviewQueue(connection.db, options.kind, (done) =>
      progress(`review queue ${done.toLocaleString('en')} / ${options.samples.toLocaleString('en')}`),
    );
    return {
      projectDir,
      mediaDir,
      labelers,
      annotations,
      seconds: { media: mediaSeconds, import: importSeconds, annotations: annotationSeconds, review: seconds(started) },
    };
  } finally {
    await connection.close();
  }
}

/**
 * Writes the generated media files alone (the import benchmark imports them into a project of
 * its own) and returns each file's content hash and size, in sample order.
 */
export function writeGeneratedMedia(
  input: Pick<MakeProjectOptions, 'kind' | 'samples' | 'boxes' | 'seed'>,
  mediaDir: string,
  progress: (line: string) => void = () => {},
): GeneratedFile[] {
  const options = makeProjectOptionsSchema.pick({ kind: true, samples: true, boxes: true, seed: true }).parse(input);
  const files: GeneratedFile[] = [];
  for (let index = 0; index < options.samples; index++) {
    const path = join(mediaDir, generatedMediaPath(options.kind, index));
    if (index % FILES_PER_FOLDER === 0) {
      mkdirSync(dirname(path), { recursive: true });
      progress(`media ${index.toLocaleString('en')} / ${options.samples.toLocaleString('en')}`);
    }
    // The picture's own stream follows the truth boxes' draws, so the boxes never depend on the pixels.
    const random = streamFor(options.seed, index, -1);
    const bytes =
      options.kind === 'bbox'
        ? syntheticPng(IMAGE_WIDTH, IMAGE_HEIGHT, paintedRects(truthBoxes(options.seed, index, options.boxes)), random)
        : syntheticWav(CLIP_MS, CLIP_SAMPLE_RATE, random);
    writeFileSync(path, bytes);
    files.push({ sha256: createHash('sha256').update(bytes).digest('hex'), byteSize: bytes.length });
  }
  return files;
}

/** Images decoded and shrunk at once: sharp works in its own threads, so a few keep both cores busy. */
const THUMBNAILS_AT_ONCE = 4;

/**
 * Each image's thumbnail, made as an import makes it (the Samples grid shows thumbnails; without
 * them it would serve every original, a path an imported project never takes).
 */
async function writeThumbnails(
  options: z.output<typeof makeProjectOptionsSchema>,
  mediaDir: string,
  thumbnailDir: string,
  files: GeneratedFile[],
  progress: (line: string) => void,
): Promise<void> {
  for (let start = 0; start < files.length; start += THUMBNAILS_AT_ONCE) {
    if (start % FILES_PER_FOLDER === 0) progress(`thumbnails ${start.toLocaleString('en')} / ${options.samples.toLocaleString('en')}`);
    const batch = files.slice(start, start + THUMBNAILS_AT_ONCE);
    const decoded = await Promise.all(batch.map((_, i) => decodeImage(join(mediaDir, generatedMediaPath('bbox', start + i)))));
    decoded.forEach(({ thumbnailWebp }, i) => saveThumbnail(thumbnailDir, batch[i]!.sha256, thumbnailWebp));
  }
}

/** Creates the project and its labelers, through the API as the CLI calls it. */
async function createProject(options: z.output<typeof makeProjectOptionsSchema>, projectDir: string): Promise<Array<{ id: number; name: string }>> {
  const host = createServiceHost({ hostKind: 'cli', dataDir: options.dataDir, resourcesDir: join(appRootFrom(import.meta.url), 'resources') });
  try {
    await call(host, 'projects.create', {
      dir: projectDir,
      name: `Generated ${options.kind} (${options.samples.toLocaleString('en')} samples, seed ${options.seed})`,
      kind: options.kind,
      classes: options.kind === 'bbox' ? GENERATED_CLASSES.map((c) => ({ name: c.name })) : [],
      tags: [],
    });
    const labelers: Array<{ id: number; name: string }> = [];
    for (let n = 1; n <= options.labelers; n++) {
      const labeler = await call(host, 'labelers.create', { name: `labeler${n}`, role: 'labeler', password: options.password });
      labelers.push({ id: labeler.id, name: labeler.name });
    }
    return labelers;
  } finally {
    await host.close();
  }
}

/**
 * Registers every generated file as a sample in place, in one transaction, with the facts the
 * import's probe reads from such a file (the test checks them against the probe).
 */
async function registerSamples(db: Kysely<Database>, options: z.output<typeof makeProjectOptionsSchema>, mediaDir: string, files: GeneratedFile[]) {
  const importedAt = Date.now();
  const image = options.kind === 'bbox';
  await inTransaction(db, (trx) =>
    insertSamples(
      trx,
      files.map((file, index) => {
        const name = generatedMediaPath(options.kind, index);
        return {
          display_name: name,
          media_path: join(mediaDir, ...name.split('/')),
          media_copied: 0,
          media_kind: image ? 'image' : 'audio',
          mime_type: image ? 'image/png' : 'audio/wav',
          sha256: file.sha256,
          byte_size: file.byteSize,
          width: image ? IMAGE_WIDTH : null,
          height: image ? IMAGE_HEIGHT : null,
          duration_ms: image ? null : CLIP_MS,
          sample_rate: image ? null : CLIP_SAMPLE_RATE,
          channels: image ? null : 1,
          metadata_json: '{}',
          imported_at: importedAt,
          import_job_id: null,
        };
      }),
    ),
  );
}

/** Every labeler's submitted annotation of every sample, all in one transaction. */
async function writeAnnotations(
  db: Kysely<Database>,
  options: z.output<typeof makeProjectOptionsSchema>,
  labelers: Array<{ id: number }>,
  progress: (line: string) => void,
): Promise<number> {
  const sampleIds = await sampleIdsByName(db);
  const guideline = await currentGuidelineVersion(db);
  const classes = await listClasses(db);
  const classIds = GENERATED_CLASSES.map((c) => classes.find((row) => row.name === c.name)?.id ?? 0);
  const context: PayloadContext = {
    kind: options.kind,
    classIds: new Set(classIds),
    tagNames: new Set(),
    image: options.kind === 'bbox' ? { width: IMAGE_WIDTH, height: IMAGE_HEIGHT } : null,
    durationMs: options.kind === 'transcript' ? CLIP_MS : null,
  };
  const at = Date.now();
  let written = 0;
  await inTransaction(db, async (trx) => {
    for (let first = 0; first < options.samples; first += SAMPLES_PER_BATCH) {
      progress(`annotations ${written.toLocaleString('en')} / ${(options.samples * labelers.length).toLocaleString('en')}`);
      const writes = [];
      for (let index = first; index < Math.min(options.samples, first + SAMPLES_PER_BATCH); index++) {
        const name = generatedMediaPath(options.kind, index);
        const sampleId = sampleIds.get(name);
        if (sampleId === undefined) throw new Error(`${name} was not registered`);
        const truthBoxesOfSample = options.kind === 'bbox' ? truthBoxes(options.seed, index, options.boxes) : [];
        const words = options.kind === 'transcript' ? truthSentence(options.seed, index) : [];
        for (const [position, labeler] of labelers.entries()) {
          const payload: AnnotationPayload =
            options.kind === 'bbox'
              ? labelerBoxes(options.seed, index, position + 1, truthBoxesOfSample, classIds)
              : labelerTranscript(options.seed, index, position + 1, words);
          const problems = payloadProblems(payload, context);
          if (problems.length > 0) throw new Error(`generated annotation of ${name} does not fit it: ${problems[0]!.path} ${problems[0]!.message}`);
          writes.push({ sampleId, labelerId: labeler.id, guidelineVersionId: guideline.id, payload, at: at + written });
          written++;
        }
      }
      await insertSubmittedAnnotations(trx, writes);
    }
  });
  return written;
}
