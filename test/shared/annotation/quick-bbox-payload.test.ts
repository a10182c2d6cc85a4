import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../shared/assignment/prng';
import { parseAnnotationPayload } from '../../../shared/annotation/payload';
import { quickBboxPayload } from '../../../shared/annotation/quick-bbox-payload';
import { damager, expectQuickReaderHoldsToSchema, withDamagedCommonParts } from '../../support/damaged-payloads';

/** A box payload as stored, then damaged at random: fields left out, replaced by odd values, extra keys added. */
function randomPayload(random: () => number): Record<string, unknown> {
  const { damage } = damager(random);
  const boxes = Array.from({ length: Math.floor(random() * 4) }, (_, i) => {
    const x1 = Math.round(random() * 1000) / 10;
    const y1 = Math.round(random() * 1000) / 10;
    const box: Record<string, unknown> = {
      id: damage(`b${i}`),
      classId: damage(1 + Math.floor(random() * 5)),
      x1: damage(x1),
      y1: damage(y1),
      x2: damage(random() < 0.05 ? x1 : x1 + 1 + random() * 50),
      y2: damage(random() < 0.05 ? y1 - 1 : y1 + 1 + random() * 50),
    };
    if (random() < 0.05) box['extra'] = 'kept out';
    return damage(box);
  });
  const fields: Record<string, unknown> = {
    v: damage(1),
    kind: damage(random() < 0.03 ? 'transcript' : 'bbox'),
    boxes: damage(boxes),
    noObjects: damage(boxes.length === 0),
  };
  return withDamagedCommonParts(random, fields, 'blurry');
}

describe('quickBboxPayload', () => {
  it('reads exactly what the schema reads, or leaves the payload to it', () => {
    const random = mulberry32(21);
    expectQuickReaderHoldsToSchema(quickBboxPayload, () => randomPayload(random), 20_000, { read: 5_000, refused: 5_000 });
  });

  it('leaves a payload it does not take to the schema, which names what is wrong', () => {
    expect(quickBboxPayload({ v: 1, kind: 'bbox', boxes: [], noObjects: null })).toBeNull();
    expect(() => parseAnnotationPayload({ v: 1, kind: 'bbox', boxes: [], noObjects: null })).toThrow(/noObjects/);
    expect(quickBboxPayload({ v: 1, kind: 'transcript', mode: 'clip', segments: [] })).toBeNull();
    expect(parseAnnotationPayload({ v: 1, kind: 'transcript', mode: 'clip', segments: [] }).kind).toBe('transcript');
  });
});
