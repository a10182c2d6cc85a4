import { basename } from 'node:path';
import type { ValidatedArg } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { scorePrediction, type PredictedBox } from '../../shared/analysis/score-predictions';
import { labelStudioPredictions } from '../../shared/dataset/import/label-studio-predictions';
import { cocoResults, jsonlTexts } from '../../shared/dataset/import/parse-predictions';
import type { ImportProblem } from '../../shared/dataset/import/parsed-label';
import { textOf } from '../../shared/disagreement/transcript-disagreements';
import type { ScoredPredictions } from '../../shared/domain/training';
import { NO_SPEECH_CLASS } from '../../shared/train/clip-targets';
import { datasetVersion } from '../db/queries/datasets';
import { listClasses } from '../db/queries/project';
import { samplesForExport } from '../db/queries/samples';
import { requireProject, type ServiceContext } from './hosting/context';
import { parsedOrThrow, readTextFile } from './datasets/read-label-files';
import { versionHlp } from './version-hlp';

/**
 * A model trained elsewhere, measured here: its predictions for a dataset version (COCO results
 * for boxes, JSONL of `file` and `text` for transcripts, or a Label Studio export's `predictions`) scored against the version's labels,
 * with human-level agreement per slice to compare with.
 */
export async function trainPredictions(ctx: ServiceContext, arg: ValidatedArg<'train.predictions'>): Promise<ScoredPredictions> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  const dataset = await datasetVersion(db, arg.version);
  if (!dataset) throw new ApiError('not_found', `There is no dataset v${arg.version}.`, [{ path: 'version', message: 'unknown version' }]);
  const problems: ImportProblem[] = [];
  const byItem = new Map(dataset.items.map((item) => [item.sampleId, item]));
  const predictions = await readPredictionFile(arg.format, { path: arg.path }, project.kind, dataset.items, await listClasses(db), problems);
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

/** A sample predictions may be about, by the name of its file. */
export interface PredictionCandidate {
  sampleId: number;
  fileName: string;
  width: number | null;
  height: number | null;
}

/** A predictions file on the host's disk, or one a browser sent (its name only names it in messages). */
export type PredictionFile = { path: string } | { name: string; text: string };

/**
 * Reads a model's predictions about `candidates` from a file: COCO results (`image_id` is the
 * sample id), JSONL of `file` and `text`, or a Label Studio export's `predictions` (files matched
 * by base name, classes by name). Rows that fit no candidate are added to `problems` by their
 * place in the file; a file that is not of its format fails with its path and the reason.
 */
export async function readPredictionFile(
  format: 'coco-results' | 'jsonl' | 'label-studio',
  file: PredictionFile,
  kind: 'bbox' | 'transcript',
  candidates: readonly PredictionCandidate[],
  classes: readonly { id: number; name: string }[],
  problems: ImportProblem[],
): Promise<Map<number, PredictedBox[] | string>> {
  if (format !== 'label-studio' && (format === 'coco-results') !== (kind === 'bbox'))
    throw new ApiError('invalid_argument', `${format} predictions do not fit a ${kind} project.`);
  const path = 'path' in file ? file.path : file.name;
  const text = 'path' in file ? await readTextFile(file.path) : file.text;
  const byId = new Map(candidates.map((c) => [c.sampleId, c]));
  const byName = new Map(candidates.map((c) => [c.fileName, c.sampleId]));
  const classIds = new Map(classes.map((c) => [c.name.toLowerCase(), c.id]));
  if (format === 'coco-results') return parsedOrThrow(path, (t) => cocoResults(t, new Set(byId.keys()), problems), text);
  if (format === 'label-studio')
    return parsedOrThrow(
      path,
      (t) =>
        labelStudioPredictions(
          t,
          kind,
          (file) => byId.get(byName.get(basename(file)) ?? -1),
          (name) => classIds.get(name.toLowerCase()),
          problems,
        ),
      text,
    );
  return jsonlTexts(text, (file) => byName.get(basename(file.replace(/\\/g, '/'))), problems);
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
