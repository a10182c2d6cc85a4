import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../shared/assignment/prng';
import { annotationPayloadSchema, parseAnnotationPayload } from '../../../shared/annotation/payload';
import { quickBboxPayload } from '../../../shared/annotation/quick-bbox-payload';

/** Values a damaged or hand-edited payload could hold where a field is expected. */
const ODD_VALUES: unknown[] = [undefined, null, 0, -1, 1.5, 2 ** 60, NaN, Infinity, '', 'x', '1', true, false, [], {}, [1], { a: 1 }];

/** A box payload as stored, then damaged at random: fields left out, replaced by odd values, extra keys added. */
function randomPayload(random: () => number): Record<string, unknown> {
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const damage = (value: unknown) => (random() < 0.06 ? pick(ODD_VALUES) : value);
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
  const flags: Record<string, unknown> = {
    unsure: damage(random() < 0.2),
    comment: damage(random() < 0.02 ? 'x'.repeat(2001) : 'a note'),
    mediaBroken: damage(false),
  };
  const payload: Record<string, unknown> = {
    v: damage(1),
    kind: damage(random() < 0.03 ? 'transcript' : 'bbox'),
    boxes: damage(boxes),
    noObjects: damage(boxes.length === 0),
    flags: damage(flags),
    tags: damage(random() < 0.5 ? [] : [damage('blurry')]),
  };
  for (const key of Object.keys(payload)) if (random() < 0.05) delete payload[key];
  for (const key of Object.keys(flags)) if (random() < 0.05) delete flags[key];
  if (random() < 0.05) payload['extra'] = { kept: 'out' };
  return payload;
}

describe('quickBboxPayload', () => {
  it('reads exactly what the schema reads, or leaves the payload to it', () => {
    const random = mulberry32(21);
    let quick = 0;
    let refused = 0;
    for (let n = 0; n < 20_000; n++) {
      const payload = randomPayload(random);
      const read = quickBboxPayload(payload);
      const parsed = annotationPayloadSchema.safeParse(payload);
      if (read !== null) {
        quick++;
        expect(parsed.success, JSON.stringify(payload)).toBe(true);
        // Keys in the schema's order too: the same text when written again.
        expect(JSON.stringify(read)).toBe(JSON.stringify(parsed.data));
      } else if (!parsed.success) refused++;
    }
    // Both sides are exercised: most payloads read quickly, many are damaged.
    expect(quick).toBeGreaterThan(5_000);
    expect(refused).toBeGreaterThan(5_000);
  });

  it('leaves a payload it does not take to the schema, which names what is wrong', () => {
    expect(quickBboxPayload({ v: 1, kind: 'bbox', boxes: [], noObjects: null })).toBeNull();
    expect(() => parseAnnotationPayload({ v: 1, kind: 'bbox', boxes: [], noObjects: null })).toThrow(/noObjects/);
    expect(quickBboxPayload({ v: 1, kind: 'transcript', mode: 'clip', segments: [] })).toBeNull();
    expect(parseAnnotationPayload({ v: 1, kind: 'transcript', mode: 'clip', segments: [] }).kind).toBe('transcript');
  });
});
