import { describe, expect, it } from 'vitest';
import { warmUpMeasuring } from '../../../electron/workers/agreement-warm-up';

describe('warmUpMeasuring', () => {
  // The made-up answers go through a ledger's every check: a warm-up whose samples a ledger refused or left uncompared would compile nothing a submission runs.
  it.each([
    ['bbox', { iouThreshold: 0.5, normalize: [] }],
    ['bbox', { iouThreshold: 0.7 }],
    ['transcript', { normalize: ['case', 'punctuation'] }],
    ['bbox', { bootstrap: false }],
  ] as const)('measures its made-up %s samples as compared, with the options %j', (kind, options) => {
    expect(warmUpMeasuring(kind, options, 2)).toBe(2);
  });

  // A worker started ahead of need measures a few hundred: each varied sample must be compared, or the code a whole computation runs stays cold.
  it.each(['bbox', 'transcript'] as const)('compares every one of many varied made-up %s samples', (kind) => {
    expect(warmUpMeasuring(kind, {}, 60)).toBe(60);
  });
});
