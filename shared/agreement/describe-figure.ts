import { SKEWED_CLASS_SHARE } from './class-agreement';
import type { AgreementFigure, ClassIntervals, Interval } from './types';

/** 0.8312 → "83.1%"; "—" when there is no value. */
export const percent = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`);

/**
 * A figure's details in one line, for the dashboard and the CLI alike. Transcripts lead with
 * agreement (1 − WER, the headline's measure) and name the error rate apart, so a higher
 * number never means better in one half of the line and worse in the other.
 * @example describeFigure(transcriptFigure) // "agreement (1 − WER) 80.0% as typed, 95.0% ignoring case, punctuation and fillers · word error rate 20.0% as typed"
 */
export function describeFigure(figure: AgreementFigure): string {
  if (figure.kind === 'bbox') {
    const kappa = figure.classKappa === null ? '' : ` (κ ${figure.classKappa.toFixed(2)})`;
    return `F1 ${percent(figure.f1)} · mean IoU ${percent(figure.meanIoU)} · same class ${percent(figure.classAgreement)}${kappa}`;
  }
  const boundaries = figure.boundaryMs === null ? '' : ` · segment boundaries ${Math.round(figure.boundaryMs)} ms apart`;
  return (
    `agreement (1 − WER) ${percent(figure.raw.agreement)} as typed, ${percent(figure.normalized.agreement)} ignoring case, punctuation and fillers` +
    ` · word error rate ${percent(figure.raw.wer)} as typed${boundaries}`
  );
}

/**
 * What the headline number measures, in words.
 * @example headlineMeasure(transcriptFigure) // "1 − word error rate, as typed"
 */
export function headlineMeasure(figure: AgreementFigure): string {
  return figure.kind === 'bbox' ? 'F1 of boxes matched by IoU' : '1 − word error rate, as typed';
}

/** "95% interval 71.0%–83.5%", or '' without one. */
export function intervalText(interval: Interval | null): string {
  return interval ? `95% interval ${percent(interval.low)}–${percent(interval.high)}` : '';
}

/** Below this many samples a figure is said to rest on few: each sample then weighs a tenth of it or more. */
export const FEW_SAMPLES = 10;

/**
 * Why a figure over fewer than {@link FEW_SAMPLES} samples should be read with care; '' from
 * that many on.
 * @example fewSamplesNote(1) // "Rests on 1 sample: under 10, each sample weighs a tenth of the figure or more, so one relabeled sample can swing it."
 */
export function fewSamplesNote(samples: number): string {
  if (samples >= FEW_SAMPLES) return '';
  return `Rests on ${samples} sample${samples === 1 ? '' : 's'}: under ${FEW_SAMPLES}, each sample weighs a tenth of the figure or more, so one relabeled sample can swing it.`;
}

/**
 * When one class holds more than {@link SKEWED_CLASS_SHARE} of the matched boxes' labels, why
 * kappa reads low and what to read beside it (AC1 and Brennan–Prediger, with their intervals);
 * '' otherwise, and for any other figure.
 * @example skewedClassNote(overall, overall.classIntervals) // "One class holds 95.0% of … Gwet's AC1 0.89 (95% interval 0.62–1.00) …"
 */
export function skewedClassNote(figure: AgreementFigure, intervals: ClassIntervals | null): string {
  if (figure.kind !== 'bbox' || figure.commonestClassShare === null || figure.commonestClassShare <= SKEWED_CLASS_SHARE) return '';
  const { classKappa, classAC1, classBrennanPrediger } = figure;
  if (classAC1 === null && classBrennanPrediger === null) return '';
  return (
    `One class holds ${percent(figure.commonestClassShare)} of the matched boxes' labels, so kappa` +
    `${classKappa === null ? '' : ` (${coefficient(classKappa)})`} reads low even where labelers gave the same class ${percent(figure.classAgreement)} of the time. ` +
    `Read beside it: Gwet's AC1 ${coefficientWithInterval(classAC1, intervals?.ac1)} and Brennan–Prediger ${coefficientWithInterval(classBrennanPrediger, intervals?.brennanPrediger)}, ` +
    'whose chance agreement does not grow with a dominant class.'
  );
}

function coefficient(value: number | null): string {
  return value === null ? '—' : value.toFixed(2);
}

function coefficientWithInterval(value: number | null, interval: Interval | null | undefined): string {
  return `${coefficient(value)}${interval ? ` (95% interval ${coefficient(interval.low)}–${coefficient(interval.high)})` : ''}`;
}
