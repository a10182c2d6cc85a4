import { describe, expect, it } from 'vitest';
import { sectionMarkdown } from '../../../shared/guideline/sections';
import { checksToServe } from '../../../shared/quality/check-selection';
import { checkValidity } from '../../../shared/quality/check-validity';

const v1 = { version: 1, bodyMd: '# G\n## Tight {#tight}\nEdge to edge.\n### Shadows\nOut.\n## Classes {#classes}\nA car is a car.' };

describe('which checks a labeler is served', () => {
  it('serves about the rate of the queue, counting those already served, the same draw for the same labeler', () => {
    const candidates = Array.from({ length: 40 }, (_, i) => i + 1);
    const chosen = checksToServe({ rate: 0.05, ordinary: 95, served: 0, candidates, seed: 4 });
    expect(chosen).toHaveLength(5);
    expect(new Set(chosen).size).toBe(5);
    expect(chosen.every((id) => candidates.includes(id))).toBe(true);
    expect(checksToServe({ rate: 0.05, ordinary: 95, served: 0, candidates, seed: 4 })).toEqual(chosen);
    expect(checksToServe({ rate: 0.05, ordinary: 95, served: 3, candidates, seed: 4 })).toHaveLength(2);
    expect(checksToServe({ rate: 0.05, ordinary: 95, served: 5, candidates, seed: 4 })).toEqual([]);
    expect(checksToServe({ rate: 0, ordinary: 95, served: 0, candidates, seed: 4 })).toEqual([]);
    // Too few candidates: all of them, no more.
    expect(checksToServe({ rate: 0.5, ordinary: 10, served: 0, candidates: [7, 3], seed: 1 })).toEqual([3, 7]);
  });

  it('draws differently for different labelers, so no pattern in sample ids marks a check', () => {
    const candidates = Array.from({ length: 100 }, (_, i) => i + 1);
    const draws = [1, 2, 3].map((seed) => checksToServe({ rate: 0.1, ordinary: 90, served: 0, candidates, seed }).join());
    expect(new Set(draws).size).toBe(3);
  });
});

describe('where a gold decision still holds', () => {
  it('reads a section with its subsections, up to the next heading of its level', () => {
    expect(sectionMarkdown(v1.bodyMd, '#tight')).toBe('## Tight {#tight}\nEdge to edge.\n### Shadows\nOut.');
    expect(sectionMarkdown(v1.bodyMd, 'classes')).toBe('## Classes {#classes}\nA car is a car.');
    expect(sectionMarkdown(v1.bodyMd, '#nothing')).toBeNull();
  });

  it('judges later versions while the cited rule is unchanged, and retires the check at the first change', () => {
    const v2 = { version: 2, bodyMd: v1.bodyMd.replace('A car is a car.', 'A van is a car.') };
    const v3 = { version: 3, bodyMd: v2.bodyMd.replace('Out.', 'In.') };
    const v4 = { version: 4, bodyMd: v1.bodyMd };
    expect(checkValidity(1, '#tight', [v3, v1, v2, v4])).toEqual({ versions: [1, 2], changedIn: 3 });
    expect(checkValidity(1, '#classes', [v1, v2])).toEqual({ versions: [1], changedIn: 2 });
    expect(checkValidity(2, '#classes', [v1, v2, v3])).toEqual({ versions: [2, 3], changedIn: null });
    // A removed section retires it; no rule cited: any change to the guideline does.
    expect(checkValidity(1, '#tight', [v1, { version: 2, bodyMd: '# G' }])).toEqual({ versions: [1], changedIn: 2 });
    expect(checkValidity(1, null, [v1, v2])).toEqual({ versions: [1], changedIn: 2 });
    expect(checkValidity(1, null, [v1])).toEqual({ versions: [1], changedIn: null });
  });
});
