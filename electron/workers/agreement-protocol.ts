import type { AgreementOptions, AnnotationForAgreement, ProjectAgreement } from '../../shared/agreement';

/**
 * Messages to the agreement worker, which keeps one ledger per set of options. They are handled
 * in the order sent, so a `set` after a `load` always reaches that ledger.
 */
export type AgreementRequest =
  | { type: 'load'; key: string; kind: 'bbox' | 'transcript'; options: AgreementOptions; annotations: AnnotationForAgreement[] }
  | { type: 'drop'; key: string }
  /** A sample's submitted annotations changed: every ledger takes the new ones. */
  | { type: 'set'; sampleId: number; annotations: AnnotationForAgreement[] }
  | { type: 'snapshot'; id: number; key: string };

export type AgreementResponse = { id: number; ok: true; value: ProjectAgreement } | { id: number; ok: false; message: string };
