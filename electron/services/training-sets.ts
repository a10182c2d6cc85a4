import type { ValidatedArg } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { TranscriptPayload } from '../../shared/annotation/payload';
import type { ClipsForTraining, ClipsToPrelabel, CropsForTraining, ImagesToPrelabel } from '../../shared/domain/training';
import { mulberry32 } from '../../shared/assignment/prng';
import type { BoxCorners } from '../../shared/metrics/box-iou';
import { clipClasses } from '../../shared/train/clip-targets';
import { backgroundWindows, windowSizes } from '../../shared/train/sliding-windows';
import { cropWindows, detectionScale } from '../../shared/train/window-crops';
import { getPlanSettings } from '../db/queries/assignments';
import { datasetVersion } from '../db/queries/datasets';
import { countPrelabelCandidates, prelabelCandidatePage } from '../db/queries/prelabel-candidates';
import { listClasses } from '../db/queries/project';
import { listSampleMedia, samplesForExport } from '../db/queries/samples';
import { decodeRgb, type DecodedImage } from '../media/decode-rgb';
import { clipFeatures } from '../media/clip-features';
import { fileErrorReason, isFileSystemError, shortErrorMessage } from '../media/error-reasons';
import { requireProject, type OpenProject, type ServiceContext } from './hosting/context';
import { mediaLocator, type MediaLocator } from './media-roots';
import { mediaPathOf } from './samples';
import { versionHlp } from './version-hlp';

/** Mel bands × time steps of a clip's spectrogram: enough for a command or a noise condition. */
const CLIP_BANDS = 40;
const CLIP_STEPS = 32;

/** An image to look for boxes in is sent whole (shrunk): one larger than this (about 12 MB of RGB) is left out as too large. */
const MAX_PRELABEL_IMAGE_PIXELS = 4096 * 1024;
/** A page of images to pre-label stops once it holds this many bytes of RGB. */
const MAX_PRELABEL_PAGE_BYTES = 24 * 1024 * 1024;

/**
 * What the in-app baseline trains on: the box crops of a dataset version's final labels, or its
 * clips as spectrograms with the classes of a target, each with human-level performance in the
 * model's own terms to compare with.
 */
export async function trainCrops(ctx: ServiceContext, arg: ValidatedArg<'train.crops'>): Promise<CropsForTraining> {
  const project = requireProject(ctx);
  if (project.kind !== 'bbox') throw new ApiError('failed_precondition', 'Box crops need an image project; transcript projects train on clips.');
  const { db } = project.connection;
  const dataset = await requireDataset(project, arg.version);
  const [classes, { tags, paths, locator }] = await Promise.all([listClasses(db), sampleTagsAndPaths(ctx, project)]);
  const used = classes.filter((c) => dataset.items.some((item) => item.label.kind === 'bbox' && item.label.boxes.some((box) => box.classId === c.id)));
  const index = new Map(used.map((c, i) => [c.id, i]));
  const items = dataset.items.flatMap((item) =>
    item.label.kind === 'bbox' ? [{ ...item, drawn: item.label.boxes, boxes: item.label.boxes.map(cornersOf) }] : [],
  );
  const trainBoxes = items.flatMap((item) => (item.split === 'train' ? item.boxes : []));
  const windows = windowSizes(trainBoxes.length > 0 ? trainBoxes : items.flatMap((item) => item.boxes));
  const scale = detectionScale(windows, arg.size);
  // Seeded: the same version gives the same background crops, so a run repeats.
  const random = mulberry32(arg.version);

  const examples: CropsForTraining['examples'] = [];
  const buffers: Uint8Array[] = [];
  const background: Uint8Array[] = [];
  let backgroundCount = 0;
  const problems: CropsForTraining['problems'] = [];
  for (const item of items) {
    const path = paths.get(item.sampleId);
    // An image without boxes still shows the model what "nothing here" looks like, if it trains on it.
    if (!path || (item.boxes.length === 0 && item.split !== 'train')) continue;
    let decoded: DecodedImage;
    try {
      decoded = await decodeRgb(locator.require(path), scale);
    } catch (error) {
      problems.push({ fileName: item.fileName, message: readableReason(error) });
      continue;
    }
    buffers.push(cropWindows(decoded.image, item.boxes, arg.size, scale));
    if (item.split === 'train') {
      const { width, height } = decoded.original;
      const empty = backgroundWindows(width, height, item.boxes, windows, Math.max(2, Math.ceil(1.5 * item.boxes.length)), random);
      background.push(cropWindows(decoded.image, empty, arg.size, scale));
      backgroundCount += empty.length;
    }
    for (const box of item.drawn) {
      examples.push({
        sampleId: item.sampleId,
        sha256: item.sha256,
        fileName: item.fileName,
        split: item.split,
        label: index.get(box.classId)!,
        tags: tags.get(item.sampleId) ?? [],
        box: { x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2 },
      });
    }
  }
  return {
    kind: 'crops',
    version: arg.version,
    size: arg.size,
    classes: used.map((c) => ({ id: c.id, name: c.name })),
    examples,
    pixels: Buffer.concat(buffers).toString('base64'),
    detector: { windows, scale, backgroundCount, background: Buffer.concat(background).toString('base64') },
    problems,
    hlp: await versionHlp(project, new Set(dataset.items.map((item) => item.sampleId)), { kind: 'class' }),
  };
}

export async function trainClips(ctx: ServiceContext, arg: ValidatedArg<'train.clips'>): Promise<ClipsForTraining> {
  const project = requireProject(ctx);
  if (project.kind !== 'transcript') throw new ApiError('failed_precondition', 'Clips need a transcript project; image projects train on box crops.');
  const dataset = await requireDataset(project, arg.version);
  const items = dataset.items.filter((item): item is typeof item & { label: TranscriptPayload } => item.label.kind === 'transcript');
  const wanted = arg.target;
  const { tags, paths, locator } = await sampleTagsAndPaths(ctx, project);
  const readable: { item: (typeof items)[number]; features: Float32Array }[] = [];
  const problems: ClipsForTraining['problems'] = [];
  for (const item of items) {
    const path = paths.get(item.sampleId);
    if (!path) continue;
    try {
      readable.push({ item, features: await clipFeatures(locator.require(path), { bands: CLIP_BANDS, steps: CLIP_STEPS }) });
    } catch (error) {
      problems.push({ fileName: item.fileName, message: readableReason(error) });
    }
  }
  // Classes come from the clips that can be learned from: a class whose clips all failed to read has no examples.
  const target = clipClasses(
    wanted,
    readable.map(({ item }) => item.label),
  );
  if ('error' in target) throw new ApiError('failed_precondition', target.error);
  const labels = readable.map(({ item }) => target.labelOf(item.label));
  if (new Set(labels).size < 2) {
    const what =
      wanted.kind === 'tag'
        ? `${labels[0] === 1 ? 'Every' : 'No'} clip of v${arg.version} is tagged “${wanted.tag}”`
        : `Every clip of v${arg.version} says the same`;
    throw new ApiError('failed_precondition', `${what}: there is nothing to tell apart.`, [{ path: 'target', message: 'needs two classes with clips' }]);
  }
  return {
    kind: 'clips',
    version: arg.version,
    target: wanted,
    bands: CLIP_BANDS,
    steps: CLIP_STEPS,
    classes: target.classes.map((name) => ({ name })),
    examples: readable.map(({ item }, i) => ({
      sampleId: item.sampleId,
      sha256: item.sha256,
      fileName: item.fileName,
      split: item.split,
      label: labels[i]!,
      tags: tags.get(item.sampleId) ?? [],
    })),
    features: Buffer.concat(readable.map(({ features: f }) => Buffer.from(f.buffer, f.byteOffset, f.byteLength))).toString('base64'),
    problems,
    hlp: await versionHlp(project, new Set(items.map((item) => item.sampleId)), wanted.kind === 'tag' ? wanted : { kind: 'words' }),
  };
}

/**
 * A page of the clips a model trained on `version` may pre-label (see `prelabelCandidatePage`), as
 * the same spectrograms it trained on; the browser asks page after page, so no call holds every clip.
 */
export async function trainClipsToPrelabel(ctx: ServiceContext, arg: ValidatedArg<'train.clipsToPrelabel'>): Promise<ClipsToPrelabel> {
  const project = requireProject(ctx);
  if (project.kind !== 'transcript') throw new ApiError('failed_precondition', 'Clips need a transcript project.');
  const { page, total, locator } = await candidatePage(ctx, project, arg);
  const clips: ClipsToPrelabel['clips'] = [];
  const features: Buffer[] = [];
  const problems: ClipsToPrelabel['problems'] = [];
  for (const row of page) {
    try {
      const f = await clipFeatures(locator.require(mediaPathOf(project, { media_path: row.mediaPath })), { bands: CLIP_BANDS, steps: CLIP_STEPS });
      features.push(Buffer.from(f.buffer, f.byteOffset, f.byteLength));
      clips.push({ sampleId: row.id, fileName: row.displayName });
    } catch (error) {
      problems.push({ fileName: row.displayName, message: readableReason(error) });
    }
  }
  return {
    clips,
    bands: CLIP_BANDS,
    steps: CLIP_STEPS,
    features: Buffer.concat(features).toString('base64'),
    problems,
    next: page.length === arg.limit ? page.at(-1)!.id : null,
    total,
  };
}

/**
 * A page of the images a box model trained on `version` may pre-label (the same samples as
 * {@link trainClipsToPrelabel}), each decoded upright and shrunk by the run's `scale`, so the
 * browser cuts the same windows the model trained on.
 */
export async function trainImagesToPrelabel(ctx: ServiceContext, arg: ValidatedArg<'train.imagesToPrelabel'>): Promise<ImagesToPrelabel> {
  const project = requireProject(ctx);
  if (project.kind !== 'bbox') throw new ApiError('failed_precondition', 'Images need an image project.');
  const { page, total, locator } = await candidatePage(ctx, project, arg);
  const images: ImagesToPrelabel['images'] = [];
  const pixels: Uint8Array[] = [];
  const problems: ImagesToPrelabel['problems'] = [];
  let bytes = 0;
  for (const [at, row] of page.entries()) {
    try {
      const path = locator.require(mediaPathOf(project, { media_path: row.mediaPath }));
      const { image, original } = await decodeRgb(path, arg.scale, MAX_PRELABEL_IMAGE_PIXELS);
      pixels.push(image.pixels);
      bytes += image.pixels.length;
      images.push({ sampleId: row.id, fileName: row.displayName, width: image.width, height: image.height, original });
    } catch (error) {
      problems.push({ fileName: row.displayName, message: readableReason(error) });
    }
    // A page of large photos ends early, so no answer outgrows what a host sends comfortably.
    if (bytes >= MAX_PRELABEL_PAGE_BYTES && at < page.length - 1) return { ...answer(images, pixels, problems, row.id), total };
  }
  return { ...answer(images, pixels, problems, page.length === arg.limit ? page.at(-1)!.id : null), total };
}

function answer(images: ImagesToPrelabel['images'], pixels: Uint8Array[], problems: ImagesToPrelabel['problems'], next: number | null) {
  return { images, pixels: Buffer.concat(pixels).toString('base64'), problems, next };
}

/** One page of pre-label candidates, their count on the first page, and where their media may be read. */
async function candidatePage(ctx: ServiceContext, project: OpenProject, arg: { version: number; after: number; limit: number }) {
  const { db } = project.connection;
  await requireDataset(project, arg.version);
  const everyLabeler = (await getPlanSettings(db)) === null;
  const [page, total, locator] = await Promise.all([
    prelabelCandidatePage(db, arg.version, everyLabeler, arg.after, arg.limit),
    arg.after === 0 ? countPrelabelCandidates(db, arg.version, everyLabeler) : null,
    mediaLocator(ctx.settings, project),
  ]);
  return { page, total, locator };
}

function cornersOf(box: { x1: number; y1: number; x2: number; y2: number }): BoxCorners {
  return [box.x1, box.y1, box.x2, box.y2];
}

/** Why a file could not be used, in a few words and without its path. */
function readableReason(error: unknown): string {
  return isFileSystemError(error) ? fileErrorReason(error) : shortErrorMessage(error);
}

async function requireDataset(project: OpenProject, version: number): Promise<NonNullable<Awaited<ReturnType<typeof datasetVersion>>>> {
  const dataset = await datasetVersion(project.connection.db, version);
  if (!dataset) throw new ApiError('not_found', `There is no dataset v${version}.`, [{ path: 'version', message: 'unknown version' }]);
  return dataset;
}

/** Each sample's tags and stored media path, and the locator that only reads media inside the project's media roots. */
async function sampleTagsAndPaths(
  ctx: ServiceContext,
  project: OpenProject,
): Promise<{ tags: Map<number, string[]>; paths: Map<number, string>; locator: MediaLocator }> {
  const [samples, media, locator] = await Promise.all([
    samplesForExport(project.connection.db),
    listSampleMedia(project.connection.db),
    mediaLocator(ctx.settings, project),
  ]);
  return { tags: new Map(samples.map((s) => [s.id, s.tags])), paths: new Map(media.map((row) => [row.id, mediaPathOf(project, row)])), locator };
}
