/**
 * ROVER-style word voting (Fiscus 1997, "A post-processing system to yield reduced word error
 * rates: Recognizer Output Voting Error Reduction"): the transcripts are aligned one after
 * another into a word transition network, a sequence of slots each holding the words (or the
 * empty word) that the transcripts put there; each slot then keeps its most voted word.
 */

/** The key id of "no word" (and of an empty word, as before); word keys are interned from 1 for the length of one {@link rover} call. */
const NO_WORD = 0;

interface Slot {
  /** Weight of each key id voted here (insertion order breaks ties); {@link NO_WORD} is "no word". */
  votes: Map<number, number>;
  /** The forms written for each key id, with their weights (the most used form is printed). */
  forms: Map<number, Map<string, number>>;
}

export interface RoverInput {
  words: readonly string[];
  weight?: number;
}

/**
 * The voted word sequence. Words align and vote by their key (lower case, punctuation removed),
 * so "Today's" and "today's" agree; the output uses the form most of them wrote. Ties go to the
 * transcript given first, so pass the most trusted labeler first.
 * @example rover([{ words: ['turn', 'on', 'the', 'light'] }, { words: ['turn', 'on', 'light'] }, { words: ['turn', 'the', 'light'] }]) // ['turn', 'on', 'the', 'light']
 */
export function rover(inputs: readonly RoverInput[]): string[] {
  // Keys become small integers once per call: the alignment compares ids, and each distinct
  // word's key is worked out once however many transcripts repeat it.
  const keyIds = new Map<string, number>();
  const wordKeys = new Map<string, number>();
  const keyIdOf = (word: string): number => {
    let id = wordKeys.get(word);
    if (id === undefined) {
      const key = keyOf(word);
      id = key === '' ? NO_WORD : keyIds.get(key);
      if (id === undefined) keyIds.set(key, (id = keyIds.size + 1));
      wordKeys.set(word, id);
    }
    return id;
  };
  let slots: Slot[] = [];
  let weightSoFar = 0;
  for (const input of inputs) {
    const weight = input.weight ?? 1;
    slots = align(slots, input.words, Int32Array.from(input.words, keyIdOf), keyIds.size + 1, weight, weightSoFar);
    weightSoFar += weight;
  }
  const out: string[] = [];
  for (const slot of slots) {
    let best = NO_WORD;
    let bestWeight = -1;
    for (const [key, votes] of slot.votes) {
      if (votes > bestWeight) {
        best = key;
        bestWeight = votes;
      }
    }
    if (best === NO_WORD) continue;
    out.push(mostUsed(slot.forms.get(best)!));
  }
  return out;
}

/**
 * Aligns `words` (their key ids in `keys`, all below `keyCount`) to the network (Levenshtein with
 * slot membership as a match), records the votes and returns the network with the new slots.
 */
function align(slots: readonly Slot[], words: readonly string[], keys: Int32Array, keyCount: number, weight: number, earlierWeight: number): Slot[] {
  const n = slots.length;
  const m = keys.length;
  const width = m + 1;
  // matches[i·m + j]: slot i already holds word j's key. Marked from each slot's few keys and
  // the word positions of each key, instead of a lookup per cell of the table.
  const matches = new Uint8Array(n * m);
  const skips = new Uint8Array(n);
  const firstAt = new Int32Array(keyCount).fill(-1);
  const nextAt = new Int32Array(m);
  for (let j = m - 1; j >= 0; j--) {
    nextAt[j] = firstAt[keys[j]!]!;
    firstAt[keys[j]!] = j;
  }
  for (let i = 0; i < n; i++) {
    const votes = slots[i]!.votes;
    skips[i] = votes.has(NO_WORD) ? 0 : 1;
    for (const key of votes.keys()) for (let j = firstAt[key]!; j >= 0; j = nextAt[j]!) matches[i * m + j] = 1;
  }
  const cost = new Int32Array((n + 1) * width);
  for (let i = 1; i <= n; i++) cost[i * width] = cost[(i - 1) * width]! + skips[i - 1]!;
  for (let j = 1; j <= m; j++) cost[j] = j;
  for (let i = 1; i <= n; i++) {
    const row = i * width;
    const above = row - width;
    const skip = skips[i - 1]!;
    const matchRow = (i - 1) * m;
    for (let j = 1; j <= m; j++) {
      const substitute = cost[above + j - 1]! + 1 - matches[matchRow + j - 1]!;
      cost[row + j] = Math.min(substitute, cost[above + j]! + skip, cost[row + j - 1]! + 1);
    }
  }
  // Walk back, collecting which slot each word goes to and which slots get "no word".
  const placed: { slot: number | null; word: number | null }[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = cost[i * width + j]!;
    if (i > 0 && j > 0 && here === cost[(i - 1) * width + j - 1]! + 1 - matches[(i - 1) * m + j - 1]!) {
      placed.push({ slot: --i, word: --j });
    } else if (i > 0 && here === cost[(i - 1) * width + j]! + skips[i - 1]!) {
      placed.push({ slot: --i, word: null });
    } else {
      placed.push({ slot: null, word: --j });
    }
  }
  placed.reverse();
  const rebuilt: Slot[] = [];
  for (const { slot, word } of placed) {
    const target = slot === null ? newSlot(earlierWeight) : slots[slot]!;
    if (word === null) vote(target, NO_WORD, '', weight);
    else vote(target, keys[word]!, words[word]!, weight);
    rebuilt.push(target);
  }
  return rebuilt;
}

function newSlot(earlierWeight: number): Slot {
  const slot: Slot = { votes: new Map(), forms: new Map() };
  // Every transcript aligned before this one had no word here.
  if (earlierWeight > 0) vote(slot, NO_WORD, '', earlierWeight);
  return slot;
}

function vote(slot: Slot, key: number, form: string, weight: number): void {
  slot.votes.set(key, (slot.votes.get(key) ?? 0) + weight);
  let forms = slot.forms.get(key);
  if (!forms) slot.forms.set(key, (forms = new Map()));
  forms.set(form, (forms.get(form) ?? 0) + weight);
}

function mostUsed(forms: Map<string, number>): string {
  let best = '';
  let bestWeight = -1;
  for (const [form, weight] of forms) {
    if (weight > bestWeight) {
      best = form;
      bestWeight = weight;
    }
  }
  return best;
}

function keyOf(word: string): string {
  return word.replace(/\p{P}/gu, '').toLowerCase() || word;
}
