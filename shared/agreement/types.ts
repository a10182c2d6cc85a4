import type { AnnotationPayload } from '../annotation/payload';
import type { TextNormalisation } from '../metrics/error-rate';
import type { BootstrapOptions, Interval } from '../metrics/poisson-bootstrap';

export type { BootstrapOptions, Interval };

/**
 * Inputs and outputs of {@link projectAgreement}. Every figure compares labelers in unordered
 * pairs on a sample both labeled ("one comparison"), pools the counts of its comparisons, and
 * only then divides, so a sample with many boxes or words weighs more than one with few.
 */

/**
 * One submitted annotation (the caller filters out drafts and skips). A labeler may have one
 * per guideline version of a sample: the latest is their current answer.
 */
export interface AnnotationForAgreement {
  sampleId: number;
  labelerId: number;
  guidelineVersion: number;
  /** Milliseconds since the epoch; when a labeler submitted a sample twice, the later one counts. */
  submittedAt: number;
  /** Slice tags from import, for {@link ProjectAgreement.perTag}. */
  sampleTags: readonly string[];
  payload: AnnotationPayload;
}

export interface AgreementOptions {
  /** Least IoU for two boxes to match (inclusive); default 0.5. */
  iouThreshold?: number;
  /** Normalisation of the `raw` transcript figures; default none. */
  normalize?: readonly TextNormalisation[];
  /** Intervals on the headline, per-tag and per-version figures; `false` skips them. Default 200 resamples, seed 1, level 0.95. */
  bootstrap?: BootstrapOptions | false;
}

/** What every figure carries besides its values. */
interface FigureBase {
  /** The headline value: pooled F1 (bbox) or 1 − raw WER (transcript); `null` when nothing to compare. */
  value: number | null;
  /** Labeler-pair comparisons pooled (one per unordered pair per sample). */
  comparisons: number;
  /** Distinct samples those comparisons come from. */
  samples: number;
}

/**
 * Box agreement pooled over comparisons. Boxes of a pair are matched one to one by IoU
 * (`matchBoxes`, Hungarian, class ignored), the lower labeler id as reference.
 */
export interface BoxFigure extends FigureBase {
  kind: 'bbox';
  /** Matched pairs. */
  tp: number;
  /** Boxes of the higher labeler id left unmatched. */
  fp: number;
  /** Boxes of the lower labeler id left unmatched. */
  fn: number;
  /** 2Σtp / (2Σtp + Σfp + Σfn) (= `value`); `null` when no comparison has any box. */
  f1: number | null;
  /** Mean IoU over all matched pairs; `null` when nothing matched. */
  meanIoU: number | null;
  /** Share of matched pairs whose two boxes have the same `classId`; `null` when nothing matched. */
  classAgreement: number | null;
  /**
   * Cohen's kappa (unweighted) on the classes of matched pairs: `classAgreement` corrected for
   * chance, so a project where nearly every box is one class cannot look good by default.
   * `null` when nothing matched or only one class was used; always `null` per class.
   */
  classKappa: number | null;
  /**
   * Gwet's AC1 on the same classes, q being the classes seen in these matched pairs (irrCAC's
   * default; project classes nobody matched do not count): chance agreement that
   * does not grow with a dominant class, so it stays high when labelers agree on skewed data.
   * `null` when nothing matched or only one class was seen; always `null` per class.
   */
  classAC1: number | null;
  /** Brennan–Prediger's free-marginal kappa on the same classes (every seen class equally likely by chance). */
  classBrennanPrediger: number | null;
  /** Share of the matched boxes' labels (two per pair) in the commonest class; `null` when nothing matched. */
  commonestClassShare: number | null;
}

/** Bootstrap intervals of the class coefficients of matched boxes, over samples. */
export interface ClassIntervals {
  kappa: Interval | null;
  ac1: Interval | null;
  brennanPrediger: Interval | null;
}

/**
 * Error rates of one text variant. Peers have no reference, so each comparison is scored both
 * ways (each labeler in turn the reference) and pooled: WER = Σ 2·edits / Σ (words_a + words_b),
 * which is the ordinary WER when both texts have the same length. CER likewise over code points.
 */
export interface TextRates {
  /** `null` when no comparison has any word. Can exceed 1 when one side is much longer. */
  wer: number | null;
  cer: number | null;
  /** max(0, 1 − wer); `null` with `wer`. */
  agreement: number | null;
}

/** Transcript agreement pooled over comparisons. Text = segments by start time, joined by spaces; '' for noSpeech. */
export interface TranscriptFigure extends FigureBase {
  kind: 'transcript';
  /** With `options.normalize` only (default: text as typed). `value` = `raw.agreement`. */
  raw: TextRates;
  /** After nfc, case, punctuation, fillers and whitespace: what is left once formatting is ignored. */
  normalized: TextRates;
  /**
   * Segment boundary difference in ms: the mean distance from each segment start or end of one
   * labeler to the nearest start or end of the other, both ways, over comparisons where both
   * split the clip into segments; `null` when no comparison did.
   */
  boundaryMs: number | null;
}

export type AgreementFigure = BoxFigure | TranscriptFigure;

/** A sample labeled by two or more labelers. */
export interface SampleDisagreement {
  sampleId: number;
  /**
   * In [0, 1], higher = labelers disagree more. bbox: 1 − 2ΣIoU / (2Σtp + Σfp + Σfn) over the
   * sample's pairs, i.e. 1 − F1 × meanIoU ("IoU-weighted F1"): a missing box, one box against
   * many and a loose box all score above near-identical boxes; 0 when nobody drew a box.
   * transcript: mean over the sample's pairs of min(1, 2·edits / (words_a + words_b)), raw text; 0 for two empty texts.
   */
  score: number;
  labelerIds: number[];
  /** Each pair's own score on this sample (same definition as `score`), by (labelerA, labelerB). */
  pairScores: { labelerA: number; labelerB: number; score: number }[];
  figure: AgreementFigure;
}

export interface PairAgreement {
  /** The lower labeler id. */
  labelerA: number;
  labelerB: number;
  /** `figure.samples` = `figure.comparisons` = samples both labeled. */
  figure: AgreementFigure;
}

export interface LabelerAgreement {
  labelerId: number;
  /** This labeler against every other, pooled over all their comparisons: their estimate of human-level agreement. */
  figure: AgreementFigure;
  /** `figure.value` − `overall.value`: negative = this labeler drifts from the rest. `null` when either is. */
  difference: number | null;
}

export interface ClassAgreement {
  classId: number;
  /** Boxes of this class only, matched within the class per comparison; pooled. */
  tp: number;
  fp: number;
  fn: number;
  f1: number | null;
  meanIoU: number | null;
}

export interface GroupAgreement<K> {
  key: K;
  figure: AgreementFigure;
  /** Bootstrap interval of `figure.value` over the group's samples (per tag and version only; else `null`). */
  interval: Interval | null;
}

/** Krippendorff's alpha (nominal) on a binary judgement, per sample with ≥ 2 labelers. */
export interface BinaryAlpha {
  /** `null` when undefined: no sample with two judgements, or every judgement the same. */
  alpha: number | null;
  /** Samples with two or more judgements. */
  units: number;
  /** Judgements that said yes (tag given, flag set). */
  positives: number;
}

/**
 * A guideline version against the one before it, like with like: on the samples answered
 * under both (by at least two labelers each time), so a revision that re-queued the hardest
 * samples is judged on those samples, not against a figure that rests on other ones.
 */
export interface VersionComparison<F extends AgreementFigure = AgreementFigure> {
  /** The earlier version. */
  from: number;
  to: number;
  /** Samples with comparisons under both versions. */
  samples: number;
  /** `from`'s figure on those samples only. */
  before: F;
  /** `to`'s figure on the same samples. */
  after: F;
  /** `after.value − before.value`; `null` when either is. */
  difference: number | null;
  /** Paired bootstrap interval of `difference` over those samples; `null` when skipped or undefined. */
  interval: Interval | null;
}

export interface ProjectAgreement<F extends AgreementFigure = AgreementFigure> {
  kind: F['kind'];
  /**
   * Over every comparison; `interval` is the bootstrap interval of `value` over samples (`null`
   * when skipped or undefined), `classIntervals` those of the class coefficients (boxes only, else `null`).
   */
  overall: F & { interval: Interval | null; classIntervals: ClassIntervals | null };
  /** Samples with ≥ 2 labelers, most disagreement first (ties by sample id). */
  perSample: (SampleDisagreement & { figure: F })[];
  /** Labeler pairs with a shared sample, by (labelerA, labelerB). */
  perPair: (PairAgreement & { figure: F })[];
  /** By labeler id. */
  perLabeler: (LabelerAgreement & { figure: F })[];
  /** bbox only (empty for transcripts), by class id. */
  perClass: ClassAgreement[];
  /** Per slice tag: comparisons on samples with that tag, by tag. */
  perTag: (GroupAgreement<string> & { figure: F })[];
  /**
   * Per guideline version: each labeler's latest answer made under that version, compared with
   * the others' under the same version (so a sample relabeled under v2 counts for v1 with its
   * v1 answers and for v2 with its v2 answers), by version.
   */
  perGuidelineVersion: (GroupAgreement<number> & { figure: F })[];
  /** Each version against the one before it on the samples answered under both, by version. */
  versionComparisons: VersionComparison<F>[];
  /** The same by version and class (boxes; figures within the class), by version then class id. */
  perVersionAndClass: { version: number; classId: number; figure: F }[];
  /** The same by version and slice tag, by version then tag. */
  perVersionAndTag: { version: number; tag: string; figure: F }[];
  /**
   * Over time: comparisons by the UTC week (its Monday, `YYYY-MM-DD`) in which the later of the
   * two annotations was submitted, i.e. when the comparison became possible. By week.
   */
  perWeek: (GroupAgreement<string> & { figure: F })[];
  /** Per name in the labelers' own `payload.tags`: given (1) or not (0), by tag name. */
  tagKappa: (BinaryAlpha & { tag: string })[];
  /** Agreement on `noObjects` (bbox) or `noSpeech` (transcript). */
  emptyFlag: BinaryAlpha & { flag: 'noObjects' | 'noSpeech' };
}

/**
 * What the Agreement dashboard shows: the project's figures without a row per sample (100,000
 * rows would be most of the answer), with how the samples' scores spread and the samples most
 * worth a look, overall and per pair of labelers.
 */
export interface AgreementDashboard<F extends AgreementFigure = AgreementFigure> extends Omit<ProjectAgreement<F>, 'perSample'> {
  /** Samples with ≥ 2 labelers. */
  samplesCompared: number;
  /** Compared samples by disagreement score, in ten bins of 0.1 (a score of 1 in the last). */
  scoreHistogram: number[];
  /** The compared samples with the most disagreement (at most 100), most first, ties by sample id. */
  worstSamples: (SampleDisagreement & { figure: F })[];
  /** Per pair of labelers in `perPair`: the samples both answered, and the (at most 100) where the two disagree most, most first. */
  pairSamples: { labelerA: number; labelerB: number; samples: number; worst: { sampleId: number; score: number }[] }[];
}
