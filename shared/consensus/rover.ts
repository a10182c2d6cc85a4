/**
 * ROVER-style word voting (Fiscus 1997, "A post-processing system to yield reduced word error
 * rates: Recognizer Output Voting Error Reduction"): the transcripts are aligned one after
 * another into a word transition network, a sequence of slots each holding the words (or the
 * empty word) that the transcripts put there; each slot then keeps its most voted word.
 */

interface Slot {
  /** Weight of each word key voted here; '' is "no word". */
  votes: Map<string, number>;
  /** The forms written for each key, with their weights (the most used form is printed). */
  forms: Map<string, Map<string, number>>;
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
  const slots: Slot[] = [];
  let weightSoFar = 0;
  for (const input of inputs) {
    const weight = input.weight ?? 1;
    align(slots, input.words, weight, weightSoFar);
    weightSoFar += weight;
  }
  const out: string[] = [];
  for (const slot of slots) {
    let best = '';
    let bestWeight = -1;
    for (const [key, votes] of slot.votes) {
      if (votes > bestWeight) {
        best = key;
        bestWeight = votes;
      }
    }
    if (best === '') continue;
    out.push(mostUsed(slot.forms.get(best)!));
  }
  return out;
}

/** Aligns `words` to the network (Levenshtein with slot membership as a match) and records the votes. */
function align(slots: Slot[], words: readonly string[], weight: number, earlierWeight: number): void {
  const keys = words.map(keyOf);
  const n = slots.length;
  const m = keys.length;
  const cost = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  for (let i = 1; i <= n; i++) cost[i]![0] = cost[i - 1]![0]! + (slots[i - 1]!.votes.has('') ? 0 : 1);
  for (let j = 1; j <= m; j++) cost[0]![j] = j;
  for (let i = 1; i <= n; i++) {
    const slot = slots[i - 1]!;
    const skip = slot.votes.has('') ? 0 : 1;
    for (let j = 1; j <= m; j++) {
      const substitute = cost[i - 1]![j - 1]! + (slot.votes.has(keys[j - 1]!) ? 0 : 1);
      cost[i]![j] = Math.min(substitute, cost[i - 1]![j]! + skip, cost[i]![j - 1]! + 1);
    }
  }
  // Walk back, collecting which slot each word goes to and which slots get "no word".
  const placed: { slot: number | null; word: number | null }[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const slot = slots[i - 1];
    if (i > 0 && j > 0 && cost[i]![j] === cost[i - 1]![j - 1]! + (slot!.votes.has(keys[j - 1]!) ? 0 : 1)) {
      placed.push({ slot: --i, word: --j });
    } else if (i > 0 && cost[i]![j] === cost[i - 1]![j]! + (slot!.votes.has('') ? 0 : 1)) {
      placed.push({ slot: --i, word: null });
    } else {
      placed.push({ slot: null, word: --j });
    }
  }
  placed.reverse();
  const rebuilt: Slot[] = [];
  for (const { slot, word } of placed) {
    const target = slot === null ? newSlot(earlierWeight) : slots[slot]!;
    if (word === null) vote(target, '', '', weight);
    else vote(target, keys[word]!, words[word]!, weight);
    rebuilt.push(target);
  }
  slots.splice(0, slots.length, ...rebuilt);
}

function newSlot(earlierWeight: number): Slot {
  const slot: Slot = { votes: new Map(), forms: new Map() };
  // Every transcript aligned before this one had no word here.
  if (earlierWeight > 0) vote(slot, '', '', earlierWeight);
  return slot;
}

function vote(slot: Slot, key: string, form: string, weight: number): void {
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
