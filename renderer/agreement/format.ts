import type { AgreementFigure, Interval } from '../../shared/agreement';

export const percent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`);

/** Red for disagreement through amber to green for agreement, for heatmap cells. */
export function agreementColor(value: number | null): string {
  if (value === null) return '#eef1f5';
  const hue = Math.round(Math.max(0, Math.min(1, value)) * 120);
  return `hsl(${hue} 65% 78%)`;
}

/** The figure's details beside its headline value. */
export function figureDetail(figure: AgreementFigure): string {
  if (figure.kind === 'bbox') {
    const kappa = figure.classKappa === null ? '' : ` (κ ${figure.classKappa.toFixed(2)})`;
    return `F1 ${percent(figure.f1)} · mean IoU ${percent(figure.meanIoU)} · same class ${percent(figure.classAgreement)}${kappa}`;
  }
  return `WER ${percent(figure.raw.wer)} as typed · ${percent(figure.normalized.agreement)} ignoring case, punctuation and fillers`;
}

/** "95% interval 71.0%–83.5%", or '' without one. */
export function intervalText(interval: Interval | null): string {
  return interval ? `95% interval ${percent(interval.low)}–${percent(interval.high)}` : '';
}
