/** Project agreement from submitted annotations: see {@link projectAgreement} and {@link AgreementLedger}. */
export { projectAgreement } from './project-agreement';
export { AgreementLedger } from './ledger';
export { FULL_NORMALISATION } from './transcript-measure';
export type * from './types';
export { describeFigure, FEW_SAMPLES, fewSamplesNote, headlineMeasure, intervalText, percent, skewedClassNote } from './describe-figure';
