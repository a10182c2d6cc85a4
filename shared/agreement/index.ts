/** Project agreement from submitted annotations: see {@link projectAgreement}. */
export { projectAgreement } from './project-agreement';
export { bootstrapInterval } from './bootstrap';
export { binaryAlpha } from './binary-alpha';
export { FULL_NORMALISATION } from './transcript-measure';
export type * from './types';
