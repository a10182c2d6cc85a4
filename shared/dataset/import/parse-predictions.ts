import { z } from 'zod';
import type { PredictedBox } from '../../analysis/score-predictions';
import { LabelFileError, parseJsonOrThrow, schemaReason, shortName } from './file-problems';
import { jsonLines } from './json-lines';
import type { ImportProblem } from './parsed-label';

const resultRowSchema = z.object({
  image_id: z.number().int(),
  category_id: z.number().int(),
  bbox: z
    .tuple([z.number().finite(), z.number().finite(), z.number().finite(), z.number().finite()])
    .refine(([, , width, height]) => width > 0 && height > 0, 'width and height must be above 0'),
  score: z.number().finite().default(1),
});

const textRowSchema = z
  .object({ file: z.string().min(1).optional(), audio_filepath: z.string().min(1).optional(), text: z.string(), offset: z.number().finite().default(0) })
  .refine((row) => row.file !== undefined || row.audio_filepath !== undefined, 'needs "file" (or "audio_filepath") and "text"');

/**
 * A model's boxes in COCO results form (`[{image_id, category_id, bbox, score}]`), by sample
 * id. A file that is not such an array throws a {@link LabelFileError}; a bad row, or one for
 * an image outside the version, is reported by its number. An image of the version without
 * rows is an image where the model found nothing.
 * @example cocoResults('[]', new Set([1]), []).size // 0
 */
export function cocoResults(text: string, sampleIds: ReadonlySet<number>, problems: ImportProblem[]): Map<number, PredictedBox[]> {
  const rows = z.array(z.unknown()).safeParse(parseJsonOrThrow(text));
  if (!rows.success) throw new LabelFileError(`is not a COCO results array: ${schemaReason(rows.error)}`);
  const predictions = new Map<number, PredictedBox[]>();
  rows.data.forEach((value, index) => {
    const where = `result ${index + 1}`;
    const row = resultRowSchema.safeParse(value);
    if (!row.success) return problems.push({ where, message: schemaReason(row.error) });
    const { image_id: imageId, category_id: classId, bbox, score } = row.data;
    if (!sampleIds.has(imageId)) return problems.push({ where, message: `image_id ${imageId} is not a sample of this dataset version` });
    const [x, y, width, height] = bbox;
    predictions.set(imageId, [...(predictions.get(imageId) ?? []), { classId, x1: x, y1: y, x2: x + width, y2: y + height, score }]);
  });
  // An image the model saw and found nothing in has no rows: it predicted no boxes.
  if (rows.data.length > 0) for (const sampleId of sampleIds) if (!predictions.has(sampleId)) predictions.set(sampleId, []);
  return predictions;
}

/**
 * A model's transcripts, one JSON object per line (`file` or `audio_filepath`, `text`, and
 * `offset` for segments, joined in time order), by sample id; `sampleIdOf` finds a sample by
 * the file's base name. Bad lines are reported by number without their text.
 * @example jsonlTexts('{"file": "a.wav", "text": "hi"}', () => 1, []).get(1) // 'hi'
 */
export function jsonlTexts(text: string, sampleIdOf: (file: string) => number | undefined, problems: ImportProblem[]): Map<number, string> {
  const rows = new Map<number, { offset: number; text: string }[]>();
  for (const { row, where } of jsonLines(text, textRowSchema, problems)) {
    const file = (row.file ?? row.audio_filepath)!;
    const sampleId = sampleIdOf(file);
    if (sampleId === undefined) {
      problems.push({ where, message: `"${shortName(file)}" is not a file of this dataset version` });
      continue;
    }
    // A clip may come as segment rows: they are joined in time order.
    rows.set(sampleId, [...(rows.get(sampleId) ?? []), { offset: row.offset, text: row.text }]);
  }
  return new Map(
    [...rows].map(([sampleId, list]) => [
      sampleId,
      list
        .sort((x, y) => x.offset - y.offset)
        .map((r) => r.text)
        .join(' '),
    ]),
  );
}
