import { describe, expect, it } from 'vitest';
import { queueRowStatus } from '../../renderer/label/queue-status';

describe('queue row status', () => {
  it('says a submitted sample on screen has edits not yet saved while the back end lacks them', () => {
    for (const save of [
      { phase: 'dirty', revision: 3 },
      { phase: 'saving', revision: 3 },
      { phase: 'error', revision: 3, message: 'disk full' },
      { phase: 'conflict', revision: 3, message: 'saved elsewhere' },
    ] as const) {
      expect(queueRowStatus('submitted', true, save)).toBe('edited');
    }
  });

  it('says submitted once the edits are saved, and never marks a row that is not on screen', () => {
    expect(queueRowStatus('submitted', true, { phase: 'saved', revision: 4 })).toBe('submitted');
    expect(queueRowStatus('submitted', true, { phase: 'idle', revision: 4 })).toBe('submitted');
    expect(queueRowStatus('submitted', false, { phase: 'dirty', revision: 4 })).toBe('submitted');
    expect(queueRowStatus('draft', true, { phase: 'dirty', revision: 4 })).toBe('draft');
  });
});
