import type { ValidatedArg } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { tagPairAgreement } from '../../shared/analysis/tag-agreement';
import type { TranscriptPayload } from '../../shared/annotation/payload';
import type { ClipsForTraining, CropsForTraining } from '../../shared/domain/training';
import { clipClasses } from '../../shared/train/clip-targets';
import { submittedForAgreement } from '../db/queries/agreement-inputs';
import { datasetVersion } from '../db/queries/datasets';
import { listClasses } from '../db/queries/project';
import { listSampleMedia, samplesForExport } from '../db/queries/samples';
import { cropBoxes } from '../media/box-crops';
import { clipFeatures } from '../media/clip-features';
import { requireCoordinator, requireProject, type OpenProject, type ServiceContext } from './context';
import { mediaPathOf } from './samples';

/** Mel bands × time steps of a clip's spectrogram: enough for a command or a noise condition. */
const CLIP_BANDS = 40;
const CLIP_STEPS = 32;

/**
 * What the in-app baseline trains on: the box crops of a dataset version's final labels, or its
 * clips as spectrograms with the classes of a target, each with human-level performance in the
 * model's own terms to compare with.
 */
export async function trainCrops(ctx: ServiceContext, arg: ValidatedArg<'train.crops'>): Promise<CropsForTraining> {
  const project = requireProject(ctx);
  requireCoordinator(ctx);
  if (project.kind !== 'bbox') throw new ApiError('failed_precondition', 'Box crops need an image project; transcript projects train on clips.');
  const { db } = project.connection;
  const dataset = await requireDataset(project, arg.version);
  const [classes, { tags, paths }, agreement] = await Promise.all([
    listClasses(db),
    sampleTagsAndPaths(project),
    project.agreement.snapshot({ iouThreshold: 0.5, normalize: [] }),
  ]);
  const used = classes.filter((c) => dataset.items.some((item) => item.label.kind === 'bbox' && item.label.boxes.some((box) => box.classId === c.id)));
  const index = new Map(used.map((c, i) => [c.id, i]));

  const examples: CropsForTraining['examples'] = [];
  const buffers: Buffer[] = [];
  for (const item of dataset.items) {
    if (item.label.kind !== 'bbox' || item.label.boxes.length === 0) continue;
    const path = paths.get(item.sampleId);
    if (!path) continue;
    const boxes = item.label.boxes;
    buffers.push(...(await cropBoxes(path, boxes, arg.size)));
    for (const box of boxes) {
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
  const classAgreement = (figure: { kind: string; classAgreement?: number | null }) => (figure.kind === 'bbox' ? (figure.classAgreement ?? null) : null);
  return {
    kind: 'crops',
    version: arg.version,
    size: arg.size,
    classes: used.map((c) => ({ id: c.id, name: c.name })),
    examples,
    pixels: Buffer.concat(buffers).toString('base64'),
    hlp: [{ slice: 'all', value: classAgreement(agreement.overall) }, ...agreement.perTag.map((t) => ({ slice: t.key, value: classAgreement(t.figure) }))],
  };
}

export async function trainClips(ctx: ServiceContext, arg: ValidatedArg<'train.clips'>): Promise<ClipsForTraining> {
  const project = requireProject(ctx);
  requireCoordinator(ctx);
  if (project.kind !== 'transcript') throw new ApiError('failed_precondition', 'Clips need a transcript project; image projects train on box crops.');
  const dataset = await requireDataset(project, arg.version);
  const items = dataset.items.filter((item): item is typeof item & { label: TranscriptPayload } => item.label.kind === 'transcript');
  const target = clipClasses(
    arg.target,
    items.map((item) => item.label),
  );
  if ('error' in target) throw new ApiError('failed_precondition', target.error);
  const wanted = arg.target;
  if (wanted.kind === 'tag') {
    const tagged = items.filter((item) => item.label.tags.includes(wanted.tag)).length;
    if (tagged === 0 || tagged === items.length)
      throw new ApiError(
        'failed_precondition',
        `${tagged === 0 ? 'No' : 'Every'} clip of v${arg.version} is tagged “${wanted.tag}”: there is nothing to tell apart.`,
        [{ path: 'target.tag', message: 'needs clips with and without it' }],
      );
  }
  const { tags, paths } = await sampleTagsAndPaths(project);

  const examples: ClipsForTraining['examples'] = [];
  const features: Float32Array[] = [];
  const problems: ClipsForTraining['problems'] = [];
  for (const item of items) {
    const path = paths.get(item.sampleId);
    if (!path) continue;
    try {
      features.push(await clipFeatures(path, { bands: CLIP_BANDS, steps: CLIP_STEPS }));
    } catch (error) {
      problems.push({ fileName: item.fileName, message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    examples.push({
      sampleId: item.sampleId,
      sha256: item.sha256,
      fileName: item.fileName,
      split: item.split,
      label: target.labelOf(item.label),
      tags: tags.get(item.sampleId) ?? [],
    });
  }
  return {
    kind: 'clips',
    version: arg.version,
    target: arg.target,
    bands: CLIP_BANDS,
    steps: CLIP_STEPS,
    classes: target.classes.map((name) => ({ name })),
    examples,
    features: Buffer.concat(features.map((f) => Buffer.from(f.buffer, f.byteOffset, f.byteLength))).toString('base64'),
    problems,
    hlp: await clipHlp(project, arg.target),
  };
}

/** Labelers against each other in the model's terms: pair agreement on the tag, or 1 − WER (normalised). */
async function clipHlp(project: OpenProject, target: ClipsForTraining['target']): Promise<ClipsForTraining['hlp']> {
  if (target.kind === 'tag')
    return [...tagPairAgreement(await submittedForAgreement(project.connection.db), target.tag)].map(([slice, value]) => ({ slice, value }));
  const agreement = await project.agreement.snapshot({ iouThreshold: 0.5, normalize: [] });
  const words = (figure: { kind: string; normalized?: { agreement: number | null } }) => figure.normalized?.agreement ?? null;
  return [{ slice: 'all', value: words(agreement.overall) }, ...agreement.perTag.map((t) => ({ slice: t.key, value: words(t.figure) }))];
}

async function requireDataset(project: OpenProject, version: number): Promise<NonNullable<Awaited<ReturnType<typeof datasetVersion>>>> {
  const dataset = await datasetVersion(project.connection.db, version);
  if (!dataset) throw new ApiError('not_found', `There is no dataset v${version}.`, [{ path: 'version', message: 'unknown version' }]);
  return dataset;
}

async function sampleTagsAndPaths(project: OpenProject): Promise<{ tags: Map<number, string[]>; paths: Map<number, string> }> {
  const [samples, media] = await Promise.all([samplesForExport(project.connection.db), listSampleMedia(project.connection.db)]);
  return { tags: new Map(samples.map((s) => [s.id, s.tags])), paths: new Map(media.map((row) => [row.id, mediaPathOf(project, row)])) };
}
