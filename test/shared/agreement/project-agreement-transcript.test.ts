import { describe, expect, it } from 'vitest';
import { projectAgreement } from '../../../shared/agreement';
import { mulberry32 } from '../../../shared/assignment/prng';
import { transcript } from './fixtures';

describe('projectAgreement for transcripts', () => {
  it('separates formatting from real differences: raw WER > 0, normalized 0', () => {
    const result = projectAgreement([transcript(1, 1, 'Um, today’s weather'), transcript(1, 2, 'Today’s weather')], 'transcript');
    // Raw words [Um, today’s weather] vs [Today’s weather]: 1 deletion + 1 substitution = 2 edits.
    // Scored both ways and pooled: 2·2 / (3 + 2) = 0.8, agreement 0.2.
    // Raw characters: 19 vs 15, edits "Um, " deleted (4) + t→T (1) = 5: 2·5 / 34 = 5/17.
    // Normalized both read "todays weather": 0.
    expect(result.overall.raw.wer).toBeCloseTo(0.8, 12);
    expect(result.overall.raw.agreement).toBeCloseTo(0.2, 12);
    expect(result.overall.value).toBeCloseTo(0.2, 12);
    expect(result.overall.raw.cer).toBeCloseTo(5 / 17, 12);
    expect(result.overall.normalized).toEqual({ wer: 0, cer: 0, agreement: 1 });
    expect(result.overall).toMatchObject({ kind: 'transcript', comparisons: 1, samples: 1 });
    expect(result.perSample[0]).toMatchObject({ sampleId: 1, labelerIds: [1, 2] });
    expect(result.perSample[0]!.score).toBeCloseTo(0.8, 12);
    expect(result.perClass).toEqual([]);
  });

  it('applies options.normalize to the raw figures', () => {
    const result = projectAgreement([transcript(1, 1, 'Hello there'), transcript(1, 2, 'hello there')], 'transcript', { normalize: ['case'] });
    expect(result.overall.raw).toEqual({ wer: 0, cer: 0, agreement: 1 });
  });

  it('reads segments in time order', () => {
    const result = projectAgreement(
      [
        transcript(1, 1, [
          [1000, 'weather'],
          [0, 'today’s'],
        ]),
        transcript(1, 2, 'today’s weather'),
      ],
      'transcript',
    );
    expect(result.overall.raw.wer).toBe(0);
  });

  it('scores per pair, per labeler and per sample, capping a sample at 1', () => {
    const result = projectAgreement(
      [
        // Sample 1: labeler 3 says "the cat sat" for "the cat sat down": 1 edit, 2·1 / (4 + 3) = 2/7 with each.
        transcript(1, 1, 'the cat sat down'),
        transcript(1, 2, 'the cat sat down'),
        transcript(1, 3, 'the cat sat'),
        // Sample 2: labeler 2 heard nothing: 2 edits, 2·2 / (2 + 0) = 2, capped at 1 for the sample.
        transcript(2, 1, 'good morning'),
        transcript(2, 2, null),
      ],
      'transcript',
    );
    expect(result.perSample.map((s) => s.sampleId)).toEqual([2, 1]);
    expect(result.perSample[0]!.score).toBe(1);
    // Sample 1: mean of (0, 2/7, 2/7) = 4/21.
    expect(result.perSample[1]!.score).toBeCloseTo(4 / 21, 12);
    // Pair (1,2): sample 1 edits 0 over 8 words, sample 2 edits 4 over 2 → 4 / 10 = 0.4 → agreement 0.6.
    const pairs = result.perPair.map((p) => [p.labelerA, p.labelerB, p.figure.raw.wer, p.figure.samples]);
    expect(pairs).toEqual([
      [1, 2, 0.4, 2],
      [1, 3, 2 / 7, 1],
      [2, 3, 2 / 7, 1],
    ]);
    // Overall: 2·(0 + 1 + 1 + 2) = 8 edits over 8 + 7 + 7 + 2 = 24 words → WER 1/3.
    expect(result.overall.raw.wer).toBeCloseTo(1 / 3, 12);
    // Labeler 3: (1,3) + (2,3) = 4 / 14 = 2/7, agreement 5/7.
    expect(result.perLabeler[2]!.figure.raw.agreement).toBeCloseTo(5 / 7, 12);
    expect(result.emptyFlag).toMatchObject({ flag: 'noSpeech', units: 2, positives: 1 });
  });

  it('gives a null rate when nobody said anything, and clamps agreement at 0', () => {
    const silent = projectAgreement([transcript(1, 1, null), transcript(1, 2, null)], 'transcript');
    expect(silent.overall).toMatchObject({ value: null, comparisons: 1, raw: { wer: null, agreement: null } });
    expect(silent.perSample[0]!.score).toBe(0);
    const oneSided = projectAgreement([transcript(1, 1, 'hello'), transcript(1, 2, null)], 'transcript');
    // 2·1 / (1 + 0) = 2 → agreement max(0, 1 − 2) = 0.
    expect(oneSided.overall.raw).toMatchObject({ wer: 2, agreement: 0 });
  });

  it('gives well-defined empty results for no annotations', () => {
    const result = projectAgreement([], 'transcript');
    expect(result.overall).toMatchObject({ value: null, comparisons: 0, samples: 0, interval: null });
    expect(result.overall.normalized).toEqual({ wer: null, cer: null, agreement: null });
    expect(result.overall.boundaryMs).toBeNull();
    expect(result.emptyFlag).toEqual({ flag: 'noSpeech', alpha: null, units: 0, positives: 0 });
  });

  it('measures each sample alike whatever was measured before it, texts met again included', () => {
    // The measure reuses the tokens of texts it prepared last: a project of few texts, in clips,
    // segments and silence, measured whole must give every sample the figure it gets alone.
    const random = mulberry32(21);
    const texts = ['hello there', 'Hello there', 'hello  there', '', 'um the cat', 'the cat'];
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const annotations = Array.from({ length: 300 }, (_, i) => {
      const [sampleId, labelerId] = [1 + Math.floor(i / 3), 1 + (i % 3)];
      const roll = random();
      if (roll < 0.1) return transcript(sampleId, labelerId, null);
      if (roll < 0.6) return transcript(sampleId, labelerId, pick(texts));
      const start = Math.floor(random() * 3) * 250;
      return transcript(sampleId, labelerId, [
        [start, pick(texts)],
        [start + 600, pick(texts)],
      ]);
    });
    const whole = projectAgreement(annotations, 'transcript');
    for (const row of whole.perSample) {
      const alone = projectAgreement(
        annotations.filter((annotation) => annotation.sampleId === row.sampleId),
        'transcript',
      );
      expect(row, `sample ${row.sampleId}`).toEqual(alone.perSample[0]);
    }
    expect(whole.perSample).toHaveLength(100);
  });

  it('measures how far apart segment boundaries are, in ms', () => {
    // Labeler 1: [0, 500] [1000, 1500] → boundaries 0, 500, 1000, 1500.
    // Labeler 2: [100, 600] [600, 1100] → boundaries 100, 600, 1100 (600 shared by both segments).
    // 1 → 2: 100 + 100 + 100 + 400 = 700; 2 → 1: 100 + 100 + 100 = 300; (700 + 300) / 7 boundaries.
    const segments = (sampleId: number, labelerId: number, list: [number, number][]) => {
      const annotation = transcript(
        sampleId,
        labelerId,
        list.map(([start]) => [start, 'hello'] as [number, string]),
      );
      if (annotation.payload.kind === 'transcript') annotation.payload.segments.forEach((segment, i) => (segment.endMs = list[i]![1]));
      return annotation;
    };
    const result = projectAgreement(
      [
        segments(1, 1, [
          [0, 500],
          [1000, 1500],
        ]),
        segments(1, 2, [
          [100, 600],
          [600, 1100],
        ]),
        transcript(2, 1, 'a whole clip'), // clip mode: no boundaries to compare
        transcript(2, 2, 'a whole clip'),
      ],
      'transcript',
    );
    expect(result.overall.boundaryMs).toBeCloseTo(1000 / 7, 9);
    expect(result.perSample.find((row) => row.sampleId === 2)!.figure).toMatchObject({ boundaryMs: null });
  });
});
