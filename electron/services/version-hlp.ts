import { projectAgreement, type AgreementFigure, type ProjectAgreement } from '../../shared/agreement';
import { tagPairAgreement } from '../../shared/analysis/tag-agreement';
import { submittedForAgreement } from '../db/queries/agreement-inputs';
import type { OpenProject } from './hosting/context';

/** Which human agreement a model is compared with: the same measure as its own score. */
export type HlpMeasure =
  | { kind: 'class' } // box classes of matched boxes, against a crop classifier
  | { kind: 'boxF1' } // box matching F1, against a detector's predictions
  | { kind: 'words' } // 1 − WER after normalisation, against transcripts
  | { kind: 'tag'; tag: string }; // pair agreement on giving a clip tag

/**
 * Human-level performance on a dataset version's own samples, overall (`all`) and per slice tag:
 * a model evaluated on a version is compared with its labelers on those samples, not on samples
 * labeled since or left out of it.
 */
export async function versionHlp(
  project: OpenProject,
  sampleIds: ReadonlySet<number>,
  measure: HlpMeasure,
): Promise<{ slice: string; value: number | null }[]> {
  // Only the version's samples are read (in id order, as a read of the whole project gives them), not every answer and then a filter.
  const annotations = await submittedForAgreement(
    project.connection.db,
    [...sampleIds].sort((x, y) => x - y),
  );
  if (measure.kind === 'tag') return [...tagPairAgreement(annotations, measure.tag)].map(([slice, value]) => ({ slice, value }));
  const options = { iouThreshold: 0.5, bootstrap: false } as const;
  const agreement: ProjectAgreement =
    project.kind === 'bbox' ? projectAgreement(annotations, 'bbox', options) : projectAgreement(annotations, 'transcript', options);
  const valueOf = (figure: AgreementFigure): number | null => {
    if (figure.kind === 'transcript') return measure.kind === 'words' ? figure.normalized.agreement : null;
    if (measure.kind === 'class') return figure.classAgreement;
    return measure.kind === 'boxF1' ? figure.f1 : null;
  };
  return [{ slice: 'all', value: valueOf(agreement.overall) }, ...agreement.perTag.map((t) => ({ slice: t.key, value: valueOf(t.figure) }))];
}
