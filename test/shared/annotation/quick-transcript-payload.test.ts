import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../shared/assignment/prng';
import { parseAnnotationPayload } from '../../../shared/annotation/payload';
import { quickTranscriptPayload } from '../../../shared/annotation/quick-transcript-payload';
import { damager, expectQuickReaderHoldsToSchema, withDamagedCommonParts } from '../../support/damaged-payloads';

const TEXTS = ['', 'the cat sat', 'Um, today’s  weather', 'café', '😀 émoji', ' '];

/** A transcript payload as stored, then damaged at random: fields left out, replaced by odd values, extra keys added. */
function randomPayload(random: () => number): Record<string, unknown> {
  const { pick, damage, dropKeys } = damager(random);
  let at = Math.floor(random() * 3) * 500;
  const segments = Array.from({ length: Math.floor(random() * 4) }, (_, i) => {
    const startMs = at;
    // Now and then a segment that ends where it starts, before it, or off the whole millisecond.
    const endMs = random() < 0.1 ? pick([startMs, startMs - 1, startMs + 0.5]) : startMs + 1 + Math.floor(random() * 4000);
    at = typeof endMs === 'number' && endMs > startMs ? endMs : startMs + 1;
    const segment: Record<string, unknown> = { id: damage(`s${i}`), startMs: damage(startMs), endMs: damage(endMs), text: damage(pick(TEXTS)) };
    if (random() < 0.05) segment['extra'] = 'kept out';
    dropKeys(segment);
    return damage(segment);
  });
  const fields: Record<string, unknown> = {
    v: damage(1),
    kind: damage(random() < 0.03 ? 'bbox' : 'transcript'),
    mode: damage(pick(['clip', 'segments', 'segments', 'Clip'])),
    segments: damage(segments),
    noSpeech: damage(segments.length === 0),
  };
  return withDamagedCommonParts(random, fields, 'noisy');
}

describe('quickTranscriptPayload', () => {
  it('reads exactly what the schema reads, or leaves the payload to it', () => {
    const random = mulberry32(16);
    expectQuickReaderHoldsToSchema(quickTranscriptPayload, () => randomPayload(random), 20_000, { read: 3_000, refused: 5_000 });
  });

  it('leaves a payload it does not take to the schema, which names what is wrong', () => {
    const segment = { id: 's1', startMs: 0, endMs: 1000, text: 'hello' };
    expect(quickTranscriptPayload({ v: 1, kind: 'transcript', mode: 'clip', segments: [{ ...segment, endMs: 0 }] })).toBeNull();
    expect(() => parseAnnotationPayload({ v: 1, kind: 'transcript', mode: 'clip', segments: [{ ...segment, endMs: 0 }] })).toThrow(/segments\.0/);
    expect(quickTranscriptPayload({ v: 1, kind: 'transcript', mode: 'clip', segments: [{ ...segment, startMs: 2 ** 60 }] })).toBeNull();
    expect(quickTranscriptPayload({ v: 1, kind: 'bbox', boxes: [] })).toBeNull();
    expect(parseAnnotationPayload({ v: 1, kind: 'bbox', boxes: [] }).kind).toBe('bbox');
  });

  it('is what a stored transcript is read by', () => {
    const stored = '{"v":1,"kind":"transcript","mode":"segments","segments":[{"id":"s1","startMs":0,"endMs":1000,"text":"hello","x":1}],"tags":["noisy"]}';
    expect(parseAnnotationPayload(stored)).toEqual({
      v: 1,
      kind: 'transcript',
      mode: 'segments',
      segments: [{ id: 's1', startMs: 0, endMs: 1000, text: 'hello' }],
      noSpeech: false,
      flags: { unsure: false, comment: '', mediaBroken: false },
      tags: ['noisy'],
    });
  });
});
