import { describe, expect, it } from 'vitest';
import type { Box } from '../../../shared/annotation/payload';
import { boxConsensus } from '../../../shared/consensus/box-consensus';
import { rover } from '../../../shared/consensus/rover';
import { transcriptConsensus } from '../../../shared/consensus/transcript-consensus';

const NO_FLAGS = { unsure: false, comment: '', mediaBroken: false };
const boxesBy = (labelerId: number, boxes: Box[], noObjects = false, tags: string[] = []) => ({
  labelerId,
  payload: { v: 1 as const, kind: 'bbox' as const, boxes, noObjects, flags: NO_FLAGS, tags },
});
const box = (id: string, x1: number, y1: number, x2: number, y2: number, classId = 1): Box => ({ id, classId, x1, y1, x2, y2 });
const said = (labelerId: number, text: string | null) => ({
  labelerId,
  payload: {
    v: 1 as const,
    kind: 'transcript' as const,
    mode: 'clip' as const,
    segments: text === null ? [] : [{ id: 's', startMs: 0, endMs: 2000, text }],
    noSpeech: text === null,
    flags: NO_FLAGS,
    tags: [],
  },
});

describe('box consensus', () => {
  it('fuses the boxes a majority agree on, averaging their corners, and drops the rest', () => {
    const result = boxConsensus([
      boxesBy(1, [box('a1', 0, 0, 10, 10), box('a2', 50, 50, 60, 60)], false, ['dark']),
      boxesBy(2, [box('b1', 2, 0, 12, 10)], false, ['dark']),
      boxesBy(3, [box('c1', 1, 0, 11, 10, 2), box('c2', 80, 80, 90, 90)]),
    ]);
    // The first object: three boxes, classes 1, 1, 2 → class 1; corners averaged.
    expect(result.payload.boxes).toEqual([{ id: 'consensus-1', classId: 1, x1: 1, y1: 0, x2: 11, y2: 10 }]);
    expect(result.payload.tags).toEqual(['dark']);
    expect(result.clusters.map((c) => [c.members.length, c.accepted])).toEqual([
      [3, true],
      [1, false],
      [1, false],
    ]);
  });

  it('needs a majority on the class too, and weighs corners by labeler weight', () => {
    const split = boxConsensus([boxesBy(1, [box('a', 0, 0, 10, 10, 1)]), boxesBy(2, [box('b', 0, 0, 10, 10, 2)])]);
    expect(split.payload.boxes).toEqual([]); // two labelers, two classes: no majority
    const weighted = boxConsensus([boxesBy(1, [box('a', 0, 0, 10, 10)]), boxesBy(2, [box('b', 2, 0, 12, 10)])], { weights: new Map([[1, 3]]) });
    expect(weighted.payload.boxes[0]).toMatchObject({ x1: 0.5, x2: 10.5 });
  });

  it('says "no objects" when most labelers did', () => {
    const result = boxConsensus([boxesBy(1, [box('a', 0, 0, 10, 10)]), boxesBy(2, [], true), boxesBy(3, [], true)]);
    expect(result.payload).toMatchObject({ noObjects: true, boxes: [] });
  });
});

describe('ROVER voting', () => {
  it('keeps each word most transcripts have, wherever they dropped a different one', () => {
    expect(rover([{ words: ['turn', 'on', 'the', 'light'] }, { words: ['turn', 'on', 'light'] }, { words: ['turn', 'the', 'light'] }])).toEqual([
      'turn',
      'on',
      'the',
      'light',
    ]);
  });

  it('drops a filler only one of three wrote, votes words by key, and prints the common form', () => {
    expect(rover([{ words: ['um,', "today's", 'weather'] }, { words: ["Today's", 'weather'] }, { words: ["Today's", 'weather.'] }])).toEqual([
      "Today's",
      'weather',
    ]);
  });

  it('outvotes a substitution, and breaks ties in favour of the first (most trusted) transcript', () => {
    expect(rover([{ words: ['turn', 'off'] }, { words: ['turn', 'on'] }, { words: ['turn', 'on'] }])).toEqual(['turn', 'on']);
    expect(rover([{ words: ['turn', 'off'] }, { words: ['turn', 'on'] }])).toEqual(['turn', 'off']);
    expect(
      rover([
        { words: ['turn', 'off'], weight: 1 },
        { words: ['turn', 'on'], weight: 2 },
      ]),
    ).toEqual(['turn', 'on']);
  });
});

describe('transcript consensus', () => {
  it('votes the words of the clip and keeps majority "no speech"', () => {
    const result = transcriptConsensus([said(1, 'um turn on the light'), said(2, 'turn on the light'), said(3, 'turn on the lights')]);
    expect(result.segments.map((s) => s.text)).toEqual(['turn on the light']);
    expect(transcriptConsensus([said(1, 'hello'), said(2, null), said(3, null)])).toMatchObject({ noSpeech: true, segments: [] });
  });

  it('splits the words of a segment spanning two of the backbone’s between them, by where they fall in time', () => {
    const spoken = (labelerId: number, segments: [number, number, string][]) => ({
      labelerId,
      payload: {
        v: 1 as const,
        kind: 'transcript' as const,
        mode: 'segments' as const,
        segments: segments.map(([startMs, endMs, text], i) => ({ id: `s${i}`, startMs, endMs, text })),
        noSpeech: false,
        flags: { unsure: false, comment: '', mediaBroken: false },
        tags: [],
      },
    });
    // Ana (the backbone) splits the clip in two and mistypes "window"; Ben and Chen write one segment.
    const result = transcriptConsensus([
      spoken(1, [
        [0, 2000, 'turn on the lights'],
        [2000, 4000, 'and open the widow'],
      ]),
      spoken(2, [[0, 4000, 'turn on the lights and open the window']]),
      spoken(3, [[0, 4000, 'turn on the lights and open the window']]),
    ]);
    expect(result.segments.map((s) => [s.startMs, s.endMs, s.text])).toEqual([
      [0, 2000, 'turn on the lights'],
      [2000, 4000, 'and open the window'],
    ]);
  });
});
