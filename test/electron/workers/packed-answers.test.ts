import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { SubmittedAnswerRow } from '../../../electron/db/queries/agreement-inputs';
import { packAnswerPieces, packAnswers, PIECE_TEXT_UNITS, transferablesOf, unpackAnswers, type PackedAnswers } from '../../../electron/workers/packed-answers';
import type { Tag } from '../../../shared/domain/project';
import { transcript } from '../../shared/agreement/fixtures';

/** "night" was renamed "dark": answers given before the rename count under the new name. */
const TAGS: Tag[] = [{ id: 1, name: 'dark', hotkey: null, retired: false, formerNames: ['night'] }];

function row(revisionId: number, sampleId: number, labelerId: number, payload: object | string, sampleTags: string[] = []): SubmittedAnswerRow {
  const payloadJson = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return { revisionId, sampleId, labelerId, guidelineVersion: 2, submittedAt: 1_700_000_000_000 + revisionId, payloadJson, sampleTags };
}

const boxPayload = (classId: number, tags: string[] = []) => ({
  v: 1,
  kind: 'bbox',
  boxes: [{ id: 'b1', classId, x1: 0.5, y1: 1, x2: 10.25, y2: 20 }],
  noObjects: false,
  flags: { unsure: false, mediaBroken: false, comment: '' },
  tags,
});

/** Posts `packed` through a message port as the tracker posts it, and what arrives. */
async function sent(packed: PackedAnswers): Promise<PackedAnswers> {
  const { port1, port2 } = new MessageChannel();
  const arrived = new Promise<PackedAnswers>((resolve) => port2.once('message', resolve));
  port1.postMessage(packed, transferablesOf(packed));
  try {
    return await arrived;
  } finally {
    port1.close();
  }
}

describe('a chunk of answers packed for the agreement worker', () => {
  it('arrives as the answers read on the main thread: numbers, payloads (any text), sample tags and current tag names', async () => {
    const spoken = transcript(5, 2, 'héllo “wörld” 日本 😀').payload;
    const rows = [
      row(11, 5, 1, boxPayload(1, ['night']), ['b', 'é']),
      row(12, 5, 2, spoken, ['b', 'é']),
      row(14, 5, 3, boxPayload(2, ['dark', 'night']), ['b', 'é']),
      row(20, 9, 1, boxPayload(3)),
    ];
    const packed = packAnswers(rows, TAGS);
    const answers = unpackAnswers(await sent(packed));
    expect(
      answers.map(({ sampleId, labelerId, guidelineVersion, submittedAt, sampleTags }) => [sampleId, labelerId, guidelineVersion, submittedAt, sampleTags]),
    ).toEqual(rows.map((r) => [r.sampleId, r.labelerId, 2, r.submittedAt, r.sampleTags]));
    expect(answers[0]!.payload).toEqual(boxPayload(1, ['dark']));
    expect(answers[1]!.payload).toEqual(spoken);
    expect(answers[2]!.payload.tags).toEqual(['dark']);
    expect(answers[3]!.payload).toEqual(boxPayload(3));
    // Moved, not copied: the main thread's buffers are empty once sent.
    expect(packed.numbers.length).toBe(0);
    expect(packed.text.length).toBe(0);
  });

  it('names the revision of a damaged payload, never its content', async () => {
    const secret = 'SECRET-CONTENT';
    for (const damaged of [`{"v":1,"kind":"bbox","boxes":"${secret}"`, `{"v":1,"kind":"bbox","boxes":"${secret}","noObjects":false,"tags":[]}`]) {
      const packed = await sent(packAnswers([row(11, 5, 1, boxPayload(1)), row(77, 5, 2, damaged)], []));
      const error = (() => {
        try {
          unpackAnswers(packed);
        } catch (caught) {
          return caught as Error;
        }
        throw new Error('a damaged payload was read');
      })();
      expect(error.message).toMatch(/annotation_revision row 77/);
      expect(error.message).not.toContain(secret);
    }
  });

  it('refuses numbers that do not fit its texts', () => {
    const good = () => packAnswers([row(11, 5, 1, boxPayload(1)), row(12, 5, 2, boxPayload(2))], []);
    const changed = (change: (numbers: Float64Array) => void) => {
      const packed = good();
      change(packed.numbers);
      return packed;
    };
    // The second answer's payload length is the 12th number.
    const cases: Array<[string, PackedAnswers, RegExp]> = [
      ['a payload longer than the text', changed((numbers) => (numbers[11] = 1e6)), /past its text/],
      ['text after the last payload', { ...good(), text: Uint8Array.of(...good().text, 32) }, /text beyond its payloads/],
      ['a number that is not whole', changed((numbers) => (numbers[2] = 1.5)), /not a whole number/],
      ['a cut-off answer', { ...good(), numbers: good().numbers.subarray(0, 9) }, /whole answers/],
    ];
    for (const [what, packed, message] of cases) expect(() => unpackAnswers(packed), what).toThrow(message);
  });
});

describe('a chunk of answers cut into pieces for the agreement worker', () => {
  /** A transcript's payload text of `units` characters: the pieces are cut by their texts' length. */
  const text = (units: number) => {
    const payload = (said: string) => JSON.stringify(transcript(1, 1, said).payload);
    return payload('x'.repeat(units - payload('').length));
  };
  const third = Math.floor(PIECE_TEXT_UNITS / 3);

  it('sends whole samples in order, each piece under the limit, samples without answers included', async () => {
    // Each answered sample: two answers, 2/3 of a piece's text together; sample 4 has none (withdrawn).
    const samples = [1, 2, 3, 4, 5, 6, 7];
    const rows = samples.filter((id) => id !== 4).flatMap((id) => [row(id * 10, id, 1, text(third)), row(id * 10 + 1, id, 2, text(third))]);
    const pieces = packAnswerPieces(samples, rows, TAGS);
    expect(pieces.map((piece) => piece.samples)).toEqual([[1], [2], [3, 4], [5], [6], [7]]);
    for (const piece of pieces) expect(piece.answers.text.length).toBeLessThanOrEqual(PIECE_TEXT_UNITS);
    // Every answer arrives once, with its sample, in the order read.
    const arrived = [];
    for (const piece of pieces) arrived.push(...unpackAnswers(await sent(piece.answers)).map((answer) => answer.sampleId));
    expect(arrived).toEqual(rows.map((r) => r.sampleId));
  });

  it('puts samples together while their texts fit, and a sample over the limit in a piece of its own', () => {
    const small = (id: number) => row(id, id, 1, text(300));
    const rows = [small(1), small(2), row(3, 3, 1, text(PIECE_TEXT_UNITS)), row(4, 3, 2, text(300)), small(4), small(5)];
    expect(packAnswerPieces([1, 2, 3, 4, 5], rows, TAGS).map((piece) => piece.samples)).toEqual([[1, 2], [3], [4, 5]]);
  });

  it('refuses answers of samples it was not given, or out of their order', () => {
    expect(() => packAnswerPieces([1, 2], [row(1, 1, 1, text(300)), row(2, 9, 1, text(300))], TAGS)).toThrow(/not asked for/);
    expect(() => packAnswerPieces([1, 2], [row(1, 2, 1, text(300)), row(2, 1, 1, text(300))], TAGS)).toThrow(/not asked for/);
  });
});
