import { AgreementLedger, type AgreementOptions, type AnnotationForAgreement } from '../../shared/agreement';

/**
 * Runs the code a submission runs in a ledger (a sample measured, its contribution replaced, its
 * place in the worst lists, the dashboard after it) on made-up samples in a ledger of their own,
 * so that a worker whose ledger was taken back from its file does not compile that code on a
 * person's first submission: that update took 11–14 ms in a fresh worker at 100,000 images here,
 * 5–8 ms after this (~16 ms, spent when nothing waits for it), ~1 ms once warm. The worker's own
 * ledgers are not touched. How many made-up samples the ledger compared (2).
 */
export function warmUpMeasuring(kind: 'bbox' | 'transcript', options: AgreementOptions): number {
  const ledger = new AgreementLedger(kind, options);
  ledger.setSample(1, madeUpAnswers(kind, 1, 0));
  ledger.setSample(2, madeUpAnswers(kind, 2, 0));
  ledger.dashboard();
  // A resubmission: the sample's contribution taken back and added again.
  ledger.setSample(1, madeUpAnswers(kind, 1, 1));
  return ledger.dashboard().samplesCompared;
}

/** Three labelers' answers on made-up sample `sampleId`: boxes or segments that mostly agree, one class or word apart. */
function madeUpAnswers(kind: 'bbox' | 'transcript', sampleId: number, round: number): AnnotationForAgreement[] {
  const flags = { unsure: false, comment: '', mediaBroken: false };
  return [1, 2, 3].map((labelerId) => ({
    sampleId,
    labelerId,
    guidelineVersion: 1,
    submittedAt: 1 + round * 3 + labelerId,
    sampleTags: ['made-up'],
    payload:
      kind === 'bbox'
        ? {
            v: 1,
            kind: 'bbox',
            boxes: [0, 1, 2].map((box) => ({
              id: `b${box}`,
              classId: box === 2 && labelerId === 3 ? 2 : 1,
              x1: box * 20 + labelerId,
              y1: 10,
              x2: box * 20 + 15 + round,
              y2: 30,
            })),
            noObjects: false,
            flags,
            tags: [],
          }
        : {
            v: 1,
            kind: 'transcript',
            mode: 'clip',
            segments: [{ id: 's', startMs: 0, endMs: 1000, text: labelerId === 3 ? 'a made up clip' : `a made-up clip ${round}` }],
            noSpeech: false,
            flags,
            tags: [],
          },
  }));
}
