/**
 * Why two labelers disagree on a sample, so an SME can see which rule is ambiguous. Each type is
 * documented with an example in {@link DISAGREEMENT_TYPES}.
 */

export type BoxDisagreementType = 'missing_object' | 'class_mismatch' | 'loose_box' | 'one_vs_many' | 'duplicate_box' | 'flag_mismatch';

export type TranscriptDisagreementType =
  'filler' | 'punctuation' | 'casing' | 'numerals' | 'spelling' | 'substitution' | 'missing_words' | 'boundary_shift' | 'segmentation' | 'flag_mismatch';

export type DisagreementType = BoxDisagreementType | TranscriptDisagreementType;

/** One disagreement between two labelers (the lower id is A) on one sample. */
export interface Disagreement {
  type: DisagreementType;
  labelerA: number;
  labelerB: number;
  /** Boxes involved, by id (boxes only). */
  boxesA: string[];
  boxesB: string[];
  /** What each side has here, as text: words for transcripts, class names or counts left to the UI for boxes. */
  textA: string;
  textB: string;
  /** Position in the word alignment of A and B (transcripts; −1 for boxes and segment types). */
  position: number;
  /** A short human explanation, e.g. "IoU 0.71" or "start 320 ms apart". */
  detail: string;
}

interface TypeInfo {
  label: string;
  kind: 'bbox' | 'transcript' | 'both';
  description: string;
  example: string;
}

/** Every type with what it means and an example: shown in the review queue and its filters. */
export const DISAGREEMENT_TYPES: Record<DisagreementType, TypeInfo> = {
  missing_object: {
    label: 'Missing object',
    kind: 'bbox',
    description: 'One labeler boxed an object the other did not.',
    example: 'Ana boxes five coins, Ben four: the fifth coin is missing for Ben.',
  },
  class_mismatch: {
    label: 'Class mismatch',
    kind: 'bbox',
    description: 'Both boxed the same object but gave it different classes.',
    example: 'The shuttle is "person" for one labeler and "vehicle" for the other.',
  },
  loose_box: {
    label: 'Loose or tight box',
    kind: 'bbox',
    description: 'Both boxed the same object, but the boxes overlap only partly (IoU under 0.85).',
    example: 'One box hugs the cup, the other leaves a margin around it: IoU 0.7.',
  },
  one_vs_many: {
    label: 'One box vs. many',
    kind: 'bbox',
    description: "One labeler's single box covers two or more of the other's: a group box against a box per object.",
    example: 'One box around a pile of three coins, against three coin boxes.',
  },
  duplicate_box: {
    label: 'Duplicate box',
    kind: 'bbox',
    description: 'One labeler boxed the same object twice.',
    example: 'Two nearly identical boxes on the same cat.',
  },
  flag_mismatch: {
    label: 'Flag mismatch',
    kind: 'both',
    description: 'One labeler said "nothing here" (no objects, no speech) or "unsure", the other did not.',
    example: 'Ana boxes the cat; Chen marks the image "no objects".',
  },
  filler: {
    label: 'Filler words',
    kind: 'transcript',
    description: 'One labeler wrote a hesitation (um, uh, erm …) the other left out.',
    example: '"um, today\'s weather" against "today\'s weather".',
  },
  punctuation: {
    label: 'Punctuation only',
    kind: 'transcript',
    description: 'The same word with different punctuation.',
    example: '"weather." against "weather".',
  },
  casing: {
    label: 'Casing only',
    kind: 'transcript',
    description: 'The same word in different case.',
    example: '"Today" against "today".',
  },
  numerals: {
    label: 'Numerals vs. words',
    kind: 'transcript',
    description: 'A number written in digits by one labeler and in words by the other.',
    example: '"10 minutes" against "ten minutes".',
  },
  spelling: {
    label: 'Spelling variant',
    kind: 'transcript',
    description: 'Nearly the same word, spelled differently.',
    example: '"colour" against "color".',
  },
  substitution: {
    label: 'Different word',
    kind: 'transcript',
    description: 'A different word in the same place.',
    example: '"turn on" against "turn off".',
  },
  missing_words: {
    label: 'Missing or extra words',
    kind: 'transcript',
    description: 'Words one labeler heard and the other did not.',
    example: '"set a timer for ten minutes" against "set a timer".',
  },
  boundary_shift: {
    label: 'Boundary shift',
    kind: 'transcript',
    description: 'The same segment starts or ends at a noticeably different time.',
    example: 'A segment starts at 1.20 s for one labeler and 1.55 s for the other.',
  },
  segmentation: {
    label: 'One segment vs. two',
    kind: 'transcript',
    description: "One labeler's segment spans two or more of the other's.",
    example: 'One segment for a whole sentence against a segment per clause.',
  },
};
