import type { AnnotationPayload } from '../annotation/payload';
import type { Disagreement } from '../disagreement/types';
import type { LabelerGoldAgreement } from '../quality/gold-agreement';

/** How a project uses its gold checks. */
export interface GoldCheckSettings {
  /** The share of each labeler's queue that is checks, in [0, 0.5]; 0 serves none. */
  rate: number;
  /** After submitting a check, the labeler sees the gold label and the rule behind it. */
  feedback: boolean;
  /** Labelers qualify on the qualification set before real work; null when not asked. */
  qualification: { threshold: number; requalifyOnNewVersion: boolean } | null;
}

/** A sample marked as a gold check, as an SME sees it. */
export interface GoldCheckView {
  sampleId: number;
  displayName: string;
  /** Also in the qualification set. */
  qualification: boolean;
  /** The guideline version its decision was made under, and the rule it cites. */
  decidedUnder: number;
  rule: string | null;
  /** Retired once a later version changed the cited rule: it awaits a new decision and is served to nobody. */
  retiredIn: number | null;
}

export interface GoldChecks {
  settings: GoldCheckSettings;
  checks: GoldCheckView[];
}

export type QualificationState = 'not-required' | 'in-progress' | 'passed' | 'failed';

/** Where a labeler stands with the qualification set. */
export interface Qualification {
  labelerId: number;
  state: QualificationState;
  /** The latest attempt (none before the labeler first opens their queue). */
  attempt: {
    guidelineVersion: number;
    sampleIds: number[];
    startedAt: string;
    finishedAt: string | null;
    /** Agreement with gold over the set; null until finished. */
    score: number | null;
    /** Each check's agreement, worst first (what was missed), once finished. */
    checks: { sampleId: number; score: number }[];
  } | null;
}

/** Each labeler's agreement with gold, with their qualification. */
export interface GoldQualityReport {
  kind: 'bbox' | 'transcript';
  labelers: (LabelerGoldAgreement & { name: string })[];
  qualification: Qualification[];
  /** Checks that judge answers now, and those retired awaiting a new decision. */
  liveChecks: number;
  retiredChecks: number;
}

/** What a labeler is shown after submitting a check, when the SME enabled it: a lesson, not a score. */
export interface CheckFeedback {
  sampleId: number;
  gold: AnnotationPayload;
  mine: AnnotationPayload;
  /** The guideline version the gold label was decided under. */
  guidelineVersion: number;
  /** The section the decision cites, as Markdown; null when it cites none. */
  rule: { anchor: string; title: string; markdown: string } | null;
  /** What differs, named in the disagreement taxonomy (gold is side A). */
  differences: Disagreement[];
}
