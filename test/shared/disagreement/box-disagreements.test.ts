import { describe, expect, it } from 'vitest';
import type { BboxPayload, Box } from '../../../shared/annotation/payload';
import { boxDisagreements } from '../../../shared/disagreement/box-disagreements';

const NO_FLAGS = { unsure: false, comment: '', mediaBroken: false };
const labeler = (labelerId: number, boxes: Box[], extra: Partial<BboxPayload> = {}) => ({
  labelerId,
  payload: { v: 1 as const, kind: 'bbox' as const, boxes, noObjects: false, flags: NO_FLAGS, tags: [], ...extra },
});
const box = (id: string, x1: number, y1: number, x2: number, y2: number, classId = 1): Box => ({ id, classId, x1, y1, x2, y2 });
const types = (list: { type: string }[]) => list.map((d) => d.type).sort();

describe('box disagreements', () => {
  it('finds nothing between identical labelers', () => {
    const boxes = [box('a', 0, 0, 10, 10), box('b', 20, 0, 30, 10)];
    expect(boxDisagreements(labeler(1, boxes), labeler(2, boxes))).toEqual([]);
  });

  it('calls one box around three objects against three boxes "one vs many", not missing objects', () => {
    const pile = box('pile', 0, 0, 90, 30);
    const coins = [box('c1', 2, 2, 28, 28), box('c2', 32, 2, 58, 28), box('c3', 62, 2, 88, 28)];
    const found = boxDisagreements(labeler(1, [pile]), labeler(2, coins));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ type: 'one_vs_many', labelerA: 1, labelerB: 2, boxesA: ['pile'], boxesB: ['c1', 'c2', 'c3'], detail: '1 box against 3' });
    // And the other way round: the group box on B's side.
    expect(boxDisagreements(labeler(1, coins), labeler(2, [pile]))[0]).toMatchObject({ type: 'one_vs_many', boxesA: ['c1', 'c2', 'c3'], boxesB: ['pile'] });
  });

  it('tells a missing object, a class mismatch and a loose box apart', () => {
    const found = boxDisagreements(
      labeler(1, [box('cat', 0, 0, 10, 10, 1), box('dog', 20, 0, 30, 10, 2), box('cup', 40, 0, 50, 10, 3)]),
      labeler(2, [box('cat2', 0, 0, 10, 10, 2), box('dog2', 20, 0, 30, 7, 2)]), // cup missed; cat called a dog; dog box loose (IoU 0.7)
    );
    expect(types(found)).toEqual(['class_mismatch', 'loose_box', 'missing_object']);
    expect(found.find((d) => d.type === 'missing_object')).toMatchObject({ boxesA: ['cup'], boxesB: [] });
    expect(found.find((d) => d.type === 'class_mismatch')).toMatchObject({ boxesA: ['cat'], boxesB: ['cat2'] });
    expect(found.find((d) => d.type === 'loose_box')).toMatchObject({ boxesA: ['dog'], boxesB: ['dog2'], detail: 'IoU 0.70' });
  });

  it('calls a second box on the same object a duplicate', () => {
    const found = boxDisagreements(labeler(1, [box('a', 0, 0, 10, 10)]), labeler(2, [box('b1', 0, 0, 10, 10), box('b2', 0.5, 0, 10, 10.5)]));
    expect(found).toEqual([expect.objectContaining({ type: 'duplicate_box', boxesA: [], boxesB: ['b1', 'b2'] })]);
  });

  it('reports "no objects" against boxes once, as a flag mismatch, and "unsure" too', () => {
    const found = boxDisagreements(
      labeler(1, [box('a', 0, 0, 10, 10), box('b', 20, 0, 30, 10)]),
      labeler(2, [], { noObjects: true, flags: { ...NO_FLAGS, unsure: true } }),
    );
    expect(found.map((d) => [d.type, d.detail, d.textA, d.textB])).toEqual([
      ['flag_mismatch', 'no objects', '2 boxes', 'no objects'],
      ['flag_mismatch', 'unsure', '', 'unsure'],
    ]);
  });

  it('finds nothing when neither drew a box', () => {
    expect(boxDisagreements(labeler(1, []), labeler(2, []))).toEqual([]);
  });
});

describe('box disagreements that are not', () => {
  it('takes identical nested boxes (a table with its cups) as agreement', () => {
    const scene = [box('table', 0, 0, 100, 60), box('c1', 10, 10, 30, 30), box('c2', 60, 10, 80, 30)];
    expect(boxDisagreements(labeler(1, scene), labeler(2, scene))).toEqual([]);
  });

  it('reports a doubled box once, leaving the object itself as missing when the other drew nothing', () => {
    const found = boxDisagreements(labeler(1, [box('a1', 0, 0, 10, 10), box('a2', 0.5, 0, 10, 10.5)]), labeler(2, []));
    expect(found.map((d) => [d.type, d.boxesA])).toEqual([
      ['duplicate_box', ['a1', 'a2']],
      ['missing_object', ['a1']],
    ]);
  });
});
