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
    expect(warmUpMeasuring(kind, options)).toBe(2);
  });
});
