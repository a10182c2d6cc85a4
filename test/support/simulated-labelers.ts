import { AgreementLedger, type AnnotationForAgreement } from '../../shared/agreement';
import type { BboxPayload } from '../../shared/annotation/payload';
import { mulberry32, type Random } from '../../shared/assignment/prng';
import type { ScorePoint } from '../../shared/quality/drift';
import { goldAgreement, type GoldLabel } from '../../shared/quality/gold-agreement';
import { goldScoreSeries } from '../../shared/quality/gold-series';
import { peerAgreementSeries } from '../../shared/quality/peer-scores';

const HOUR_MS = 3_600_000;
const START = Date.UTC(2026, 10, 2);

export interface SimulatedTeam {
  /** Samples every labeler boxes, in order. */
  samples: number;
  /** Labelers 1…`labelers`; labeler 1 is the one who may drift. */
  labelers: number;
  /** From this sample index on, labeler 1 widens each side of every box by `looseness` × its size. Default: never. */
  driftFrom?: number;
  looseness?: number;
  seed: number;
}

/**
 * A team boxing the same images: each image holds 1–4 objects of 30–150 px, and each labeler
 * draws every object with its corners off by a little normal noise (2 px), as careful people do.
 * Returns every labeler's submitted annotations, one sample per hour.
 */
export function simulateBoxLabeling(team: SimulatedTeam): AnnotationForAgreement[] {
  const random = mulberry32(team.seed);
  const annotations: AnnotationForAgreement[] = [];
  for (let sample = 0; sample < team.samples; sample++) {
    const objects = Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
      const w = 30 + random() * 120;
      const h = 30 + random() * 120;
      const x = random() * 500;
      const y = random() * 300;
      return [x, y, x + w, y + h] as const;
    });
    for (let labelerId = 1; labelerId <= team.labelers; labelerId++) {
      const loosen = labelerId === 1 && team.driftFrom !== undefined && sample >= team.driftFrom ? (team.looseness ?? 0) : 0;
      const boxes = objects.map(([x1, y1, x2, y2], i) => {
        const dx = (x2 - x1) * loosen;
        const dy = (y2 - y1) * loosen;
        return {
          id: `b${i}`,
          classId: 1,
          x1: x1 - dx + noise(random),
          y1: y1 - dy + noise(random),
          x2: x2 + dx + noise(random),
          y2: y2 + dy + noise(random),
        };
      });
      const payload: BboxPayload = { v: 1, kind: 'bbox', boxes, noObjects: false, flags: { unsure: false, comment: '', mediaBroken: false }, tags: [] };
      annotations.push({ sampleId: sample + 1, labelerId, guidelineVersion: 1, submittedAt: START + sample * HOUR_MS + labelerId, sampleTags: [], payload });
    }
  }
  return annotations;
}

/** Each labeler's per-sample agreement with the others, computed by the project's own agreement ledger. */
export function peerScoresOf(annotations: readonly AnnotationForAgreement[]): Map<number, ScorePoint[]> {
  const agreement = AgreementLedger.of('bbox', annotations, { bootstrap: false }).snapshot();
  return peerAgreementSeries(agreement.perSample, annotations);
}

/**
 * Labeler 1's agreement with gold over time, one point per sample: the simulated team's last
 * labeler (steady, never drifting) stands in as the SME whose decisions are the gold labels, and
 * every sample is a check labeler 1 answered; computed by the project's own gold agreement.
 */
export function goldScoresOf(annotations: readonly AnnotationForAgreement[]): ScorePoint[] {
  const sme = Math.max(...annotations.map((annotation) => annotation.labelerId));
  const golds: GoldLabel[] = annotations
    .filter((annotation) => annotation.labelerId === sme)
    .map((annotation) => ({ sampleId: annotation.sampleId, decidedUnder: 1, rule: null, versions: [1], payload: annotation.payload }));
  const [labelerOne] = goldAgreement(
    'bbox',
    golds,
    annotations.filter((annotation) => annotation.labelerId === 1),
    { bootstrap: false },
  );
  return goldScoreSeries(labelerOne!);
}

/** Normal noise of 2 px (Box–Muller). */
function noise(random: Random): number {
  const u = 1 - random();
  return 2 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
