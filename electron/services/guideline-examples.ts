import { currentAnswers } from '../../shared/agreement/current-answers';
import type { Box } from '../../shared/annotation/payload';
import { textOf } from '../../shared/disagreement/transcript-disagreements';
import type { ExampleEvidence } from '../../shared/domain/guideline';
import { submittedForAgreement } from '../db/queries/agreement-inputs';
import { decisionHistory } from '../db/queries/gold';
import { getSample } from '../db/queries/samples';
import type { OpenProject } from './hosting/context';
import { ApiError } from '../../shared/api/errors';

/** Margin around the boxes of an image example, as a share of their extent. */
const CROP_MARGIN = 0.15;

/**
 * What an example of a sample shows, frozen now: each labeler's current answer ("Labeler A",
 * "B", …: a guideline teaches rules, not who got it wrong) and the gold label if decided. Images
 * are cropped to the boxes with a margin; audio spans the speech.
 */
export async function exampleEvidence(project: OpenProject, sampleId: number): Promise<ExampleEvidence> {
  const { db } = project.connection;
  const sample = await getSample(db, sampleId);
  if (!sample) throw new ApiError('not_found', `No sample ${sampleId} in this project.`, [{ path: 'sampleId', message: 'unknown sample' }]);
  const answers = currentAnswers(await submittedForAgreement(db, sampleId));
  const labels = answers.map((answer, index) => ({ who: `Labeler ${String.fromCharCode(65 + index)}`, payload: answer.payload }));
  const gold = (await decisionHistory(db, sampleId))[0];
  if (gold) labels.push({ who: 'Decided', payload: gold.payload });

  if (project.kind === 'bbox') {
    const boxesOf = (payload: (typeof labels)[number]['payload']): Box[] => (payload.kind === 'bbox' ? payload.boxes : []);
    const all = labels.flatMap((label) => boxesOf(label.payload));
    const width = sample.width ?? 1;
    const height = sample.height ?? 1;
    const crop = all.length === 0 ? { x1: 0, y1: 0, x2: width, y2: height } : cropAround(all, width, height);
    return {
      kind: 'bbox',
      image: { width, height },
      crop,
      labels: labels.map((label) => ({ who: label.who, boxes: boxesOf(label.payload).filter((box) => overlaps(box, crop)) })),
    };
  }
  const segments = labels.flatMap((label) => (label.payload.kind === 'transcript' ? label.payload.segments : []));
  const span =
    segments.length === 0
      ? { startMs: 0, endMs: sample.duration_ms ?? 0 }
      : { startMs: Math.min(...segments.map((s) => s.startMs)), endMs: Math.max(...segments.map((s) => s.endMs)) };
  return {
    kind: 'transcript',
    span,
    labels: labels.map((label) => ({
      who: label.who,
      text: label.payload.kind === 'transcript' ? (label.payload.noSpeech ? '(no speech)' : textOf(label.payload)) : '',
    })),
  };
}

function cropAround(boxes: readonly Box[], width: number, height: number) {
  const x1 = Math.min(...boxes.map((b) => b.x1));
  const y1 = Math.min(...boxes.map((b) => b.y1));
  const x2 = Math.max(...boxes.map((b) => b.x2));
  const y2 = Math.max(...boxes.map((b) => b.y2));
  const marginX = (x2 - x1) * CROP_MARGIN;
  const marginY = (y2 - y1) * CROP_MARGIN;
  return { x1: Math.max(0, x1 - marginX), y1: Math.max(0, y1 - marginY), x2: Math.min(width, x2 + marginX), y2: Math.min(height, y2 + marginY) };
}

function overlaps(box: Box, crop: { x1: number; y1: number; x2: number; y2: number }): boolean {
  return box.x2 > crop.x1 && box.x1 < crop.x2 && box.y2 > crop.y1 && box.y1 < crop.y2;
}
