import type { AnnotationForAgreement } from '../../shared/agreement';
import type { Tag } from '../../shared/domain/project';
import { currentTagNames, withCurrentTagNames } from '../../shared/domain/taxonomy';
import type { SubmittedAnswerRow } from '../db/queries/agreement-inputs';
import { readStoredPayload } from '../db/stored-payload';

/** Numbers per answer in {@link PackedAnswers.numbers}: revision id, sample id, labeler id, guideline version, submission time, payload length. */
const PER_ANSWER = 6;

/**
 * A chunk of submitted answers as the main thread sends them to the agreement worker: their
 * numbers and their stored payload texts in two buffers, moved to the worker rather than copied,
 * the payloads parsed and checked there. The main thread then holds no parsed answers while it
 * reads a large project (their objects outlived the reads and piled up in its heap between
 * collections), and neither thread copies them object by object (structured cloning 300,000
 * payloads cost more than parsing their texts).
 */
export interface PackedAnswers {
  /** {@link PER_ANSWER} numbers per answer: revision id, sample id, labeler id, guideline version, submission time (ms), payload length (UTF-16 units). */
  numbers: Float64Array;
  /** The payload texts one after another, UTF-8. */
  text: Uint8Array;
  /** The tags of each sample that has any, sorted (the others have none). */
  sampleTags: Array<[sampleId: number, tags: string[]]>;
  /** The project's tags with their former names: a payload's tags are read under their current names. */
  tags: Tag[];
}

/**
 * `rows` packed, in their order; post it with {@link transferablesOf} so its buffers are moved.
 * @example worker.postMessage({ type: 'fill', answers: packAnswers(rows, tags) }, transferablesOf(answers))
 */
export function packAnswers(rows: readonly SubmittedAnswerRow[], tags: Tag[]): PackedAnswers {
  const numbers = new Float64Array(rows.length * PER_ANSWER);
  const sampleTags: PackedAnswers['sampleTags'] = [];
  let at = 0;
  for (const row of rows) {
    // Written one by one: `set` from an array made per row cost more than the rest of the packing.
    numbers[at] = row.revisionId;
    numbers[at + 1] = row.sampleId;
    numbers[at + 2] = row.labelerId;
    numbers[at + 3] = row.guidelineVersion;
    numbers[at + 4] = row.submittedAt;
    numbers[at + 5] = row.payloadJson.length;
    at += PER_ANSWER;
    if (row.sampleTags.length > 0 && sampleTags.at(-1)?.[0] !== row.sampleId) sampleTags.push([row.sampleId, row.sampleTags]);
  }
  const text = new TextEncoder().encode(rows.map((row) => row.payloadJson).join(''));
  return { numbers, text, sampleTags, tags };
}

/**
 * Payload text in one piece at most, in UTF-16 units (about as many bytes for JSON's ASCII):
 * half of glibc's threshold for giving a block its own mapping (128 KiB). A block over it is
 * mapped, and freeing one raises that threshold to its size for the whole process: after pieces
 * of ~1.2 MB (1,000 samples × 3 × ~5 boxes), every later block up to that size was taken from the
 * allocator's arenas and kept by them once freed, ~90–100 MB of a 100,000-sample host's memory
 * after a whole computation.
 */
export const PIECE_TEXT_UNITS = 64 * 1024;

/** Some samples and their packed answers: what one `fill` sends. */
export interface AnswerPiece {
  samples: number[];
  answers: PackedAnswers;
}

/**
 * `samples` (in increasing id) and `rows` (their submitted answers, ordered by sample) packed in
 * pieces of whole samples, each piece's payload text under {@link PIECE_TEXT_UNITS} unless one
 * sample's answers alone are more.
 * @example for (const piece of packAnswerPieces(chunk, rows, tags)) worker.postMessage({ type: 'fill', ...piece }, transferablesOf(piece.answers))
 */
export function packAnswerPieces(samples: readonly number[], rows: readonly SubmittedAnswerRow[], tags: Tag[]): AnswerPiece[] {
  const pieces: AnswerPiece[] = [];
  let [firstSample, firstRow] = [0, 0];
  while (firstSample < samples.length) {
    let [endSample, endRow, units] = [firstSample, firstRow, 0];
    while (endSample < samples.length) {
      let [sampleEnd, sampleUnits] = [endRow, 0];
      while (sampleEnd < rows.length && rows[sampleEnd]!.sampleId === samples[endSample]) sampleUnits += rows[sampleEnd++]!.payloadJson.length;
      if (endSample > firstSample && units + sampleUnits > PIECE_TEXT_UNITS) break;
      [endSample, endRow, units] = [endSample + 1, sampleEnd, units + sampleUnits];
    }
    pieces.push({ samples: samples.slice(firstSample, endSample), answers: packAnswers(rows.slice(firstRow, endRow), tags) });
    [firstSample, firstRow] = [endSample, endRow];
  }
  if (firstRow !== rows.length) throw new Error('answers of samples not asked for, or not in their order');
  return pieces;
}

/** The buffers of `packed` to list as transferred when it is posted. */
export function transferablesOf(packed: PackedAnswers): ArrayBuffer[] {
  return [packed.numbers.buffer as ArrayBuffer, packed.text.buffer as ArrayBuffer];
}

/**
 * The answers `packed` holds, each payload parsed and checked against its schema, its tags under
 * their current names. The buffers come from another thread reading the project's database, so
 * they are checked as any outside input: a damaged payload throws naming its revision, never its
 * content; numbers that do not fit the layout throw.
 */
export function unpackAnswers(packed: PackedAnswers): AnnotationForAgreement[] {
  const { numbers } = packed;
  if (numbers.length % PER_ANSWER !== 0) throw new Error('a chunk of answers whose numbers do not come in whole answers');
  const text = new TextDecoder().decode(packed.text);
  const currentName = currentTagNames(packed.tags);
  const tagsOf = new Map(packed.sampleTags);
  const answers: AnnotationForAgreement[] = [];
  let from = 0;
  for (let at = 0; at < numbers.length; at += PER_ANSWER) {
    for (let k = 0; k < PER_ANSWER; k++) {
      if (!Number.isSafeInteger(numbers[at + k]!)) throw new Error('a chunk of answers with a number that is not a whole number');
    }
    const revisionId = numbers[at]!;
    const sampleId = numbers[at + 1]!;
    const length = numbers[at + 5]!;
    if (length < 0 || from + length > text.length) throw new Error(`a chunk of answers whose payload of revision ${revisionId} lies past its text`);
    const payload = readStoredPayload(text.slice(from, (from += length)), {
      table: 'annotation_revision',
      column: 'payload_json',
      row: revisionId,
    });
    answers.push({
      sampleId,
      labelerId: numbers[at + 2]!,
      guidelineVersion: numbers[at + 3]!,
      submittedAt: numbers[at + 4]!,
      sampleTags: tagsOf.get(sampleId) ?? [],
      payload: withCurrentTagNames(payload, currentName),
    });
  }
  if (from !== text.length) throw new Error('a chunk of answers with text beyond its payloads');
  return answers;
}
