import { coincidences, COINCIDENCE_WIDTH } from './binary-alpha';
import type { ComparisonDetails, Measure } from './measure';
import { addComparison, emptyContribution, type Contribution } from './pool';
import type { AgreementFigure, AnnotationForAgreement, SampleDisagreement } from './types';

/** The aggregates a comparison can count towards. */
export type Dimension = 'overall' | 'pair' | 'labeler' | 'tag' | 'version' | 'week' | 'class' | 'versionClass' | 'versionTag';
export const DIMENSIONS: readonly Dimension[] = ['overall', 'pair', 'labeler', 'tag', 'version', 'week', 'class', 'versionClass', 'versionTag'];

/**
 * Everything one sample adds to a project's agreement, kept so that the sample can be taken back
 * exactly when one of its labelers submits again.
 */
export interface SampleEntry {
  sampleId: number;
  /** By dimension, then by key within it ('' for overall, `a:b` for a pair, the id or name else). */
  contributions: Map<Dimension, Map<string, Contribution>>;
  /** The sample's row without its figure: a ledger makes that from the packed overall counts when it shows the row. */
  row: Omit<SampleDisagreement, 'figure'>;
  /** Coincidences of the sample's "nothing here" judgements (noObjects / noSpeech). */
  emptyFlag: Float64Array;
  /** Coincidences if nobody had given any tag: every tag starts from this. */
  untagged: Float64Array;
  /** Per tag some labeler gave: its coincidences minus {@link untagged}. */
  tagged: Map<string, Float64Array>;
}

const DAY_MS = 86_400_000;

/**
 * Compares every unordered pair of `annotations` (each labeler's current answer, by labeler id,
 * at least two) and sums the counts into the aggregates each comparison belongs to. Per guideline
 * version, the pairs compared are those of `byVersion` (each labeler's latest answer under that
 * version), so a sample relabeled under v2 still counts for v1 with its v1 answers.
 */
export function measureSample<P, F extends AgreementFigure>(
  sampleId: number,
  annotations: readonly AnnotationForAgreement[],
  byVersion: ReadonlyMap<number, readonly AnnotationForAgreement[]>,
  measure: Measure<P, F>,
): SampleEntry {
  const contributions = new Map<Dimension, Map<string, Contribution>>(DIMENSIONS.map((dimension) => [dimension, new Map()]));
  const add = (dimension: Dimension, key: string, counts: Float64Array, confusion: ReadonlyMap<number, number> | null): void => {
    const byKey = contributions.get(dimension)!;
    let contribution = byKey.get(key);
    if (!contribution) byKey.set(key, (contribution = emptyContribution(counts.length)));
    addComparison(contribution, counts, confusion);
  };

  const sampleTags = [...new Set(annotations.flatMap((annotation) => annotation.sampleTags))];
  const preparedOf = new Map<AnnotationForAgreement, P>();
  const prepare = (annotation: AnnotationForAgreement): P => {
    let prepared = preparedOf.get(annotation);
    if (prepared === undefined) preparedOf.set(annotation, (prepared = measure.prepare(annotation.payload)));
    return prepared;
  };
  const compared = new Map<string, { counts: Float64Array; details: ComparisonDetails }>();
  const compare = (a: AnnotationForAgreement, b: AnnotationForAgreement) => {
    // The same two answers are compared once, whether as current answers or within a version.
    const key = `${a.labelerId}/${a.guidelineVersion}/${a.submittedAt}:${b.labelerId}/${b.guidelineVersion}/${b.submittedAt}`;
    let result = compared.get(key);
    if (!result) {
      result = { counts: new Float64Array(measure.width), details: { classes: new Map(), confusion: new Map() } };
      measure.compare(prepare(a), prepare(b), result.counts, 0, result.details);
      compared.set(key, result);
    }
    return result;
  };
  let scoreSum = 0;
  let comparisons = 0;
  const pairScores: SampleDisagreement['pairScores'] = [];
  for (let i = 0; i < annotations.length; i++) {
    for (let j = i + 1; j < annotations.length; j++) {
      const a = annotations[i]!;
      const b = annotations[j]!;
      const { counts, details } = compare(a, b);
      add('overall', '', counts, details.confusion);
      add('pair', `${a.labelerId}:${b.labelerId}`, counts, details.confusion);
      add('labeler', String(a.labelerId), counts, details.confusion);
      add('labeler', String(b.labelerId), counts, details.confusion);
      for (const tag of sampleTags) add('tag', tag, counts, details.confusion);
      add('week', String(weekOf(Math.max(a.submittedAt, b.submittedAt))), counts, details.confusion);
      for (const [classId, classCounts] of details.classes) add('class', String(classId), classCounts, null);
      const score = measure.score(counts, 0);
      pairScores.push({ labelerA: a.labelerId, labelerB: b.labelerId, score });
      scoreSum += score;
      comparisons++;
    }
  }

  for (const [version, members] of byVersion) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const { counts, details } = compare(members[i]!, members[j]!);
        add('version', String(version), counts, details.confusion);
        for (const tag of sampleTags) add('versionTag', `${version}:${tag}`, counts, details.confusion);
        for (const [classId, classCounts] of details.classes) add('versionClass', `${version}:${classId}`, classCounts, null);
      }
    }
  }

  const overall = contributions.get('overall')!.get('')!;
  const row: SampleEntry['row'] = {
    sampleId,
    score: measure.sampleScore === 'pooled' ? measure.score(overall.counts, 0) : scoreSum / comparisons,
    labelerIds: annotations.map((annotation) => annotation.labelerId),
    pairScores,
  };
  return { sampleId, contributions, row, emptyFlag: coincidences(annotations.map(isEmpty)), ...tagCoincidences(annotations) };
}

/** The Monday (UTC) of the week of `ms`, in days since the epoch (1970-01-01 was a Thursday). */
export function weekOf(ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  return day - ((((day + 3) % 7) + 7) % 7);
}

/** `YYYY-MM-DD` of a {@link weekOf} day number. */
export function weekLabel(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function tagCoincidences(annotations: readonly AnnotationForAgreement[]): Pick<SampleEntry, 'untagged' | 'tagged'> {
  const untagged = coincidences(annotations.map(() => false));
  const tagged = new Map<string, Float64Array>();
  for (const tag of new Set(annotations.flatMap((annotation) => annotation.payload.tags))) {
    const given = coincidences(annotations.map((annotation) => annotation.payload.tags.includes(tag)));
    for (let k = 0; k < COINCIDENCE_WIDTH; k++) given[k]! -= untagged[k]!;
    tagged.set(tag, given);
  }
  return { untagged, tagged };
}

function isEmpty(annotation: AnnotationForAgreement): boolean {
  return annotation.payload.kind === 'bbox' ? annotation.payload.noObjects : annotation.payload.noSpeech;
}
