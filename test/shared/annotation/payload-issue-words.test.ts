import { describe, expect, it } from 'vitest';
import { payloadIssueWords } from '../../../shared/annotation/payload-issue-words';
import { payloadProblems } from '../../../shared/annotation/check-payload';

describe('payload issues in words', () => {
  it('names boxes, segments and tags as the editor counts them, from 1, and their fields in words', () => {
    const words = payloadProblems(
      {
        v: 1,
        kind: 'bbox',
        noObjects: false,
        flags: { unsure: false, comment: '', mediaBroken: false },
        tags: ['night', 'blurry'],
        boxes: [
          { id: 'a', classId: 1, x1: 0, y1: 0, x2: 10, y2: 10 },
          { id: 'b', classId: 9, x1: -2, y1: 0, x2: 700, y2: 10 },
        ],
      },
      { kind: 'bbox', classIds: new Set([1]), tagNames: new Set(['night']), image: { width: 640, height: 480 }, durationMs: null },
    ).map(payloadIssueWords);
    expect(words).toEqual([
      'Tag 2: "blurry" is not in the project\'s tag vocabulary',
      'Box 2’s class 9 is not a class of this project',
      'Box 2’s left edge is left of the image',
      "Box 2’s right edge is past the image's right edge (640)",
    ]);
  });

  it('says a retired class by its name, and a segment past the audio by its number', () => {
    expect(payloadIssueWords({ path: 'payload.boxes.0.classId', message: '“cat” is retired: new boxes cannot use it' })).toBe(
      'Box 1’s class “cat” is retired: new boxes cannot use it',
    );
    expect(payloadIssueWords({ path: 'payload.segments.2.endMs', message: 'is past the end of the audio (3000 ms)' })).toBe(
      'Segment 3’s end is past the end of the audio (3000 ms)',
    );
    expect(payloadIssueWords({ path: 'payload.noObjects', message: 'is set, but the payload has boxes' })).toBe(
      '“No objects” is set, but the payload has boxes',
    );
  });
});
