import { diffWords } from 'diff';

/** A run of the diff: text both versions have, or that one added or removed. */
export interface DiffPart {
  op: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * The word-level difference between two versions of a guideline (jsdiff's word diff, which
 * keeps whitespace with the words), with neighbouring runs of the same kind merged.
 * @example wordDiff('say um', 'leave out um') // [{ op: 'removed', text: 'say' }, { op: 'added', text: 'leave out' }, { op: 'same', text: ' um' }]
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const change of diffWords(before, after)) {
    const op = change.added ? 'added' : change.removed ? 'removed' : 'same';
    const last = parts.at(-1);
    if (last && last.op === op) last.text += change.value;
    else parts.push({ op, text: change.value });
  }
  return parts;
}
