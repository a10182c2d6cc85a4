import { describe, expect, it } from 'vitest';
import { samePayload } from '../../../shared/annotation/same-payload';

describe('samePayload', () => {
  const box = { x: 1, y: 2, w: 30, h: 40, classId: 3 };

  it('holds payloads equal whatever the order of their keys, at any depth', () => {
    const kept = { kind: 'bbox', boxes: [box], tags: ['night'] };
    const stored = { tags: ['night'], boxes: [{ classId: 3, h: 40, w: 30, y: 2, x: 1 }], kind: 'bbox' };
    expect(samePayload(kept, stored)).toBe(true);
  });

  it('tells payloads apart by any value, by the order of arrays and by a key one lacks', () => {
    const base = { kind: 'bbox', boxes: [box, { ...box, x: 9 }] };
    expect(samePayload(base, { ...base, boxes: [{ ...box, x: 9 }, box] })).toBe(false);
    expect(samePayload(base, { ...base, boxes: [box, { ...box, x: 10 }] })).toBe(false);
    expect(samePayload(base, { ...base, note: 'x' })).toBe(false);
    expect(samePayload({ tags: [] }, { tags: null })).toBe(false);
  });

  it('treats an undefined key as absent, as stored JSON does', () => {
    expect(samePayload({ kind: 'bbox', note: undefined }, { kind: 'bbox' })).toBe(true);
  });
});
