import { projectAgreement, type AgreementOptions, type AnnotationForAgreement, type ProjectAgreement } from '../../shared/agreement';
import { answerOnce } from './run-once';

export interface AgreementJob {
  annotations: AnnotationForAgreement[];
  kind: 'bbox' | 'transcript';
  options: AgreementOptions;
}

/** A whole project's agreement takes up to seconds for large projects: never on the main event loop. */
answerOnce<AgreementJob, ProjectAgreement>(({ annotations, kind, options }) =>
  kind === 'bbox' ? projectAgreement(annotations, 'bbox', options) : projectAgreement(annotations, 'transcript', options),
);
