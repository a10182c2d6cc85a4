import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ValidatedArg } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { scorePrediction, type PredictedBox } from '../../shared/analysis/score-predictions';
import type { ImportProblem } from '../../shared/dataset/import/parsed-label';
import { textOf } from '../../shared/disagreement/transcript-disagreements';
import type { ScoredPredictions } from '../../shared/domain/training';
import { NO_SPEECH_CLASS } from '../../shared/train/clip-targets';
import { datasetVersion } from '../db/queries/datasets';
import { listClasses } from '../db/queries/project';
import { samplesForExport } from '../db/queries/samples';
import { requireProject, type ServiceContext } from './context';
import { versionHlp } from './version-hlp';

/**
 * A model trained elsewhere, measured here: its predictions for a dataset version (COCO results
 * for boxes, JSONL of `file` and `text` for transcripts) scored against the version's labels,
 * with human-level agreement per slice to compare with.
 */
export async function trainPredictions(ctx: ServiceContext, arg: ValidatedArg<'train.predictions'>): Promise<ScoredPredictions> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  const dataset = await datasetVersion(db, arg.version);
  if (!dataset) throw new ApiError('not_found', `There is no dataset v${arg.version}.`, [{ path: 'version', message: 'unknown version' }]);
  if ((arg.format === 'coco-results') !== (project.kind === 'bbox'))
    throw new ApiError('invalid_argument', `${arg.format} predictions do not fit a ${project.kind} project.`);
  const text = await readFile(arg.path, 'utf8').catch(() => {
    throw new ApiError('not_found', `${arg.path} cannot be read.`, [{ path: 'path', message: 'not readable' }]);
  });
  const problems: ImportProblem[] = [];
  const byItem = new Map(dataset.items.map((item) => [item.sampleId, item]));
  const predictions = arg.format === 'coco-results' ? cocoResults(text, byItem, problems) : jsonlTexts(text, dataset.items, problems);
  const tags = new Map((await samplesForExport(db)).map((s) => [s.id, s.tags]));
  const className = classNamer(await listClasses(db));
  const scored: ScoredPredictions['scored'] = [];
  for (const [sampleId, prediction] of predictions) {
    const item = byItem.get(sampleId)!;
    const { label } = item;
    const shown = typeof prediction === 'string' ? null : prediction.filter((b) => b.score >= arg.minScore);
    scored.push({
      sampleId,
      sha256: item.sha256,
      fileName: item.fileName,
      split: item.split,
      tags: tags.get(sampleId) ?? [],
      score: scorePrediction(label, prediction, { minScore: arg.minScore }),
      gold: label.kind === 'transcript' ? (label.noSpeech ? NO_SPEECH_CLASS : textOf(label)) : boxesInWords(label.boxes, className),
      prediction: shown === null ? (prediction as string) : boxesInWords(shown, className),
      boxes:
        label.kind === 'bbox' && shown !== null
          ? {
              width: item.width ?? 0,
              height: item.height ?? 0,
              gold: label.boxes.map((b) => ({ x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2, className: className(b.classId) })),
              predicted: shown.map((b) => ({ x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2, className: className(b.classId) })),
            }
          : null,
    });
  }
  return {
    scored: scored.sort((x, y) => x.sampleId - y.sampleId),
    missing: dataset.items.length - scored.length,
    problems,
    hlp: await versionHlp(project, new Set(dataset.items.map((item) => item.sampleId)), project.kind === 'bbox' ? { kind: 'boxF1' } : { kind: 'words' }),
  };
}

function classNamer(classes: readonly { id: number; name: string }[]): (classId: number) => string {
  const names = new Map(classes.map((c) => [c.id, c.name]));
  return (classId) => names.get(classId) ?? `class ${classId}`;
}

/** “2 boxes: cup, dog”. */
function boxesInWords(boxes: readonly { classId: number }[], className: (classId: number) => string): string {
  if (boxes.length === 0) return 'no boxes';
  return `${boxes.length} box${boxes.length === 1 ? '' : 'es'}: ${boxes.map((b) => className(b.classId)).join(', ')}`;
}

function cocoResults(text: string, items: ReadonlyMap<number, unknown>, problems: ImportProblem[]): Map<number, PredictedBox[]> {
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch (error) {
    problems.push({ where: 'the file', message: `is not valid JSON: ${error instanceof Error ? error.message : String(error)}` });
    return new Map();
  }
  if (!Array.isArray(rows)) {
    problems.push({ where: 'the file', message: 'is not a COCO results array' });
    return new Map();
  }
  const predictions = new Map<number, PredictedBox[]>();
  rows.forEach((row: { image_id?: unknown; category_id?: unknown; bbox?: unknown; score?: unknown }, index) => {
    const where = `result ${index + 1}`;
    const bbox = row.bbox;
    if (typeof row.image_id !== 'number' || !items.has(row.image_id))
      return problems.push({ where, message: `image_id ${String(row.image_id)} is not a sample of this dataset version` });
    if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every((v) => typeof v === 'number') || typeof row.category_id !== 'number')
      return problems.push({ where, message: 'needs category_id and bbox [x, y, width, height]' });
    const [x, y, w, h] = bbox as number[];
    const list = predictions.get(row.image_id) ?? [];
    list.push({ classId: row.category_id, x1: x!, y1: y!, x2: x! + w!, y2: y! + h!, score: typeof row.score === 'number' ? row.score : 1 });
    predictions.set(row.image_id, list);
  });
  // An image the model saw and found nothing in has no rows: it predicted no boxes.
  for (const sampleId of items.keys()) if (!predictions.has(sampleId) && rows.length > 0) predictions.set(sampleId, []);
  return predictions;
}

function jsonlTexts(text: string, items: readonly { sampleId: number; fileName: string }[], problems: ImportProblem[]): Map<number, string> {
  const byName = new Map(items.map((item) => [item.fileName, item.sampleId]));
  const rows = new Map<number, { offset: number; text: string }[]>();
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `line ${index + 1}`;
    let row: { file?: unknown; audio_filepath?: unknown; text?: unknown; offset?: unknown };
    try {
      row = JSON.parse(line) as typeof row;
    } catch {
      return problems.push({ where, message: 'is not valid JSON' });
    }
    const file = row.file ?? row.audio_filepath;
    if (typeof file !== 'string' || typeof row.text !== 'string') return problems.push({ where, message: 'needs "file" and "text"' });
    const sampleId = byName.get(basename(file));
    if (sampleId === undefined) return problems.push({ where, message: `"${file}" is not a file of this dataset version` });
    // A clip may come as segment rows: they are joined in time order.
    rows.set(sampleId, [...(rows.get(sampleId) ?? []), { offset: typeof row.offset === 'number' ? row.offset : 0, text: row.text }]);
  });
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
