import { describe, expect, it } from 'vitest';
import type { AnnotationForAgreement } from '../../../shared/agreement/types';
import { tagPairAgreement } from '../../../shared/analysis/tag-agreement';

function answer(sampleId: number, labelerId: number, tags: string[], sampleTags: string[] = [], submittedAt = 1): AnnotationForAgreement {
  return {
    sampleId,
    labelerId,
    guidelineVersion: 1,
    submittedAt,
    sampleTags,
    payload: { v: 1, kind: 'transcript', mode: 'clip', segments: [], noSpeech: true, flags: { unsure: false, comment: '', mediaBroken: false }, tags },
  };
}

describe('pair agreement on a clip tag', () => {
  it('counts agreeing pairs over all pairs, per slice, with each labeler’s latest answer', () => {
    const answers = [
      // Three labelers: two say "noisy", one does not → 1 agreeing pair of 3.
      answer(1, 1, ['noisy'], ['street']),
      answer(1, 2, ['noisy'], ['street']),
      answer(1, 3, [], ['street']),
      // Two agree that it is not noisy.
      answer(2, 1, ['accent'], ['office']),
      answer(2, 2, [], ['office']),
      // Labeler 2 first said "noisy", then took it back: only the latest counts.
      answer(3, 1, [], ['office']),
      answer(3, 2, ['noisy'], ['office'], 1),
      answer(3, 2, [], ['office'], 2),
      // A sample with one labeler compares nothing.
      answer(4, 1, ['noisy'], ['park']),
    ];
    const hlp = tagPairAgreement(answers, 'noisy');
    expect(hlp.get('all')).toBe(3 / 5);
    expect(hlp.get('street')).toBe(1 / 3);
    expect(hlp.get('office')).toBe(1);
    expect(hlp.has('park')).toBe(false);
  });
});
