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

export interface LevenshteinResult {
  substitutions: number;
  /** Hypothesis tokens with no reference counterpart. */
  insertions: number;
  /** Reference tokens missing from the hypothesis. */
  deletions: number;
  hits: number;
  refLength: number;
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
