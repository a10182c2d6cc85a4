import { describe, expect, it } from 'vitest';
import { describeFigure, headlineMeasure, projectAgreement } from '../../../shared/agreement';
import { transcript } from './fixtures';

describe('transcript figures in words', () => {
  // Raw WER 0.8 (agreement 0.2); once case, punctuation and fillers are ignored the two read the same.
  const { overall } = projectAgreement([transcript(1, 1, 'Um, today’s weather'), transcript(1, 2, 'Today’s weather')], 'transcript');

  it('leads with agreement as the headline shows it, then names the error rate apart', () => {
    expect(describeFigure(overall)).toBe('agreement (1 − WER) 20.0% as typed, 100.0% ignoring case, punctuation and fillers · word error rate 80.0% as typed');
  });

  it('says what the headline number is', () => {
    expect(overall.value).toBeCloseTo(0.2, 12);
    expect(headlineMeasure(overall)).toBe('1 − word error rate, as typed');
  });
});
