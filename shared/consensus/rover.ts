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
  // One scratch buffer holds every table of the call: a consensus aligns tens of thousands of
  // short transcripts, and fresh typed arrays for each kept the collector busy.
  const matchesAt = 0;
  const skipsAt = n * m;
  const firstAt = skipsAt + n;
  const nextAt = firstAt + keyCount;
  const costAt = nextAt + m;
  const size = costAt + (n + 1) * width;
  if (scratch.length < size) scratch = new Int32Array(2 * size);
  const table = scratch;
  // matches (table[matchesAt + i·m + j]): slot i already holds word j's key. Marked from each slot's
  // few keys and the word positions of each key, instead of a lookup per cell of the table.
  table.fill(0, matchesAt, skipsAt);
  table.fill(-1, firstAt, nextAt);
  for (let j = m - 1; j >= 0; j--) {
    table[nextAt + j] = table[firstAt + keys[j]!]!;
    table[firstAt + keys[j]!] = j;
  }
  for (let i = 0; i < n; i++) {
    const votes = slots[i]!.votes;
    table[skipsAt + i] = votes.has(NO_WORD) ? 0 : 1;
    for (const key of votes.keys()) for (let j = table[firstAt + key]!; j >= 0; j = table[nextAt + j]!) table[matchesAt + i * m + j] = 1;
  }
  table[costAt] = 0;
  for (let i = 1; i <= n; i++) table[costAt + i * width] = table[costAt + (i - 1) * width]! + table[skipsAt + i - 1]!;
  for (let j = 1; j <= m; j++) table[costAt + j] = j;
  for (let i = 1; i <= n; i++) {
    const row = costAt + i * width;
    const above = row - width;
    const skip = table[skipsAt + i - 1]!;
    const matchRow = matchesAt + (i - 1) * m;
    for (let j = 1; j <= m; j++) {
      const substitute = table[above + j - 1]! + 1 - table[matchRow + j - 1]!;
      table[row + j] = Math.min(substitute, table[above + j]! + skip, table[row + j - 1]! + 1);
    }
  }
  // Walk back: each step places a word in a slot, "no word" in a slot, or a word in a new slot.
  // Every slot takes exactly one vote per transcript, so voting on the way back is the same as
  // voting in order; the slots are collected backwards and turned round at the end.
  const rebuilt: Slot[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = table[costAt + i * width + j]!;
    if (i > 0 && j > 0 && here === table[costAt + (i - 1) * width + j - 1]! + 1 - table[matchesAt + (i - 1) * m + j - 1]!) {
      const target = slots[--i]!;
      j--;
      vote(target, keys[j]!, words[j]!, weight);
      rebuilt.push(target);
    } else if (i > 0 && here === table[costAt + (i - 1) * width + j]! + table[skipsAt + i - 1]!) {
      const target = slots[--i]!;
      vote(target, NO_WORD, '', weight);
      rebuilt.push(target);
    } else {
      const target = newSlot(earlierWeight);
      j--;
      vote(target, keys[j]!, words[j]!, weight);
      rebuilt.push(target);
    }
  }
  return rebuilt.reverse();
}

let scratch = new Int32Array(1024);

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
