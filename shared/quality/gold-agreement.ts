import type { AnnotationPayload } from '../annotation/payload';
import { projectAgreement } from '../agreement/project-agreement';
import type { AgreementFigure, AgreementOptions, AnnotationForAgreement, ClassAgreement, GroupAgreement, Interval } from '../agreement/types';

/**
 * Each labeler's agreement with gold labels, in the same terms as agreement between labelers:
 * every answer to a check is compared with the gold label by {@link projectAgreement}, the gold
 * label standing in as a labeler of its own ({@link GOLD_LABELER_ID}, the lowest id, so it is the
 * reference: a box of gold the labeler missed is a false negative).
 */

/** The id the gold label takes in the comparisons: below every real labeler's. */
export const GOLD_LABELER_ID = 0;

/** A gold check: the sample's current decision and the versions it may judge answers made under. */
export interface GoldLabel {
  sampleId: number;
  /** The guideline version the decision was made under. */
  decidedUnder: number;
  /** The guideline rule (`#anchor`) the decision cites, or null. */
  rule: string | null;
  /** Versions whose answers it judges (see `checkValidity`). */
  versions: readonly number[];
  payload: AnnotationPayload;
}

/** One answer set against its gold label. */
export interface GoldPair {
  sampleId: number;
  labelerId: number;
  rule: string | null;
  /** The answer, as agreement reads it. */
  answer: AnnotationForAgreement;
  /** The gold label as if a labeler had given it beside the answer (same sample, version and tags). */
  gold: AnnotationForAgreement;
}

/**
 * Pairs each labeler's answer to each check with its gold label: the labeler's latest submitted
 * answer made under a version the check may judge. Answers under other versions, and samples
 * that are not checks, are left out.
 * @example goldPairs([gold], answersOfAna) // [{ sampleId, labelerId: ana, rule: '#tight', answer, gold }]
 */
export function goldPairs(golds: readonly GoldLabel[], answers: readonly AnnotationForAgreement[]): GoldPair[] {
  const bySample = new Map(golds.map((gold) => [gold.sampleId, gold]));
  const latest = new Map<string, AnnotationForAgreement>();
  for (const answer of answers) {
    const gold = bySample.get(answer.sampleId);
    if (!gold || !gold.versions.includes(answer.guidelineVersion)) continue;
    const key = `${answer.labelerId}:${answer.sampleId}`;
    const earlier = latest.get(key);
    if (!earlier || answer.submittedAt >= earlier.submittedAt) latest.set(key, answer);
  }
  return [...latest.values()]
    .sort((a, b) => a.labelerId - b.labelerId || a.sampleId - b.sampleId)
    .map((answer) => {
      const gold = bySample.get(answer.sampleId)!;
      return {
        sampleId: answer.sampleId,
        labelerId: answer.labelerId,
        rule: gold.rule,
        answer,
        gold: { ...answer, labelerId: GOLD_LABELER_ID, payload: gold.payload },
      };
    });
}

/** A figure with its bootstrap interval over checks. */
export interface FigureWithInterval {
  figure: AgreementFigure;
  interval: Interval | null;
}

/** One labeler against gold. */
export interface LabelerGoldAgreement {
  labelerId: number;
  /** Over every check they answered. */
  overall: FigureWithInterval;
  /** Boxes only: per class, matched within the class. */
  perClass: ClassAgreement[];
  /** Per slice tag of the checks' samples. */
  perTag: GroupAgreement<string>[];
  /** Per guideline version the answers were made under. */
  perVersion: GroupAgreement<number>[];
  /** Per guideline rule the decisions cite (null: no rule cited), so an SME sees which rule a person misreads. */
  perRule: (FigureWithInterval & { rule: string | null })[];
  /** Each check's agreement in [0, 1] (1 − the sample's disagreement score) and when it was answered, worst first. */
  perCheck: { sampleId: number; score: number; at: number; rule: string | null }[];
}

/**
 * Agreement with gold of one labeler's pairs (all from {@link goldPairs}, of that labeler).
 * @example labelerGoldAgreement('bbox', goldPairs(golds, answers).filter((p) => p.labelerId === ana)).overall.figure.value // F1 against gold
 */
export function labelerGoldAgreement(kind: 'bbox' | 'transcript', pairs: readonly GoldPair[], options: AgreementOptions = {}): LabelerGoldAgreement {
  const labelerIds = new Set(pairs.map((pair) => pair.labelerId));
  if (labelerIds.size !== 1) throw new Error(`expected one labeler's pairs, got ${labelerIds.size} labelers`);
  const agreement = agreementOf(kind, pairs, options);
  const byRule = new Map<string | null, GoldPair[]>();
  for (const pair of pairs) byRule.set(pair.rule, [...(byRule.get(pair.rule) ?? []), pair]);
  const pairOf = new Map(pairs.map((pair) => [pair.sampleId, pair]));
  return {
    labelerId: pairs[0]!.labelerId,
    overall: { figure: agreement.overall, interval: agreement.overall.interval },
    perClass: agreement.perClass,
    perTag: agreement.perTag,
    perVersion: agreement.perGuidelineVersion,
    perRule: [...byRule]
      .sort(([a], [b]) => (a ?? '\uffff').localeCompare(b ?? '\uffff'))
      .map(([rule, group]) => {
        const overall = agreementOf(kind, group, options).overall;
        return { rule, figure: overall, interval: overall.interval };
      }),
    perCheck: agreement.perSample
      .map((sample) => ({
        sampleId: sample.sampleId,
        score: 1 - sample.score,
        at: pairOf.get(sample.sampleId)!.answer.submittedAt,
        rule: pairOf.get(sample.sampleId)!.rule,
      }))
      .sort((a, b) => a.score - b.score || a.sampleId - b.sampleId),
  };
}

/**
 * Every labeler's agreement with gold, by labeler id.
 * @example goldAgreement('transcript', golds, answers).map((l) => l.overall.figure.value) // 1 − WER against gold, per labeler
 */
export function goldAgreement(
  kind: 'bbox' | 'transcript',
  golds: readonly GoldLabel[],
  answers: readonly AnnotationForAgreement[],
  options: AgreementOptions = {},
): LabelerGoldAgreement[] {
  const byLabeler = new Map<number, GoldPair[]>();
  for (const pair of goldPairs(golds, answers)) byLabeler.set(pair.labelerId, [...(byLabeler.get(pair.labelerId) ?? []), pair]);
  return [...byLabeler.values()].map((pairs) => labelerGoldAgreement(kind, pairs, options));
}

function agreementOf(kind: 'bbox' | 'transcript', pairs: readonly GoldPair[], options: AgreementOptions) {
  const annotations = pairs.flatMap((pair) => [pair.gold, pair.answer]);
  return kind === 'bbox' ? projectAgreement(annotations, 'bbox', options) : projectAgreement(annotations, 'transcript', options);
}
