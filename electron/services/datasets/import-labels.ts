import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { ValidatedArg } from '../../../shared/api/contract';
import { payloadProblems, type PayloadContext } from '../../../shared/annotation/check-payload';
import type { AnnotationPayload, Box } from '../../../shared/annotation/payload';
import { round } from '../../../shared/dataset/formats/coco';
import { shortName } from '../../../shared/dataset/import/file-problems';
import { sampleByFileName } from '../../../shared/dataset/import/sample-by-file-name';
import type { ImportProblem, ParsedLabel } from '../../../shared/dataset/import/parsed-label';
import { saveAnnotation } from '../../db/queries/annotations';
import { findLabelerByName, insertLabeler } from '../../db/queries/labelers';
import { currentGuidelineVersion, listClasses, listTags } from '../../db/queries/project';
import { samplesForExport } from '../../db/queries/samples';
import { inTransaction } from '../../db/transaction';
import { sha256File } from '../../media/hash';
import { requireProject, type ServiceContext } from '../hosting/context';
import { readLabelFiles } from './read-label-files';

const FLAGS = { unsure: false, comment: '', mediaBroken: false };

export interface LabelImportReport {
  /** The one labeler who got annotations; null when nothing was imported (no labeler is created) or several were. */
  labelerId: number | null;
  imported: number;
  /** Whose annotations were imported: an account found by name, or one created for them. */
  labelers: ImportedLabeler[];
  problems: ImportProblem[];
}

export interface ImportedLabeler {
  /** As the file names them (Label Studio's annotator, CVAT's assignee), else the import's labeler name. */
  name: string;
  labelerId: number;
  /** True when no account had this name and a labeler (without a password) was made. */
  created: boolean;
  imported: number;
}

/**
 * Imports labels made elsewhere as one labeler's submitted annotations, so their agreement with
 * Concord's labelers (or with a dataset's gold labels) can be measured. Labels are matched to
 * samples by file name, else by the content hash of the file they name; whatever does not fit
 * (no such sample, an unknown class, a box outside the image) is reported by its place in the
 * input, and the rest imports: an image keeps its good boxes. Files that say who made each label
 * (Label Studio, CVAT) give each person's work to the account of that name, created as a labeler
 * when there is none; the others are `arg.labeler`'s. The labelers and their annotations are
 * written in one transaction, so an import that fails or brings nothing leaves nothing.
 */
export async function labelsImport(ctx: ServiceContext, arg: ValidatedArg<'labels.import'>): Promise<LabelImportReport> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  const parsed = await readLabelFiles(arg.format, arg.path);
  const problems = [...parsed.problems];
  const samples = await samplesForExport(db);
  const sampleNamed = sampleByFileName(samples);
  const byHash = new Map(samples.map((s) => [s.sha256, s]));
  const classes = await listClasses(db);
  const classId = new Map(classes.map((c) => [c.name.toLowerCase(), c.id]));
  const context = { kind: project.kind, classIds: new Set(classes.map((c) => c.id)), tagNames: new Set((await listTags(db)).map((t) => t.name)) };

  const ready: { sampleId: number; annotator: string; payload: AnnotationPayload }[] = [];
  for (const label of parsed.labels) {
    // YOLO names a label file after the image's stem.
    let sample = sampleNamed(label.file, label.content.kind === 'normalized-boxes');
    if (!sample) {
      // Only a regular file beside the labels is hashed: never a device, a folder, or elsewhere.
      const media = resolve(parsed.baseDir, label.file);
      const inside = !relative(parsed.baseDir, media).startsWith('..') && !isAbsolute(relative(parsed.baseDir, media));
      if (inside && (await stat(media).catch(() => null))?.isFile()) sample = byHash.get(await sha256File(media));
    }
    if (!sample) {
      problems.push({ where: label.where, message: `"${shortName(label.file)}" matches no sample (by name or content)` });
      continue;
    }
    const payloadContext = {
      ...context,
      image: sample.width !== null && sample.height !== null ? { width: sample.width, height: sample.height } : null,
      durationMs: sample.duration_ms,
    };
    const payload = withoutBadBoxes(label.where, toPayload(label, sample, project.kind, classId, problems), payloadContext, problems);
    if (!payload) continue;
    const issues = payloadProblems(payload, payloadContext);
    if (issues.length > 0) {
      problems.push({ where: label.where, message: issues.map((issue) => `${issue.path.replace(/^payload\./, '')} ${issue.message}`).join('; ') });
      continue;
    }
    ready.push({ sampleId: sample.id, annotator: label.annotator ?? arg.labeler, payload });
  }
  if (ready.length === 0) return { labelerId: null, imported: 0, labelers: [], problems };

  const labelers = await inTransaction(db, async (trx) => {
    const guideline = await currentGuidelineVersion(trx);
    const at = Date.now();
    const byName = new Map<string, ImportedLabeler>();
    for (const { sampleId, annotator, payload } of ready) {
      let labeler = byName.get(annotator);
      if (!labeler) {
        const found = await findLabelerByName(trx, annotator);
        const account = found ?? (await insertLabeler(trx, { name: annotator, role: 'labeler', createdAt: at }));
        labeler = { name: annotator, labelerId: account.id, created: found === null, imported: 0 };
        byName.set(annotator, labeler);
      }
      await saveAnnotation(trx, { sampleId, labelerId: labeler.labelerId, guidelineVersionId: guideline.id, payload, status: 'submitted', at });
      labeler.imported++;
    }
    return [...byName.values()];
  });
  for (const { sampleId } of ready) project.agreement.sampleChanged(sampleId);
  // Every sample imported may have changed its place in the Review queue: classified now, before anyone opens Review.
  project.keptQueue?.start();
  return { labelerId: labelers.length === 1 ? labelers[0]!.labelerId : null, imported: ready.length, labelers, problems };
}

/**
 * The payload without the boxes that do not fit the sample (past an edge, an unknown class),
 * each reported by its number; null when the label had boxes and none is left, since it would
 * otherwise claim the image holds no objects.
 */
function withoutBadBoxes(where: string, payload: AnnotationPayload | null, context: PayloadContext, problems: ImportProblem[]): AnnotationPayload | null {
  if (!payload || payload.kind !== 'bbox') return payload;
  const badBoxes = new Map<number, string[]>();
  for (const issue of payloadProblems(payload, context)) {
    const box = /^payload\.boxes\.(\d+)\.(\w+)$/.exec(issue.path);
    if (box) badBoxes.set(Number(box[1]), [...(badBoxes.get(Number(box[1])) ?? []), `${box[2]} ${issue.message}`]);
  }
  if (badBoxes.size === 0) return payload;
  // A box's id is `b<n>`, n its place among the label's boxes in the file, as people count.
  for (const [index, messages] of badBoxes) problems.push({ where: `${where}, box ${payload.boxes[index]!.id.slice(1)}`, message: messages.join('; ') });
  const boxes = payload.boxes.filter((_, index) => !badBoxes.has(index));
  return boxes.length === 0 ? leftOut(where, payload.boxes.length, problems) : { ...payload, boxes };
}

function leftOut(where: string, boxCount: number, problems: ImportProblem[]): null {
  problems.push({ where, message: `is left out: none of its ${boxCount} box${boxCount === 1 ? '' : 'es'} could be imported` });
  return null;
}

function toPayload(
  label: ParsedLabel,
  sample: { width: number | null; height: number | null; duration_ms: number | null },
  projectKind: 'bbox' | 'transcript',
  classId: Map<string, number>,
  problems: ImportProblem[],
): AnnotationPayload | null {
  // Label Studio cannot tell an audio task answered with no regions from an image's: on a clip it says "no speech".
  const content =
    projectKind === 'transcript' && label.content.kind === 'percent-boxes' && label.content.boxes.length === 0
      ? { kind: 'segments' as const, segments: [{ startMs: 0, endMs: null, text: '' }] }
      : label.content;
  if (content.kind === 'segments') {
    const segments = [...content.segments]
      .sort((x, y) => x.startMs - y.startMs)
      .map((segment, i) => ({
        id: `s${i + 1}`,
        startMs: segment.startMs,
        endMs: segment.endMs ?? sample.duration_ms ?? segment.startMs + 1,
        text: segment.text,
      }));
    const clip = content.segments.length === 1 && content.segments[0]!.endMs === null;
    return {
      v: 1,
      kind: 'transcript',
      mode: clip ? 'clip' : 'segments',
      segments,
      noSpeech: segments.every((s) => s.text.trim() === ''),
      flags: FLAGS,
      tags: [],
    };
  }
  const corners = pixelCorners(content, sample);
  const boxes: Box[] = [];
  for (const [index, box] of corners.entries()) {
    const id = classId.get(box.className.toLowerCase());
    if (id === undefined) {
      problems.push({ where: `${label.where}, box ${index + 1}`, message: `has class "${shortName(box.className, 40)}", which this project does not have` });
      continue;
    }
    // Rounding (YOLO keeps six decimals) can put an edge a hair past the image: under a pixel
    // is put back on it; anything further is a real mistake and is reported.
    const clamp = (value: number, max: number | null) => {
      if (max === null) return value;
      if (value < 0 && value > -1) return 0;
      if (value > max && value < max + 1) return max;
      return value;
    };
    boxes.push({
      id: `b${index + 1}`,
      classId: id,
      x1: clamp(box.x1, sample.width),
      y1: clamp(box.y1, sample.height),
      x2: clamp(box.x2, sample.width),
      y2: clamp(box.y2, sample.height),
    });
  }
  // Without any of its boxes the label would claim the image holds no objects.
  if (boxes.length === 0 && corners.length > 0) return leftOut(label.where, corners.length, problems);
  return { v: 1, kind: 'bbox', boxes, noObjects: boxes.length === 0, flags: FLAGS, tags: [] };
}

/** A label's boxes as corners in the sample's pixels, whatever units the file used. */
function pixelCorners(content: Exclude<ParsedLabel['content'], { kind: 'segments' }>, sample: { width: number | null; height: number | null }) {
  const width = sample.width ?? 0;
  const height = sample.height ?? 0;
  switch (content.kind) {
    case 'boxes':
      return content.boxes;
    case 'normalized-boxes':
      return content.boxes.map(({ className, cx, cy, w, h }) => ({
        className,
        x1: (cx - w / 2) * width,
        y1: (cy - h / 2) * height,
        x2: (cx + w / 2) * width,
        y2: (cy + h / 2) * height,
      }));
    case 'percent-boxes':
      // To 1/1000 of a pixel, as exports write them: percentages carry float noise.
      return content.boxes.map(({ className, x, y, width: w, height: h }) => ({
        className,
        x1: round((x * width) / 100),
        y1: round((y * height) / 100),
        x2: round(((x + w) * width) / 100),
        y2: round(((y + h) * height) / 100),
      }));
  }
}
