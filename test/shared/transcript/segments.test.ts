import { describe, expect, it } from 'vitest';
import type { Segment } from '../../../shared/annotation/payload';
import { addSegment, clipSegment, MIN_SEGMENT_MS, moveEdge, removeSegment, segmentAt, setSpan, snapTo, toClip } from '../../../shared/transcript/segments';

const seg = (id: string, startMs: number, endMs: number, text = ''): Segment => ({ id, startMs, endMs, text });
const spans = (list: Segment[] | null) => list?.map((s) => [s.id, s.startMs, s.endMs]);
const D = 10_000;

describe('adding segments', () => {
  it('normalises a backwards drag, rounds to whole milliseconds and keeps time order', () => {
    const list = addSegment([seg('late', 5000, 6000)], 'a', 2000.6, 1000.2, D);
    expect(spans(list)).toEqual([
      ['a', 1000, 2001],
      ['late', 5000, 6000],
    ]);
  });

  it('clips a drag to the free gap where it began, so segments never overlap', () => {
    const existing = [seg('x', 1000, 2000), seg('y', 4000, 5000)];
    expect(spans(addSegment(existing, 'a', 2500, 4500, D))).toContainEqual(['a', 2500, 4000]);
    expect(spans(addSegment(existing, 'b', 3500, 500, D))).toContainEqual(['b', 2000, 3500]);
    expect(addSegment(existing, 'c', 1500, 3000, D)).toBeNull(); // began inside x
  });

  it('refuses a drag shorter than the minimum, and clamps to the audio', () => {
    expect(addSegment([], 'a', 100, 100 + MIN_SEGMENT_MS - 1, D)).toBeNull();
    expect(spans(addSegment([], 'a', 9500, 12_000, D))).toEqual([['a', 9500, D]]);
    expect(spans(addSegment([], 'a', -300, 400, D))).toEqual([['a', 0, 400]]);
  });

  it('snaps edges onto a neighbour within the snap distance, so adjacent segments meet exactly', () => {
    expect(snapTo(1030, [1000, 2000])).toBe(1000);
    expect(snapTo(1041, [1000])).toBe(1041);
    const list = addSegment([seg('x', 1000, 2000)], 'a', 2025, 3000, D);
    expect(spans(list)).toContainEqual(['a', 2000, 3000]);
  });
});

describe('moving and trimming', () => {
  const list = [seg('a', 1000, 2000), seg('b', 3000, 4000)];

  it('stops an edge at the neighbour and at the minimum length', () => {
    expect(spans(moveEdge(list, 'a', 'end', 3500, D))).toContainEqual(['a', 1000, 3000]);
    expect(spans(moveEdge(list, 'b', 'start', 500, D))).toContainEqual(['b', 2000, 4000]);
    expect(spans(moveEdge(list, 'a', 'start', 1990, D))).toContainEqual(['a', 2000 - MIN_SEGMENT_MS, 2000]);
    expect(spans(moveEdge(list, 'b', 'end', 20_000, D))).toContainEqual(['b', 3000, D]);
  });

  it('moves a segment whole without changing its length or crossing a neighbour', () => {
    expect(spans(setSpan(list, 'a', { startMs: 1500, endMs: 2500 }, D))).toContainEqual(['a', 1500, 2500]);
    expect(spans(setSpan(list, 'a', { startMs: 2600, endMs: 3600 }, D))).toContainEqual(['a', 2000, 3000]);
    expect(spans(setSpan(list, 'a', { startMs: 1000, endMs: 2210 }, D))).toContainEqual(['a', 1000, 2210]);
  });

  it('finds the segment at a time and removes segments', () => {
    expect(segmentAt(list, 3500)?.id).toBe('b');
    expect(segmentAt(list, 2500)).toBeNull();
    expect(segmentAt(list, 2000)).toBeNull(); // end is exclusive
    expect(spans(removeSegment(list, 'a'))).toEqual([['b', 3000, 4000]]);
  });
});

describe('whole-clip mode', () => {
  it('starts with one segment over the whole clip, then trims like any segment', () => {
    const first = clipSegment([], 'c', 3400);
    expect(first).toEqual({ id: 'c', startMs: 0, endMs: 3400, text: '' });
    expect(spans(moveEdge([first], 'c', 'start', 310, 3400))).toEqual([['c', 310, 3400]]);
  });

  it('joins several segments into one over their span, text in time order', () => {
    const joined = toClip([seg('b', 1000, 2000, "today's weather "), seg('a', 200, 900, ' um,')], 'c', 3000);
    expect(joined).toEqual([{ id: 'c', startMs: 200, endMs: 2000, text: "um, today's weather" }]);
    expect(toClip([], 'c', 3000)).toEqual([]);
  });
});
