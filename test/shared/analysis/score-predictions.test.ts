import { describe, expect, it } from 'vitest';
import { scorePrediction } from '../../../shared/analysis/score-predictions';

const flags = { unsure: false, comment: '', mediaBroken: false };
const said = (text: string) => ({
  v: 1 as const,
  kind: 'transcript' as const,
  mode: 'clip' as const,
  segments: [{ id: 's', startMs: 0, endMs: 1000, text }],
  noSpeech: false,
  flags,
  tags: [],
});
const boxes = (list: [number, number, number, number, number][]) => ({
  v: 1 as const,
  kind: 'bbox' as const,
  boxes: list.map(([classId, x1, y1, x2, y2], i) => ({ id: `b${i}`, classId, x1, y1, x2, y2 })),
  noObjects: list.length === 0,
  flags,
  tags: [],
});

describe('scoring imported predictions', () => {
  it('scores a transcript by 1 − WER, ignoring case and punctuation', () => {
    expect(scorePrediction(said('Turn on the lights.'), 'turn on the light')).toBe(0.75);
    expect(scorePrediction(said('Hello.'), 'hello')).toBe(1);
    expect(scorePrediction(said('a'), 'b c d e')).toBe(0); // WER 4, floored at 0
  });

  it('scores boxes by F1 within each class, leaving out low-confidence boxes', () => {
    const gold = boxes([
      [1, 0, 0, 10, 10],
      [2, 20, 0, 30, 10],
    ]);
    const predicted = [
      { classId: 1, x1: 0, y1: 0, x2: 10, y2: 10, score: 0.9 }, // right
      { classId: 1, x1: 20, y1: 0, x2: 30, y2: 10, score: 0.8 }, // right place, wrong class
      { classId: 2, x1: 50, y1: 0, x2: 60, y2: 10, score: 0.1 }, // under the confidence floor
    ];
    expect(scorePrediction(gold, predicted)).toBe((2 * 1) / 4);
    expect(scorePrediction(boxes([]), [])).toBe(1);
    expect(scorePrediction(boxes([]), [{ classId: 1, x1: 0, y1: 0, x2: 1, y2: 1, score: 0.9 }])).toBe(0);
  });
});
