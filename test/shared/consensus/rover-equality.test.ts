import { describe, expect, it } from 'vitest';
import { rover, type RoverInput } from '../../../shared/consensus/rover';
import { mulberry32 } from '../../../shared/assignment/prng';

/**
 * The first ROVER, kept as the oracle: a string-keyed table per slot and a lookup per cell. The
 * interned version must give the same words on every input, ties and empty words included.
 */
function formerRover(inputs: readonly RoverInput[]): string[] {
  type Slot = { votes: Map<string, number>; forms: Map<string, Map<string, number>> };
  const keyOf = (word: string) => word.replace(/\p{P}/gu, '').toLowerCase() || word;
  const vote = (slot: Slot, key: string, form: string, weight: number) => {
    slot.votes.set(key, (slot.votes.get(key) ?? 0) + weight);
    if (!slot.forms.has(key)) slot.forms.set(key, new Map());
    const forms = slot.forms.get(key)!;
    forms.set(form, (forms.get(form) ?? 0) + weight);
  };
  const heaviest = (weights: Map<string, number>) => {
    let best = '';
    let bestWeight = -1;
    for (const [key, weight] of weights) if (weight > bestWeight) [best, bestWeight] = [key, weight];
    return best;
  };
  let slots: Slot[] = [];
  let earlier = 0;
  for (const input of inputs) {
    const weight = input.weight ?? 1;
    const keys = input.words.map(keyOf);
    const [n, m] = [slots.length, keys.length];
    const skip = (i: number) => (slots[i - 1]!.votes.has('') ? 0 : 1);
    const sub = (i: number, j: number) => (slots[i - 1]!.votes.has(keys[j - 1]!) ? 0 : 1);
    const cost = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
    for (let i = 1; i <= n; i++) cost[i]![0] = cost[i - 1]![0]! + skip(i);
    for (let j = 1; j <= m; j++) cost[0]![j] = j;
    for (let i = 1; i <= n; i++)
      for (let j = 1; j <= m; j++) cost[i]![j] = Math.min(cost[i - 1]![j - 1]! + sub(i, j), cost[i - 1]![j]! + skip(i), cost[i]![j - 1]! + 1);
    const placed: [number | null, number | null][] = [];
    for (let i = n, j = m; i > 0 || j > 0;) {
      if (i > 0 && j > 0 && cost[i]![j] === cost[i - 1]![j - 1]! + sub(i, j)) placed.push([--i, --j]);
      else if (i > 0 && cost[i]![j] === cost[i - 1]![j]! + skip(i)) placed.push([--i, null]);
      else placed.push([null, --j]);
    }
    slots = placed.reverse().map(([slot, word]) => {
      let target = slot === null ? null : slots[slot]!;
      if (!target) {
        target = { votes: new Map(), forms: new Map() };
        if (earlier > 0) vote(target, '', '', earlier);
      }
      if (word === null) vote(target, '', '', weight);
      else vote(target, keys[word]!, input.words[word]!, weight);
      return target;
    });
    earlier += weight;
  }
  return slots.map((slot) => heaviest(slot.votes)).flatMap((key, i) => (key === '' ? [] : [heaviest(slots[i]!.forms.get(key)!)]));
}

// Forms that share keys ("The", "the,"), punctuation alone (its own key), and the empty word.
const VOCABULARY = ['the', 'The', 'the,', 'light', 'light.', 'on', 'On', 'off', "today's", "Today's", 'todays', 'um', '...', '', 'a', 'window', 'widow'];

describe('ROVER against the former algorithm', () => {
  it('gives the same words on random transcripts, weights and ties', () => {
    const random = mulberry32(21);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    for (let round = 0; round < 3000; round++) {
      const base = Array.from({ length: Math.floor(random() * 14) }, () => pick(VOCABULARY));
      const inputs: RoverInput[] = Array.from({ length: 1 + Math.floor(random() * 4) }, () => ({
        // Each transcript is the base with a few random edits, so most of it aligns.
        words: base.flatMap((word) => (random() < 0.15 ? [] : random() < 0.15 ? [pick(VOCABULARY), word] : [random() < 0.2 ? pick(VOCABULARY) : word])),
        weight: pick([undefined, 1, 0.5, 2, 0.05]),
      }));
      expect(rover(inputs), JSON.stringify(inputs)).toEqual(formerRover(inputs));
    }
  });
});
