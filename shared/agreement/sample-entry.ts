import { coincidences, COINCIDENCE_WIDTH } from './binary-alpha';
import type { ComparisonDetails, Measure } from './measure';
import { NumberSlab } from './number-slab';
import { packEntry, type PackedEntry, type SlotTable } from './packed-entry';
import type { AgreementFigure, AnnotationForAgreement } from './types';

/** The aggregates a comparison can count towards. */
export type Dimension = 'overall' | 'pair' | 'labeler' | 'tag' | 'version' | 'week' | 'class' | 'versionClass' | 'versionTag';
export const DIMENSIONS: readonly Dimension[] = ['overall', 'pair', 'labeler', 'tag', 'version', 'week', 'class', 'versionClass', 'versionTag'];

/** What one sample adds to one aggregate, as {@link packEntry} writes it. */
export interface SlottedContribution {
  /** The aggregate, numbered by the ledger's slot table. */
  readonly slot: number;
  /** Where its `width` summed counts lie in the entry's `counts`. */
  readonly countsAt: number;
  readonly comparisons: number;
  /** Matched pairs by confusion key, as (key, count) after (key, count), in the order first met. */
  readonly confusion: readonly number[];
}

/**
 * Everything one sample adds to a project's agreement, before it is packed. Its arrays belong to
 * the {@link SampleMeasurer} that made it and are reused for its next sample: pack it at once.
 */
export interface SampleEntry {
  sampleId: number;
  /** The sample's disagreement score (`SampleDisagreement.score`). */
  score: number;
  /** The labelers compared, by labeler id. */
  labelerIds: readonly number[];
  /** When each of them last submitted the sample (their current answer's `submittedAt`), in the same order: what drift dates their points by. */
  submittedAt: readonly number[];
  /** Each pair compared as (labelerA, labelerB, score), pair after pair. */
  pairScores: readonly number[];
  /** Coincidences of the sample's "nothing here" judgements (noObjects / noSpeech). */
  emptyFlag: Float64Array;
  /** Coincidences if nobody had given any tag: every tag starts from this. */
  untagged: Float64Array;
  /** Per tag some labeler gave: its coincidences minus {@link untagged}; null when none did. */
  tagged: Map<string, Float64Array> | null;
  /** By dimension in {@link DIMENSIONS}' order, then in the order first made (the order sums are made in). */
  contributions: readonly SlottedContribution[];
  /** How many guideline versions the sample was compared under. */
  versions: number;
  /** The slot of the one version whose contributions are those of the current answers, left out (see `derivedVersionSlot`); null for none. */
  derivedVersionSlot: number | null;
  counts: Float64Array;
}

const DAY_MS = 86_400_000;
const NO_TAGS: readonly string[] = [];

/** One contribution while a sample is measured: its aggregate by dimension and key (a number, a number and a text, or two numbers). */
interface Building {
  dimension: number;
  first: number;
  second: number | string;
  countsAt: number;
  comparisons: number;
  confusion: number[];
  slot: number;
}

/** A comparison made while a sample is measured, by its two answers' labeler, version and submission time. */
interface Compared {
  a: AnnotationForAgreement;
  b: AnnotationForAgreement;
  readonly counts: Float64Array;
  readonly details: ComparisonDetails;
}

/**
 * Measures samples for one ledger: compares every unordered pair of a sample's answers and sums
 * the counts into the aggregates each comparison belongs to, then packs them. A large project's
 * first computation measures every sample, so what a sample needs is kept between samples (the
 * contributions, their counts, the aggregates' slot numbers by key) instead of made anew as maps
 * and texts for each: the same sums, added in the same order, packed the same way.
 */
export class SampleMeasurer<P, F extends AgreementFigure> {
  private readonly built: Building[] = [];
  private used = 0;
  /** Per dimension, the indices into {@link built} of this sample's contributions, in the order made. */
  private readonly byDimension: number[][] = DIMENSIONS.map(() => []);
  private counts = new Float64Array(64);
  /** Slot numbers by dimension, then first key, then second: found without a text per lookup. */
  private readonly slotOf: Array<Map<number, Map<number | string, number>>> = DIMENSIONS.map(() => new Map());
  /** The comparisons of the sample being measured, kept to be reused for the next (see {@link freshComparison}). */
  private readonly compared: Compared[] = [];
  /** Where the packed entries' numbers are kept: they live as long as the ledger. */
  private readonly slab = new NumberSlab();

  constructor(
    private readonly measure: Measure<P, F>,
    private readonly slots: SlotTable,
  ) {}

  /**
   * The packed entry of one sample's `annotations` (each labeler's current answer, by labeler id,
   * at least two). Per guideline version, the pairs compared are those of `byVersion` (each
   * labeler's latest answer under that version), so a sample relabeled under v2 still counts for
   * v1 with its v1 answers. The same two answers are compared once, as current answers or within a version.
   */
  measureSample(
    sampleId: number,
    annotations: readonly AnnotationForAgreement[],
    byVersion: ReadonlyMap<number, readonly AnnotationForAgreement[]>,
  ): PackedEntry {
    this.used = 0;
    for (const list of this.byDimension) list.length = 0;
    const { measure } = this;
    const sampleTags = tagsOf(annotations);
    const prepared = new Map<AnnotationForAgreement, P>();
    const prepare = (annotation: AnnotationForAgreement): P => {
      let done = prepared.get(annotation);
      if (done === undefined) prepared.set(annotation, (done = measure.prepare(annotation.payload)));
      return done;
    };
    let comparedCount = 0;
    const compare = (a: AnnotationForAgreement, b: AnnotationForAgreement): Compared => {
      for (let i = 0; i < comparedCount; i++) {
        const known = this.compared[i]!;
        if (sameAnswer(known.a, a) && sameAnswer(known.b, b)) return known;
      }
      const made = this.freshComparison(comparedCount++, a, b);
      measure.compare(prepare(a), prepare(b), made.counts, 0, made.details);
      return made;
    };

    let scoreSum = 0;
    const pairScores: number[] = [];
    for (let i = 0; i < annotations.length; i++) {
      for (let j = i + 1; j < annotations.length; j++) {
        const a = annotations[i]!;
        const b = annotations[j]!;
        const { counts, details } = compare(a, b);
        this.add(OVERALL, 0, '', counts, details.confusion);
        this.add(PAIR, a.labelerId, b.labelerId, counts, details.confusion);
        for (const tag of sampleTags) this.add(TAG, 0, tag, counts, details.confusion);
        this.add(WEEK, weekOf(Math.max(a.submittedAt, b.submittedAt)), '', counts, details.confusion);
        for (const [classId, classCounts] of details.classes) this.add(CLASS, classId, '', classCounts, null);
        const score = measure.score(counts, 0);
        pairScores.push(a.labelerId, b.labelerId, score);
        scoreSum += score;
      }
    }
    // One version, its answers the current ones: its contributions are those above, number for number (see `derivedVersionSlot`).
    const [onlyVersion, onlyMembers] = byVersion.size === 1 ? [...byVersion][0]! : [null, null];
    const derived = onlyMembers !== null && onlyMembers.length === annotations.length && onlyMembers.every((member, i) => member === annotations[i]);
    for (const [version, members] of derived ? [] : byVersion) {
      for (let i = 0; i < members.length; i++) {
        for (let j = i + 1; j < members.length; j++) {
          const { counts, details } = compare(members[i]!, members[j]!);
          this.add(VERSION, version, '', counts, details.confusion);
          for (const tag of sampleTags) this.add(VERSION_TAG, version, tag, counts, details.confusion);
          for (const [classId, classCounts] of details.classes) this.add(VERSION_CLASS, version, classId, classCounts, null);
        }
      }
    }

    const overall = this.built[this.byDimension[OVERALL]![0]!]!;
    const comparisons = pairScores.length / 3;
    const { untagged, tagged } = tagCoincidences(annotations);
    return packEntry(
      {
        sampleId,
        score: measure.sampleScore === 'pooled' ? measure.score(this.counts, overall.countsAt) : scoreSum / comparisons,
        labelerIds: annotations.map((annotation) => annotation.labelerId),
        submittedAt: annotations.map((annotation) => annotation.submittedAt),
        pairScores,
        emptyFlag: coincidences(annotations.map(isEmpty)),
        untagged,
        tagged,
        contributions: this.slotted(),
        versions: derived ? 1 : this.byDimension[VERSION]!.length,
        derivedVersionSlot: derived ? this.slotFor(VERSION, onlyVersion!, '') : null,
        counts: this.counts,
      },
      measure.width,
      this.slab,
    );
  }

  /** The `index`th comparison of this sample, empty: one made for an earlier sample where there is one (their counts and maps are read only while a sample is measured). */
  private freshComparison(index: number, a: AnnotationForAgreement, b: AnnotationForAgreement): Compared {
    const made = (this.compared[index] ??= { a, b, counts: new Float64Array(this.measure.width), details: { classes: new Map(), confusion: new Map() } });
    made.a = a;
    made.b = b;
    // A loop, not `fill`, and maps cleared only when something was put in them (never, for transcripts): both cost more than the new arrays and maps they replace.
    for (let k = 0; k < made.counts.length; k++) made.counts[k] = 0;
    if (made.details.classes.size > 0) made.details.classes.clear();
    if (made.details.confusion.size > 0) made.details.confusion.clear();
    return made;
  }

  /** Adds one comparison's counts (and confusion) to the sample's contribution to the aggregate of `dimension` and key (`first`, `second`). */
  private add(dimension: number, first: number, second: number | string, counts: Float64Array, confusion: ReadonlyMap<number, number> | null): void {
    const { width } = this.measure;
    const mine = this.byDimension[dimension]!;
    let found: Building | undefined;
    for (const index of mine) {
      const candidate = this.built[index]!;
      if (candidate.first === first && candidate.second === second) {
        found = candidate;
        break;
      }
    }
    if (found === undefined) {
      const countsAt = this.used * width;
      if (countsAt + width > this.counts.length) {
        const grown = new Float64Array(this.counts.length * 2);
        grown.set(this.counts);
        this.counts = grown;
      }
      this.counts.fill(0, countsAt, countsAt + width);
      // Reused from an earlier sample where there is one: no object made per contribution.
      found = this.built[this.used] ??= { dimension, first, second, countsAt, comparisons: 0, confusion: [], slot: -1 };
      found.dimension = dimension;
      found.first = first;
      found.second = second;
      found.countsAt = countsAt;
      found.comparisons = 0;
      found.confusion.length = 0;
      mine.push(this.used++);
    }
    for (let k = 0; k < width; k++) this.counts[found.countsAt + k]! += counts[k]!;
    found.comparisons++;
    if (confusion) for (const [key, count] of confusion) addPair(found.confusion, key, count);
  }

  /** The sample's contributions in packing order, each with its slot (numbered, when new, in that order). */
  private slotted(): SlottedContribution[] {
    const list: SlottedContribution[] = [];
    for (let dimension = 0; dimension < DIMENSIONS.length; dimension++) {
      for (const index of this.byDimension[dimension]!) {
        const building = this.built[index]!;
        building.slot = this.slotFor(dimension, building.first, building.second);
        list.push(building);
      }
    }
    return list;
  }

  private slotFor(dimension: number, first: number, second: number | string): number {
    const byFirst = this.slotOf[dimension]!;
    let bySecond = byFirst.get(first);
    if (!bySecond) byFirst.set(first, (bySecond = new Map()));
    let slot = bySecond.get(second);
    if (slot === undefined) bySecond.set(second, (slot = this.slots.id(DIMENSIONS[dimension]!, keyText(dimension, first, second))));
    return slot;
  }
}

const OVERALL = DIMENSIONS.indexOf('overall');
const PAIR = DIMENSIONS.indexOf('pair');
const TAG = DIMENSIONS.indexOf('tag');
const VERSION = DIMENSIONS.indexOf('version');
const WEEK = DIMENSIONS.indexOf('week');
const CLASS = DIMENSIONS.indexOf('class');
const VERSION_CLASS = DIMENSIONS.indexOf('versionClass');
const VERSION_TAG = DIMENSIONS.indexOf('versionTag');

/** A group's key as the slot table names it: '' overall, `a:b` for a pair, `version:class` or `version:tag`, the id or name else. */
function keyText(dimension: number, first: number, second: number | string): string {
  if (dimension === OVERALL) return '';
  if (dimension === TAG) return String(second);
  if (dimension === PAIR || dimension === VERSION_CLASS || dimension === VERSION_TAG) return `${first}:${second}`;
  return String(first);
}

/** Adds `count` to `key` in (key, count) pairs, a new key last. */
function addPair(pairs: number[], key: number, count: number): void {
  for (let at = 0; at < pairs.length; at += 2) {
    if (pairs[at] === key) {
      pairs[at + 1]! += count;
      return;
    }
  }
  pairs.push(key, count);
}

/** Whether two answers are the same one: the same labeler, guideline version and submission time. */
function sameAnswer(x: AnnotationForAgreement, y: AnnotationForAgreement): boolean {
  return x.labelerId === y.labelerId && x.guidelineVersion === y.guidelineVersion && x.submittedAt === y.submittedAt;
}

/** The sample's tags, each once, in the order first given. */
function tagsOf(annotations: readonly AnnotationForAgreement[]): readonly string[] {
  if (annotations.every((annotation) => annotation.sampleTags.length === 0)) return NO_TAGS;
  return [...new Set(annotations.flatMap((annotation) => annotation.sampleTags))];
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
  if (annotations.every((annotation) => annotation.payload.tags.length === 0)) return { untagged, tagged: null };
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
