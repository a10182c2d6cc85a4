import { z } from 'zod';
import { LabelFileError, parseJsonOrThrow, schemaReason, shortName } from './file-problems';
import type { ImportProblem, ParsedLabel } from './parsed-label';

/** More regions than this in one annotation is not a labeler's work on one image or clip. */
export const MAX_REGIONS_PER_ANNOTATION = 10_000;

const taskId = z.union([z.number(), z.string()]);
const taskSchema = z.object({
  id: taskId.optional(),
  data: z.record(z.string(), z.unknown()),
  annotations: z.array(z.unknown()).default([]),
  predictions: z.array(z.unknown()).default([]),
});

/** `completed_by` is a user id in raw exports and `{id, email, first_name, last_name}` in others. */
const completedBySchema = z.union([
  z.number(),
  z.object({ id: z.number().optional(), email: z.string().optional(), first_name: z.string().optional(), last_name: z.string().optional() }),
]);
const annotationSchema = z.object({
  result: z.array(z.unknown()).max(MAX_REGIONS_PER_ANNOTATION, `has more than ${MAX_REGIONS_PER_ANNOTATION} regions`),
  completed_by: completedBySchema.optional(),
  was_cancelled: z.boolean().default(false),
});
const predictionSchema = z.object({
  result: z.array(z.unknown()).max(MAX_REGIONS_PER_ANNOTATION, `has more than ${MAX_REGIONS_PER_ANNOTATION} regions`),
  score: z.number().finite().optional(),
  model_version: z.string().optional(),
});

const finite = z.number().finite();
const resultSchema = z.object({ id: z.string().optional(), type: z.string(), value: z.record(z.string(), z.unknown()), score: finite.optional() });
const rectangleSchema = z.object({
  x: finite,
  y: finite,
  width: finite.positive(),
  height: finite.positive(),
  rotation: finite.default(0),
  rectanglelabels: z.array(z.string().min(1)).length(1, 'needs exactly one label'),
});
const seconds = finite.nonnegative();
const regionSchema = z.object({ start: seconds, end: seconds }).refine((r) => r.end > r.start, 'end must be after start');
const textareaSchema = z.object({ text: z.array(z.string()).max(1000), start: seconds.optional(), end: seconds.optional() });

/** A media file's path or address, by its extension (Concord's image and audio types). */
const MEDIA_PATH = /\.(jpe?g|png|webp|wav|mp3|flac|ogg)([?#].*)?$/i;

/** A model's output in Label Studio's format: a label with the prediction's score. */
export type ParsedPrediction = ParsedLabel & { score: number | null; model: string | null };

export interface LabelStudioResult {
  labels: ParsedLabel[];
  predictions: ParsedPrediction[];
  problems: ImportProblem[];
}

/**
 * A Label Studio JSON export (an array of tasks). Each task's `annotations` become one label per
 * annotator (`completed_by`); its `predictions` are kept apart as a model's. Images: regions of
 * type `rectanglelabels` (`value.x`, `y`, `width`, `height` in percent of the image). Audio:
 * `textarea` regions with `start` and `end` in seconds are segments (a `labels` region with the
 * same id gives the times when the text's own are absent); a `textarea` without times is the
 * whole clip's transcript. A file that is not such an array throws a {@link LabelFileError};
 * a bad task, annotation or region is reported by task id and number, never with its text,
 * and the rest imports.
 * @example parseLabelStudio('[{"id":1,"data":{"image":"/data/upload/1/a.jpg"},"annotations":[{"completed_by":{"email":"ana@x.org"},"result":[]}]}]').labels[0]!.annotator // 'ana@x.org'
 */
export function parseLabelStudio(text: string): LabelStudioResult {
  const tasks = z.array(z.unknown()).safeParse(parseJsonOrThrow(text));
  if (!tasks.success) throw new LabelFileError(`is not a Label Studio JSON export (an array of tasks): ${schemaReason(tasks.error)}`);
  const result: LabelStudioResult = { labels: [], predictions: [], problems: [] };
  tasks.data.forEach((value, index) => {
    const task = taskSchema.safeParse(value);
    const id = (value as { id?: unknown } | null)?.id;
    const taskWhere = `task ${index + 1}${typeof id === 'number' ? ` (id ${id})` : ''}`;
    if (!task.success) return result.problems.push({ where: taskWhere, message: schemaReason(task.error) });
    const file = mediaFile(task.data.data);
    if (file === null) return result.problems.push({ where: taskWhere, message: 'names no image or audio file in its data' });
    const where = `${taskWhere} (${shortName(file)})`;
    const seen = new Set<string>();
    task.data.annotations.forEach((raw, n) => {
      const annotationWhere = `${where}, annotation ${n + 1}`;
      const annotation = annotationSchema.safeParse(raw);
      if (!annotation.success) return result.problems.push({ where: annotationWhere, message: schemaReason(annotation.error) });
      if (annotation.data.was_cancelled)
        return result.problems.push({ where: annotationWhere, message: 'was skipped (cancelled) in Label Studio and is not imported' });
      const annotator = annotation.data.completed_by === undefined ? undefined : annotatorName(annotation.data.completed_by);
      const key = annotator ?? '';
      if (seen.has(key))
        return result.problems.push({ where: annotationWhere, message: 'is a second annotation by the same annotator on this task; the first is kept' });
      seen.add(key);
      const content = readRegions(annotation.data.result, annotationWhere, result.problems);
      if (content) result.labels.push({ file, where: annotationWhere, ...(annotator !== undefined ? { annotator } : {}), content });
    });
    task.data.predictions.forEach((raw, n) => {
      const predictionWhere = `${where}, prediction ${n + 1}`;
      const prediction = predictionSchema.safeParse(raw);
      if (!prediction.success) return result.problems.push({ where: predictionWhere, message: schemaReason(prediction.error) });
      const content = readRegions(prediction.data.result, predictionWhere, result.problems);
      if (content)
        result.predictions.push({ file, where: predictionWhere, content, score: prediction.data.score ?? null, model: prediction.data.model_version ?? null });
    });
  });
  return result;
}

/**
 * The media file a task's data names, as a file name to match: Label Studio's upload prefix
 * (`/data/upload/3/1a2b3c4d-cat.jpg`) is dropped, and a local file (`/data/local-files/?d=a/cat.jpg`)
 * is its `d` path.
 */
function mediaFile(data: Record<string, unknown>): string | null {
  // Under another key only a media path counts: a task's other data (a text, a note) must never be quoted as its file.
  const named = [data['image'], data['audio']].find((v): v is string => typeof v === 'string' && v.trim() !== '');
  const value = named ?? Object.values(data).find((v): v is string => typeof v === 'string' && MEDIA_PATH.test(v));
  if (value === undefined) return null;
  const local = /[?&]d=([^&]+)/.exec(value);
  const path = local ? safeDecode(local[1]!) : safeDecode(value.replace(/[?#].*$/, ''));
  const name = path.replace(/\\/g, '/').split('/').pop() ?? '';
  const uploaded = /\/data\/upload\//.test(value) ? name.replace(/^[0-9a-f]{8}-/, '') : name;
  return uploaded === '' ? null : uploaded;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** An annotator's name: the email where the export has one, else first and last name, else the user id. */
function annotatorName(completedBy: z.infer<typeof completedBySchema>): string | undefined {
  if (typeof completedBy === 'number') return `label-studio user ${completedBy}`;
  const email = completedBy.email?.trim();
  if (email) return email;
  const name = `${completedBy.first_name ?? ''} ${completedBy.last_name ?? ''}`.trim();
  if (name) return name;
  return completedBy.id !== undefined ? `label-studio user ${completedBy.id}` : undefined;
}

/**
 * One annotation's regions as boxes or segments. Regions Concord does not hold (rotated boxes,
 * polygons, choices) are reported and left out; null when regions were there and none could be
 * read, since the label would otherwise claim the image holds no objects (or the clip no speech).
 */
function readRegions(results: readonly unknown[], where: string, problems: ImportProblem[]): ParsedLabel['content'] | null {
  const boxes: Extract<ParsedLabel['content'], { kind: 'percent-boxes' }>['boxes'] = [];
  const texts: { id: string | undefined; start?: number; end?: number; text: string; where: string }[] = [];
  const times = new Map<string, { start: number; end: number }>();
  let bad = 0;
  results.forEach((raw, index) => {
    const regionWhere = `${where}, region ${index + 1}`;
    const region = resultSchema.safeParse(raw);
    const fail = (message: string) => {
      bad++;
      problems.push({ where: regionWhere, message });
    };
    if (!region.success) return fail(schemaReason(region.error));
    const { type, value, id } = region.data;
    if (type === 'rectanglelabels') {
      const box = rectangleSchema.safeParse(value);
      if (!box.success) return fail(schemaReason(box.error));
      if (box.data.rotation % 360 !== 0) return fail(`is rotated (${box.data.rotation}°); Concord's boxes are upright`);
      const { x, y, width, height, rectanglelabels } = box.data;
      boxes.push({ className: rectanglelabels[0]!, x, y, width, height });
    } else if (type === 'labels') {
      const span = regionSchema.safeParse(value);
      if (!span.success) return fail(schemaReason(span.error));
      if (id !== undefined) times.set(id, span.data);
    } else if (type === 'textarea') {
      const area = textareaSchema.safeParse(value);
      if (!area.success) return fail(schemaReason(area.error));
      texts.push({ id, start: area.data.start, end: area.data.end, text: area.data.text.join(' '), where: regionWhere });
    } else fail(`is a "${shortName(type, 30)}" region; Concord imports rectanglelabels, and textarea (with labels) on audio`);
  });
  if (bad > 0 && boxes.length === 0 && texts.length === 0) {
    problems.push({ where, message: `is left out: none of its ${bad} region${bad === 1 ? '' : 's'} could be read` });
    return null;
  }
  if (boxes.length > 0 || texts.length === 0) {
    if (texts.length > 0) problems.push({ where, message: 'mixes boxes and text; its text regions are left out' });
    return { kind: 'percent-boxes', boxes };
  }
  const segments: { startMs: number | null; endMs: number | null; text: string }[] = [];
  for (const text of texts) {
    const span =
      text.start !== undefined && text.end !== undefined ? { start: text.start, end: text.end } : text.id !== undefined ? times.get(text.id) : undefined;
    segments.push({ startMs: span ? Math.round(span.start * 1000) : null, endMs: span ? Math.round(span.end * 1000) : null, text: text.text });
  }
  const timed = segments.filter((s) => s.startMs !== null);
  if (timed.length === 0) return { kind: 'segments', segments: [{ startMs: 0, endMs: null, text: segments.map((s) => s.text).join(' ') }] };
  if (timed.length < segments.length) problems.push({ where, message: `${segments.length - timed.length} text region(s) without times are left out` });
  return { kind: 'segments', segments: timed.map((s) => ({ startMs: s.startMs!, endMs: s.endMs, text: s.text })) };
}
