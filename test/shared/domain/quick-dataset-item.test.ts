import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../shared/assignment/prng';
import { storedDatasetItem } from '../../../shared/domain/stored/dataset';
import { quickDatasetItem } from '../../../shared/domain/stored/quick-dataset-item';
import { boxItem } from '../../support/dataset-fixtures';

/** Values a damaged or hand-edited item could hold where a field is expected. */
const ODD_VALUES: unknown[] = [undefined, null, 0, -1, 1.5, 2 ** 60, NaN, Infinity, '', 'x', '1', true, false, [], {}, [1], { a: 1 }];

/** A stored item (box or transcript label), then damaged at random: fields left out, replaced by odd values, extra keys added. */
function randomItem(random: () => number): unknown {
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const damage = (value: unknown) => (random() < 0.03 ? pick(ODD_VALUES) : value);
  const x1 = Math.round(random() * 1000) / 10;
  const label =
    random() < 0.8
      ? { v: damage(1), kind: 'bbox', boxes: [{ id: 'b1', classId: damage(2), x1, y1: 3, x2: damage(x1 + 5), y2: 9 }], tags: damage(['blurry']) }
      : { v: 1, kind: 'transcript', mode: damage('clip'), segments: [{ id: 's1', startMs: 0, endMs: damage(900), text: 'hello' }] };
  const item: Record<string, unknown> = {
    v: random() < 0.1 ? damage(2) : damage(1),
    sampleId: damage(1 + Math.floor(random() * 1000)),
    fileName: damage(`${Math.floor(random() * 100)}.jpg`),
    sha256: damage('ab'.repeat(32)),
    split: damage(random() < 0.03 ? 'val' : pick(['train', 'dev', 'test'])),
    source: damage(random() < 0.03 ? 'majority' : pick(['gold', 'consensus', 'single', 'flagged'])),
    guidelineVersion: damage(1 + Math.floor(random() * 3)),
    agreement: damage(random() < 0.3 ? null : random()),
    label: damage(label),
    width: damage(random() < 0.2 ? null : 640),
    height: damage(random() < 0.2 ? null : 480.5),
    durationMs: damage(null),
  };
  for (const key of Object.keys(item)) if (random() < 0.03) delete item[key];
  if (random() < 0.05) item['extra'] = { kept: 'out' };
  return random() < 0.02 ? damage(item) : item;
}

describe('quickDatasetItem', () => {
  it('reads exactly what the stored item schema reads, or leaves the item to it', () => {
    const random = mulberry32(7);
    let quick = 0;
    let refused = 0;
    for (let n = 0; n < 20_000; n++) {
      const item = randomItem(random);
      const read = quickDatasetItem(item);
      const parsed = storedDatasetItem.schema.safeParse(item);
      if (read !== null) {
        quick++;
        expect(parsed.success, JSON.stringify(item)).toBe(true);
        // Keys in the schema's order too: the same text when written again or compared as text.
        expect(JSON.stringify(read)).toBe(JSON.stringify(parsed.data));
      } else if (!parsed.success) refused++;
    }
    // Both sides are exercised: most items read quickly, many are damaged.
    expect(quick).toBeGreaterThan(5_000);
    expect(refused).toBeGreaterThan(5_000);
  });

  it('leaves an item from a newer Concord, or with a damaged label, to the schema, which says what is wrong', () => {
    // A stored item is the frozen item with its format's version.
    const item = { v: 1, ...boxItem([]) };
    expect(quickDatasetItem({ ...item, label: { v: 1, kind: 'bbox', boxes: [] } })?.label.kind).toBe('bbox');
    expect(quickDatasetItem({ ...item, v: 2, label: { v: 1, kind: 'bbox', boxes: [] } })).toBeNull();
    expect(storedDatasetItem.schema.safeParse({ ...item, v: 2, label: { v: 1, kind: 'bbox', boxes: [] } }).error?.issues[0]?.message).toMatch(/newer/);
    expect(quickDatasetItem({ ...item, label: { v: 1, kind: 'bbox', boxes: 'none' } })).toBeNull();
    expect(storedDatasetItem.schema.safeParse({ ...item, label: { v: 1, kind: 'bbox', boxes: 'none' } }).error?.issues[0]?.path).toEqual(['label']);
  });
});
