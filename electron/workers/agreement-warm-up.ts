import { AgreementLedger, type AgreementOptions, type AnnotationForAgreement } from '../../shared/agreement';

/**
 * Runs the code a ledger runs on `samples` made-up samples in a ledger of their own (each sample
 * measured and added, the worst lists, the dashboard, then one resubmission: its contribution
 * taken back and added again), so that a worker does not compile that code while a person waits.
 * Two samples compile what a submission runs: a worker whose ledger came from its file took
 * 11–14 ms for the first submission at 100,000 images, 5–8 ms after them (~1 ms once warm).
 * A few hundred, varied as real answers are, also let V8 optimise what a whole computation runs
 * before it starts: its first at 10,000 images × 3 labelers took 1.05–1.52 s in a cold worker
 * and 0.80–1.08 s after 300 (~0.15 s of the worker's time, spent when nothing waits for it).
 * The worker's own ledgers are not touched. How many made-up samples the ledger compared.
 */
export function warmUpMeasuring(kind: 'bbox' | 'transcript', options: AgreementOptions, samples: number): number {
  const ledger = new AgreementLedger(kind, options);
  for (let sampleId = 1; sampleId <= samples; sampleId++) ledger.setSample(sampleId, madeUpAnswers(kind, sampleId, 0));
  ledger.dashboard();
  ledger.setSample(1, madeUpAnswers(kind, 1, 1));
  return ledger.dashboard().samplesCompared;
}

/**
 * Three labelers' answers on made-up sample `sampleId` that mostly agree, varied from sample to
 * sample as real ones are (how many boxes, one missed, a class or a word apart, a tag), so the
 * code optimised on them is not undone by the first real project.
 */
function madeUpAnswers(kind: 'bbox' | 'transcript', sampleId: number, round: number): AnnotationForAgreement[] {
  const flags = { unsure: false, comment: '', mediaBroken: false };
  const boxes = 3 + (sampleId % 5);
  return [1, 2, 3].map((labelerId) => ({
    sampleId,
    labelerId,
    guidelineVersion: 1,
    submittedAt: 1 + round * 3 + labelerId,
    sampleTags: sampleId % 4 === 0 ? ['made-up'] : [],
    payload:
      kind === 'bbox'
        ? {
            v: 1,
            kind: 'bbox',
            boxes: Array.from({ length: labelerId === 2 && sampleId % 4 === 1 ? boxes - 1 : boxes }, (_, box) => ({
              id: `b${box}`,
              classId: 1 + ((box + (labelerId === 3 && sampleId % 3 === 0 ? 1 : 0)) % 3),
              x1: box * 40 + labelerId + (sampleId % 7),
              y1: 10 + (sampleId % 11),
              x2: box * 40 + 30 + round,
              y2: 40 + labelerId,
            })),
            noObjects: false,
            flags,
            tags: [],
          }
        : {
            v: 1,
            kind: 'transcript',
            mode: 'clip',
            segments: [{ id: 's', startMs: 0, endMs: 1000, text: madeUpText(sampleId, labelerId === 3 ? round + 1 : round) }],
            noSpeech: false,
            flags,
            tags: [],
          },
  }));
}

const WORDS = ['a', 'made-up', 'clip', 'of', 'speech', 'with', 'some', 'words'];

/** A few words chosen by `sampleId`, one of them changed by `variant`. */
function madeUpText(sampleId: number, variant: number): string {
  const words = Array.from({ length: 3 + (sampleId % 6) }, (_, at) => WORDS[(sampleId + at * 3) % WORDS.length]!);
  words[sampleId % words.length] = variant === 0 ? words[sampleId % words.length]! : `${WORDS[variant % WORDS.length]}s`;
  return words.join(' ');
}
