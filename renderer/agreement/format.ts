import type { AgreementFigure } from '../../shared/agreement';

export const percent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`);

/** Red for disagreement through amber to green for agreement, for heatmap cells. */
export function agreementColor(value: number | null): string {
  if (value === null) return '#eef1f5';
  const hue = Math.round(Math.max(0, Math.min(1, value)) * 120);
  return `hsl(${hue} 65% 78%)`;
}

/** The figure's details beside its headline value. */
export function figureDetail(figure: AgreementFigure): string {
  if (figure.kind === 'bbox') return `F1 ${percent(figure.f1)} · mean IoU ${percent(figure.meanIoU)} · same class ${percent(figure.classAgreement)}`;
  return `WER ${percent(figure.raw.wer)} as typed · ${percent(figure.normalized.agreement)} ignoring case, punctuation and fillers`;
}
