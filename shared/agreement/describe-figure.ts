import type { AgreementFigure, Interval } from './types';

/** 0.8312 → "83.1%"; "—" when there is no value. */
export const percent = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`);

/** A figure's details in one line, for the dashboard and the CLI alike. */
export function describeFigure(figure: AgreementFigure): string {
  if (figure.kind === 'bbox') {
    const kappa = figure.classKappa === null ? '' : ` (κ ${figure.classKappa.toFixed(2)})`;
    return `F1 ${percent(figure.f1)} · mean IoU ${percent(figure.meanIoU)} · same class ${percent(figure.classAgreement)}${kappa}`;
  }
  const boundaries = figure.boundaryMs === null ? '' : ` · segment boundaries ${Math.round(figure.boundaryMs)} ms apart`;
  return `WER ${percent(figure.raw.wer)} as typed · ${percent(figure.normalized.agreement)} ignoring case, punctuation and fillers${boundaries}`;
}

/** "95% interval 71.0%–83.5%", or '' without one. */
export function intervalText(interval: Interval | null): string {
  return interval ? `95% interval ${percent(interval.low)}–${percent(interval.high)}` : '';
}
