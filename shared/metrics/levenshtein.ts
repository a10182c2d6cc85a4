/**
 * Levenshtein alignment of two token sequences (words or characters): the fewest substitutions,
 * insertions and deletions turning the reference into the hypothesis, with one such alignment.
 */

/** One step of an alignment: `ins` has only `hyp`, `del` only `ref`. */
export interface AlignmentStep {
  op: 'match' | 'sub' | 'ins' | 'del';
  ref?: string;
  hyp?: string;
}

/** The edits of a minimal alignment, without the alignment itself. */
export interface EditCounts {
  substitutions: number;
  /** Hypothesis tokens with no reference counterpart. */
  insertions: number;
  /** Reference tokens missing from the hypothesis. */
  deletions: number;
  hits: number;
  refLength: number;
}

export interface LevenshteinResult extends EditCounts {
  /** Steps in reference order. */
  alignment: AlignmentStep[];
}

// Backtrace moves, one byte per cell.
const DIAGONAL = 0;
const UP = 1; // deletion: consume a reference token
const LEFT = 2; // insertion: consume a hypothesis token

/**
 * Aligns `ref` to `hyp` with unit costs. Among alignments of equal cost it prefers, walking back
 * from the end, a match or substitution, then a deletion, then an insertion — so counts are always
 * minimal and the alignment deterministic. Tokens are compared as integer ids after interning.
 *
 * Cost: O(|ref| × |hyp|) time and bytes (a backtrace matrix); 10,000 × 10,000 tokens needs 100 MB,
 * so align long transcripts segment by segment.
 * @example
 * levenshtein(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])
 * // { substitutions: 1, insertions: 1, deletions: 0, hits: 2, refLength: 3, alignment: [match a, sub b→x, match c, ins d] }
 */
export function levenshtein(ref: readonly string[], hyp: readonly string[]): LevenshteinResult {
  const [refIds, hypIds] = intern(ref, hyp);
  const rows = ref.length + 1;
  const columns = hyp.length + 1;
  const moves = new Uint8Array(rows * columns);

  // Two rolling rows of costs; the moves matrix keeps what the backtrace needs.
  let previous = new Uint32Array(columns);
  let current = new Uint32Array(columns);
  for (let j = 0; j < columns; j++) {
    previous[j] = j;
    moves[j] = LEFT;
  }
  for (let i = 1; i < rows; i++) {
    current[0] = i;
    moves[i * columns] = UP;
    const refId = refIds[i - 1]!;
    for (let j = 1; j < columns; j++) {
      const diagonal = previous[j - 1]! + (refId === hypIds[j - 1]! ? 0 : 1);
      const up = previous[j]! + 1;
      const left = current[j - 1]! + 1;
      let best = diagonal;
      let move = DIAGONAL;
      if (up < best) {
        best = up;
        move = UP;
      }
      if (left < best) {
        best = left;
        move = LEFT;
      }
      current[j] = best;
      moves[i * columns + j] = move;
    }
    [previous, current] = [current, previous];
  }

  const alignment: AlignmentStep[] = [];
  let substitutions = 0;
  let insertions = 0;
  let deletions = 0;
  let hits = 0;
  let i = ref.length;
  let j = hyp.length;
  while (i > 0 || j > 0) {
    const move = i === 0 ? LEFT : j === 0 ? UP : moves[i * columns + j];
    if (move === DIAGONAL) {
      i--;
      j--;
      if (refIds[i] === hypIds[j]) {
        hits++;
        alignment.push({ op: 'match', ref: ref[i]!, hyp: hyp[j]! });
      } else {
        substitutions++;
        alignment.push({ op: 'sub', ref: ref[i]!, hyp: hyp[j]! });
      }
    } else if (move === UP) {
      i--;
      deletions++;
      alignment.push({ op: 'del', ref: ref[i]! });
    } else {
      j--;
      insertions++;
      alignment.push({ op: 'ins', hyp: hyp[j]! });
    }
  }
  alignment.reverse();
  return { substitutions, insertions, deletions, hits, refLength: ref.length, alignment };
}

/**
 * The counts of {@link levenshtein}'s alignment (same tie-breaking, so the same numbers) for
 * sequences already turned into integer ids (interned words, code points), in O(|hyp|) memory:
 * each cell carries the substitutions and deletions of the path that reaches it, instead of a
 * backtrace matrix. For corpus figures and agreement, which never look at the alignment.
 * @example editCounts([1, 2, 3], [1, 9, 3, 4]) // { substitutions: 1, insertions: 1, deletions: 0, hits: 2, refLength: 3 }
 */
export function editCounts(ref: ArrayLike<number>, hyp: ArrayLike<number>): EditCounts {
  const [start, refEnd, hypEnd] = commonEnds(ref, hyp);
  const counts = editCountsBetween(ref, start, refEnd, hyp, start, hypEnd);
  return { ...counts, hits: ref.length - counts.substitutions - counts.deletions, refLength: ref.length };
}

/**
 * The length of the common prefix and where the common suffix starts in each sequence: a minimal
 * alignment matches both, so only the middle needs the quadratic table.
 */
function commonEnds(ref: ArrayLike<number>, hyp: ArrayLike<number>): [start: number, refEnd: number, hypEnd: number] {
  let start = 0;
  while (start < ref.length && start < hyp.length && ref[start] === hyp[start]) start++;
  let refEnd = ref.length;
  let hypEnd = hyp.length;
  while (refEnd > start && hypEnd > start && ref[refEnd - 1] === hyp[hypEnd - 1]) {
    refEnd--;
    hypEnd--;
  }
  return [start, refEnd, hypEnd];
}

function editCountsBetween(
  ref: ArrayLike<number>,
  refStart: number,
  refEnd: number,
  hyp: ArrayLike<number>,
  hypStart: number,
  hypEnd: number,
): Omit<EditCounts, 'hits' | 'refLength'> {
  const columns = hypEnd - hypStart + 1;
  // Two rows of (cost, substitutions, deletions) triples, reused between calls: corpus and
  // agreement figures make tens of thousands of calls, and fresh rows kept the collector busy.
  if (scratch.length < 6 * columns) scratch = new Uint32Array(12 * columns);
  let previous = 0;
  let current = 3 * columns;
  for (let j = 0; j < columns; j++) {
    scratch[previous + 3 * j] = j;
    scratch[previous + 3 * j + 1] = 0;
    scratch[previous + 3 * j + 2] = 0;
  }
  for (let i = 1; i <= refEnd - refStart; i++) {
    scratch[current] = i;
    scratch[current + 1] = 0;
    scratch[current + 2] = i;
    const refId = ref[refStart + i - 1]!;
    for (let j = 1; j < columns; j++) {
      const mismatch = refId === hyp[hypStart + j - 1]! ? 0 : 1;
      const diagonalCell = previous + 3 * (j - 1);
      const upCell = previous + 3 * j;
      const leftCell = current + 3 * (j - 1);
      const cell = current + 3 * j;
      const diagonal = scratch[diagonalCell]! + mismatch;
      const up = scratch[upCell]! + 1;
      const left = scratch[leftCell]! + 1;
      if (diagonal <= up && diagonal <= left) {
        scratch[cell] = diagonal;
        scratch[cell + 1] = scratch[diagonalCell + 1]! + mismatch;
        scratch[cell + 2] = scratch[diagonalCell + 2]!;
      } else if (up <= left) {
        scratch[cell] = up;
        scratch[cell + 1] = scratch[upCell + 1]!;
        scratch[cell + 2] = scratch[upCell + 2]! + 1;
      } else {
        scratch[cell] = left;
        scratch[cell + 1] = scratch[leftCell + 1]!;
        scratch[cell + 2] = scratch[leftCell + 2]!;
      }
    }
    [previous, current] = [current, previous];
  }
  const last = previous + 3 * (columns - 1);
  const substitutions = scratch[last + 1]!;
  const deletions = scratch[last + 2]!;
  return { substitutions, insertions: scratch[last]! - substitutions - deletions, deletions };
}

let scratch = new Uint32Array(0);

/**
 * The number of edits of a minimal alignment (substitutions + insertions + deletions of
 * {@link editCounts}), without telling them apart: what agreement's pooled WER and CER add up.
 * After the common ends are set aside, a middle of up to 32 tokens on its shorter side is
 * measured with Myers' bit-parallel algorithm (one word of bits per token of the other side), one
 * of up to 64 small whole-number tokens with two words, a longer one with one row of the usual table.
 * @example editDistance([1, 2, 3], [1, 9, 3, 4]) // 2
 */
export function editDistance(ref: ArrayLike<number>, hyp: ArrayLike<number>): number {
  const [start, refEnd, hypEnd] = commonEnds(ref, hyp);
  const refMiddle = refEnd - start;
  const hypMiddle = hypEnd - start;
  if (refMiddle === 0 || hypMiddle === 0) return refMiddle + hypMiddle;
  // The distance is symmetric: the shorter side is the pattern whose positions are bits.
  return refMiddle <= hypMiddle ? middleDistance(ref, start, refMiddle, hyp, start, hypMiddle) : middleDistance(hyp, start, hypMiddle, ref, start, refMiddle);
}

function middleDistance(pattern: ArrayLike<number>, patternStart: number, m: number, text: ArrayLike<number>, textStart: number, n: number): number {
  if (m > 32) {
    return m <= 64 && allSmall(pattern, patternStart, m)
      ? twoWordDistance(pattern, patternStart, m, text, textStart, n)
      : rowDistance(pattern, patternStart, m, text, textStart, n);
  }
  // Hyyrö's formulation of Myers (1999): Pv/Mv hold the vertical +1/−1 differences of the
  // current column, `score` the last row's cost. Bits above m are never read. Each token's bits
  // sit in a table indexed by the token when it is a small whole number (word ids, most
  // characters), which is read once per token of the text; others fall back to a map.
  for (let i = 0; i < m; i++) {
    const token = pattern[patternStart + i]!;
    if (isSmall(token)) positionTable[token] = positionTable[token]! | (1 << i);
    else positions.set(token, (positions.get(token) ?? 0) | (1 << i));
  }
  const last = 1 << (m - 1);
  let pv = -1;
  let mv = 0;
  let score = m;
  for (let j = 0; j < n; j++) {
    const token = text[textStart + j]!;
    const eq = isSmall(token) ? positionTable[token]! : (positions.get(token) ?? 0);
    const xv = eq | mv;
    const xh = (((eq & pv) + pv) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & last) score++;
    else if (mh & last) score--;
    // Row 0 rises by one per text token: a +1 enters at the bottom.
    ph = (ph << 1) | 1;
    mh <<= 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
  }
  // Only the pattern's entries were set: clearing them leaves the table empty for the next call.
  for (let i = 0; i < m; i++) {
    const token = pattern[patternStart + i]!;
    if (isSmall(token)) positionTable[token] = 0;
  }
  if (positions.size > 0) positions.clear();
  return score;
}

/**
 * {@link middleDistance}'s step over two words of bits, for a pattern of 33 to 64 tokens that all
 * index the tables (a transcript's characters, most often): the low word holds positions 0–31,
 * the high word the rest, and the addition and the shifts carry from the low word into the high.
 */
function twoWordDistance(pattern: ArrayLike<number>, patternStart: number, m: number, text: ArrayLike<number>, textStart: number, n: number): number {
  for (let i = 0; i < m; i++) {
    const token = pattern[patternStart + i]!;
    if (i < 32) positionTable[token] = positionTable[token]! | (1 << i);
    else highPositionTable[token] = highPositionTable[token]! | (1 << (i - 32));
  }
  const last = 1 << (m - 33);
  let pvLow = -1;
  let pvHigh = -1;
  let mvLow = 0;
  let mvHigh = 0;
  let score = m;
  for (let j = 0; j < n; j++) {
    const token = text[textStart + j]!;
    // A token outside the tables is none of the pattern's, which all are in them.
    const small = isSmall(token);
    const eqLow = small ? positionTable[token]! : 0;
    const eqHigh = small ? highPositionTable[token]! : 0;
    const xvLow = eqLow | mvLow;
    const xvHigh = eqHigh | mvHigh;
    const sumLow = ((eqLow & pvLow) >>> 0) + (pvLow >>> 0);
    const carry = sumLow > 0xffffffff ? 1 : 0;
    const xhLow = ((sumLow | 0) ^ pvLow) | eqLow;
    const xhHigh = ((((eqHigh & pvHigh) + pvHigh + carry) | 0) ^ pvHigh) | eqHigh;
    let phLow = mvLow | ~(xhLow | pvLow);
    let phHigh = mvHigh | ~(xhHigh | pvHigh);
    let mhLow = pvLow & xhLow;
    let mhHigh = pvHigh & xhHigh;
    if (phHigh & last) score++;
    else if (mhHigh & last) score--;
    phHigh = (phHigh << 1) | (phLow >>> 31);
    phLow = (phLow << 1) | 1;
    mhHigh = (mhHigh << 1) | (mhLow >>> 31);
    mhLow <<= 1;
    pvLow = mhLow | ~(xvLow | phLow);
    pvHigh = mhHigh | ~(xvHigh | phHigh);
    mvLow = phLow & xvLow;
    mvHigh = phHigh & xvHigh;
  }
  for (let i = 0; i < m; i++) {
    const token = pattern[patternStart + i]!;
    positionTable[token] = 0;
    highPositionTable[token] = 0;
  }
  return score;
}

function allSmall(tokens: ArrayLike<number>, start: number, length: number): boolean {
  for (let i = start; i < start + length; i++) if (!isSmall(tokens[i]!)) return false;
  return true;
}

/** Whether `token` indexes {@link positionTable}: a whole number below its size. */
function isSmall(token: number): boolean {
  return token >>> 0 === token && token < POSITION_TABLE_SIZE;
}

/** The same distance by one row of the table, for patterns longer than a word of bits. */
function rowDistance(pattern: ArrayLike<number>, patternStart: number, m: number, text: ArrayLike<number>, textStart: number, n: number): number {
  if (row.length < n + 1) row = new Uint32Array(2 * (n + 1));
  for (let j = 0; j <= n; j++) row[j] = j;
  for (let i = 1; i <= m; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    const token = pattern[patternStart + i - 1]!;
    for (let j = 1; j <= n; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (token === text[textStart + j - 1]! ? 0 : 1));
      diagonal = above;
    }
  }
  return row[n]!;
}

const POSITION_TABLE_SIZE = 1 << 16;
const positionTable = new Int32Array(POSITION_TABLE_SIZE);
/** Positions 32–63 of a longer pattern's tokens (see `twoWordDistance`). */
const highPositionTable = new Int32Array(POSITION_TABLE_SIZE);
const positions = new Map<number, number>();
let row = new Uint32Array(0);

/** The tokens of both sequences as integer ids, equal ids for equal strings. */
function intern(ref: readonly string[], hyp: readonly string[]): [Int32Array, Int32Array] {
  const ids = new Map<string, number>();
  const toIds = (tokens: readonly string[]): Int32Array => {
    const out = new Int32Array(tokens.length);
    tokens.forEach((token, index) => {
      let id = ids.get(token);
      if (id === undefined) ids.set(token, (id = ids.size));
      out[index] = id;
    });
    return out;
  };
  return [toIds(ref), toIds(hyp)];
}
