import type { Box } from '../annotation/payload';
import type { DisagreementType } from '../disagreement/types';
import type { DiffPart } from '../guideline/word-diff';

/** What an example shows, frozen when it was attached: later relabeling does not change it. */
export type ExampleEvidence =
  | {
      kind: 'bbox';
      /** The whole image's size, in pixels. */
      image: { width: number; height: number };
      /** The part of the image shown, in image pixels. */
      crop: { x1: number; y1: number; x2: number; y2: number };
      /** Each labeler's boxes (or the gold label's) inside the crop. */
      labels: { who: string; boxes: Box[] }[];
    }
  | {
      kind: 'transcript';
      /** The stretch of audio played. */
      span: { startMs: number; endMs: number };
      /** The competing transcripts. */
      labels: { who: string; text: string }[];
    };

/** A real case attached to a guideline section as a "do" or a "don't". */
export interface GuidelineExample {
  id: number;
  /** The section's anchor; '' for a case attached from review and not yet placed. */
  section: string;
  polarity: 'do' | 'dont';
  sampleId: number;
  sampleName: string;
  /** For the media URL. */
  sha256: string;
  caption: string;
  evidence: ExampleEvidence;
}

export interface GuidelineVersionSummary {
  version: number;
  changelog: string;
  publishedAt: string;
}

/** A published, immutable guideline version with its examples. */
export interface PublishedGuideline extends GuidelineVersionSummary {
  bodyMd: string;
  examples: GuidelineExample[];
}

/** The one editable draft of the next version. */
export interface GuidelineDraft {
  bodyMd: string;
  /** Increases with every save; an edit based on an older one is refused. */
  revision: number;
  /** The published version this draft started from. */
  baseVersion: number;
  /** The disagreement types this revision is meant to resolve (chosen in review). */
  addresses: DisagreementType[];
  examples: GuidelineExample[];
  updatedAt: string;
}

/** Shown to a labeler before they go on after the guideline changed. */
export interface GuidelineNotice {
  fromVersion: number;
  toVersion: number;
  /** Changelog entries of the versions in between, newest last. */
  changelog: GuidelineVersionSummary[];
  diff: DiffPart[];
}
