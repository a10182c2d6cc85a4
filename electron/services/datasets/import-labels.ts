import { stat } from 'node:fs/promises';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import type { ValidatedArg } from '../../../shared/api/contract';
import { payloadProblems } from '../../../shared/annotation/check-payload';
import type { AnnotationPayload, Box } from '../../../shared/annotation/payload';
import type { ImportProblem, ParsedLabel } from '../../../shared/dataset/import/parsed-label';
import { saveAnnotation } from '../../db/queries/annotations';
import { findLabelerByName, insertLabeler } from '../../db/queries/labelers';
import { currentGuidelineVersion, listClasses, listTags } from '../../db/queries/project';
import { samplesForExport } from '../../db/queries/samples';
import { inTransaction } from '../../db/transaction';
import { sha256File } from '../../media/hash';
import { requireProject, type ServiceContext } from '../context';
import { readLabelFiles } from './read-label-files';

const FLAGS = { unsure: false, comment: '', mediaBroken: false };

export interface LabelImportReport {
  labelerId: number;
  imported: number;
  problems: ImportProblem[];
}

/**
 * Imports labels made elsewhere as one labeler's submitted annotations, so their agreement with
 * Concord's labelers (or with a dataset's gold labels) can be measured. Labels are matched to
 * samples by file name, else by the content hash of the file they name; whatever does not fit
 * (no such sample, an unknown class, a box outside the image) is reported by its place in the
 * input, and the rest imports.
 */
export async function labelsImport(ctx: ServiceContext, arg: ValidatedArg<'labels.import'>): Promise<LabelImportReport> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  const parsed = await readLabelFiles(arg.format, arg.path);
  const problems = [...parsed.problems];
  const samples = await samplesForExport(db);
  const byName = new Map(samples.map((s) => [s.display_name, s]));
  const byLowerName = new Map(samples.map((s) => [s.display_name.toLowerCase(), s]));
  const byHash = new Map(samples.map((s) => [s.sha256, s]));
  // YOLO names a label file after its image's stem: "coins" for coins.png.
  const byStem = new Map<string, (typeof samples)[number] | null>();
  for (const s of samples) {
    const stem = s.display_name.replace(/\.[^.]*$/, '');
    byStem.set(stem, byStem.has(stem) ? null : s);
  }
  const classes = await listClasses(db);
  const classId = new Map(classes.map((c) => [c.name.toLowerCase(), c.id]));
  const context = { kind: project.kind, classIds: new Set(classes.map((c) => c.id)), tagNames: new Set((await listTags(db)).map((t) => t.name)) };

  const ready: { sampleId: number; payload: AnnotationPayload }[] = [];
  for (const label of parsed.labels) {
    const name = basename(label.file.replace(/\\/g, '/'));
    // YOLO's file is already a stem; VOC's image may be a JPEG made from `coins.png`.
    const stem = label.content.kind === 'normalized-boxes' ? name : name.replace(/\.[^.]*$/, '');
    let sample = byName.get(name) ?? byLowerName.get(name.toLowerCase()) ?? byStem.get(stem) ?? undefined;
    if (!sample) {
      // Only a regular file beside the labels is hashed: never a device, a folder, or elsewhere.
      const media = resolve(parsed.baseDir, label.file);
      const inside = !relative(parsed.baseDir, media).startsWith('..') && !isAbsolute(relative(parsed.baseDir, media));
      if (inside && (await stat(media).catch(() => null))?.isFile()) sample = byHash.get(await sha256File(media));
    }
    if (!sample) {
      problems.push({ where: label.where, message: `"${label.file}" matches no sample (by name or content)` });
      continue;
    }
    const payload = toPayload(label, sample, classId, problems);
    if (!payload) continue;
    const issues = payloadProblems(payload, {
      ...context,
      image: sample.width !== null && sample.height !== null ? { width: sample.width, height: sample.height } : null,
      durationMs: sample.duration_ms,
    });
    if (issues.length > 0) {
      problems.push({ where: label.where, message: issues.map((issue) => `${issue.path.replace(/^payload\./, '')} ${issue.message}`).join('; ') });
      continue;
    }
    ready.push({ sampleId: sample.id, payload });
  }

  const labeler = (await findLabelerByName(db, arg.labeler)) ?? (await insertLabeler(db, { name: arg.labeler, role: 'labeler', createdAt: Date.now() }));
  await inTransaction(db, async (trx) => {
    const guideline = await currentGuidelineVersion(trx);
    const at = Date.now();
    for (const { sampleId, payload } of ready)
      await saveAnnotation(trx, { sampleId, labelerId: labeler.id, guidelineVersionId: guideline.id, payload, status: 'submitted', at });
  });
  for (const { sampleId } of ready) project.agreement.sampleChanged(sampleId);
  return { labelerId: labeler.id, imported: ready.length, problems };
}

function toPayload(
  label: ParsedLabel,
  sample: { width: number | null; height: number | null; duration_ms: number | null },
  classId: Map<string, number>,
  problems: ImportProblem[],
): AnnotationPayload | null {
  if (label.content.kind === 'segments') {
    const segments = [...label.content.segments]
      .sort((x, y) => x.startMs - y.startMs)
      .map((segment, i) => ({
        id: `s${i + 1}`,
        startMs: segment.startMs,
        endMs: segment.endMs ?? sample.duration_ms ?? segment.startMs + 1,
        text: segment.text,
      }));
    const clip = label.content.segments.length === 1 && label.content.segments[0]!.endMs === null;
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
  const corners =
    label.content.kind === 'boxes'
      ? label.content.boxes
      : label.content.boxes.map(({ className, cx, cy, w, h }) => ({
          className,
          x1: (cx - w / 2) * (sample.width ?? 0),
          y1: (cy - h / 2) * (sample.height ?? 0),
          x2: (cx + w / 2) * (sample.width ?? 0),
          y2: (cy + h / 2) * (sample.height ?? 0),
        }));
  const boxes: Box[] = [];
  for (const [index, box] of corners.entries()) {
    const id = classId.get(box.className.toLowerCase());
    if (id === undefined) {
      problems.push({ where: `${label.where}, box ${index + 1}`, message: `has class "${box.className}", which this project does not have` });
      return null;
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
  return { v: 1, kind: 'bbox', boxes, noObjects: boxes.length === 0, flags: FLAGS, tags: [] };
}
