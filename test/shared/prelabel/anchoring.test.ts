import { describe, expect, it } from 'vitest';
import { projectAgreement } from '../../../shared/agreement';
import type { BboxPayload, TranscriptPayload } from '../../../shared/annotation/payload';
import { anchoringArm, type ArmedAnswer } from '../../../shared/prelabel/anchoring';

const NO_FLAGS = { unsure: false, comment: '', mediaBroken: false };
const boxes = (...list: [number, number, number, number][]): BboxPayload => ({
  v: 1,
  kind: 'bbox',
  boxes: list.map(([x1, y1, x2, y2], i) => ({ id: `b${i}`, classId: 1, x1, y1, x2, y2 })),
  noObjects: false,
  flags: NO_FLAGS,
  tags: [],
});
const text = (words: string): TranscriptPayload => ({
  v: 1,
  kind: 'transcript',
  mode: 'clip',
  segments: [{ id: 's', startMs: 0, endMs: 1000, text: words }],
  noSpeech: false,
  flags: NO_FLAGS,
  tags: [],
});

function answer<P extends BboxPayload | TranscriptPayload>(sampleId: number, labelerId: number, arm: ArmedAnswer['arm'], payload: P, model: P): ArmedAnswer {
  return { sampleId, labelerId, guidelineVersion: 1, submittedAt: labelerId, sampleTags: [], payload, arm, model };
}

// Twelve samples, three labelers each. Where labelers started from the model they stay close to
// its box; blind, they scatter. Two labelers per sample share the sample's arm, the third the other.
const model = (s: number) => boxes([10 * s, 10, 10 * s + 40, 50]);
const near = (s: number, d: number) => boxes([10 * s + d, 10, 10 * s + 40 + d, 50]);
const answers: ArmedAnswer[] = Array.from({ length: 12 }, (_, i) => i + 1).flatMap((s) => {
  const main = s % 3 === 0 ? 'blind' : 'prelabeled';
  const other = main === 'blind' ? 'prelabeled' : 'blind';
  const spread = (arm: string) => (arm === 'blind' ? 14 : 2);
  return [
    answer(s, 1, main, near(s, 0), model(s)),
    answer(s, 2, main, near(s, spread(main) * ((s % 2) + 1)), model(s)),
    answer(s, 3, other, near(s, -spread(other)), model(s)),
  ];
});

describe('anchoring figures', () => {
  it('measures agreement between labelers of an arm exactly as the dashboard does over those answers', () => {
    for (const arm of ['prelabeled', 'blind'] as const) {
      const figures = anchoringArm(answers, arm, 'bbox');
      const same = projectAgreement(
        answers.filter((a) => a.arm === arm),
        'bbox',
      ).overall;
      expect(figures.between).toEqual({ value: same.value, comparisons: same.comparisons, samples: same.samples, interval: same.interval });
    }
    // Pre-labeled pairs come from the 8 samples where two labelers started from the model; blind pairs from the 4 others.
    expect(anchoringArm(answers, 'prelabeled', 'bbox').between.samples).toBe(8);
    expect(anchoringArm(answers, 'blind', 'bbox').between.samples).toBe(4);
  });

  it('measures agreement with the model as the dashboard would with the model as one more labeler, the reference', () => {
    for (const arm of ['prelabeled', 'blind'] as const) {
      const inArm = answers.filter((a) => a.arm === arm);
      const figures = anchoringArm(answers, arm, 'bbox');
      // Pair by pair: each answer against its model alone (labeler 0, so the model is the reference).
      let tp = 0;
      let fp = 0;
      let fn = 0;
      for (const a of inArm) {
        const pair = projectAgreement([a, { ...a, labelerId: 0, payload: a.model }], 'bbox', { bootstrap: false }).overall;
        tp += pair.tp;
        fp += pair.fp;
        fn += pair.fn;
      }
      expect(figures.withModel.value).toBeCloseTo((2 * tp) / (2 * tp + fp + fn), 12);
      expect(figures.withModel.comparisons).toBe(inArm.length);
      expect(figures.answers).toBe(inArm.length);
    }
    const prelabeled = anchoringArm(answers, 'prelabeled', 'bbox').withModel;
    const blind = anchoringArm(answers, 'blind', 'bbox').withModel;
    expect(prelabeled.value).toBe(1);
    expect(blind.value!).toBeLessThan(1);
    expect(blind.interval!.low).toBeLessThanOrEqual(blind.value!);
    expect(blind.interval!.high).toBeGreaterThanOrEqual(blind.value!);
  });

  it('compares transcripts by 1 − WER with the model, and counts only each labeler’s latest answer', () => {
    const first = answer(1, 1, 'prelabeled', text('turn the lights on'), text('turn the lights on'));
    const later = { ...first, guidelineVersion: 2, submittedAt: 99, payload: text('turn the light on') };
    const figures = anchoringArm([first, later], 'prelabeled', 'transcript');
    expect(figures.answers).toBe(1);
    // One word of four differs each way: pooled symmetric WER 2/8.
    expect(figures.withModel.value).toBeCloseTo(0.75, 12);
  });

  it('has no figures for an arm without answers', () => {
    expect(anchoringArm([], 'blind', 'bbox')).toEqual({
      answers: 0,
      between: { value: null, comparisons: 0, samples: 0, interval: null },
      withModel: { value: null, comparisons: 0, samples: 0, interval: null },
    });
  });
});
