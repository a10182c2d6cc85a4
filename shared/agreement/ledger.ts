import { binaryAlpha, COINCIDENCE_WIDTH } from './binary-alpha';
import { BoxMeasure } from './box-measure';
import { bySample, currentAnswers } from './current-answers';
import type { Measure } from './measure';
import { ClassConfusionTable, confusionClassIds } from './class-agreement';
import { GroupPools } from './group-pools';
import {
  emptyFlagOf,
  firstContribution,
  forEachContribution,
  labelerIdsOf,
  forEachPair,
  SlotTable,
  type SlotName,
  untaggedOf,
  type PackedEntry,
} from './packed-entry';
import type { EntryCounts, LedgerSums } from './ledger-sums';
import { EntryStore, type DeferredEntries } from './entry-store';
import { keptParts, restoreDeferred, restoreKept, type KeptParts, type LedgerInsides } from './ledger-keeping';
import type { Contribution, Pool } from './pool';
import { SampleMeasurer, weekLabel, type Dimension } from './sample-entry';
import { TranscriptMeasure } from './transcript-measure';
import { compareVersions } from './version-comparison';
import { updateWorstLists, worstLists, WORST_SAMPLES, type RankingSizes, type WorstLists } from './worst-samples';
import type {
  AgreementDashboard,
  AgreementFigure,
  AgreementOptions,
  AnnotationForAgreement,
  BinaryAlpha,
  ClassIntervals,
  GroupAgreement,
  Interval,
  ProjectAgreement,
  SampleDisagreement,
  VersionComparison,
} from './types';

/** Bins of the dashboard's score histogram, each 1/BINS wide. */
export const HISTOGRAM_BINS = 10;

/** Everything a snapshot says but its rows per sample: sums of the pools, kept until a sample changes. */
type Summary = Omit<ProjectAgreement, 'perSample'>;

/**
 * A project's agreement, kept current one sample at a time: every figure is a sum of per-sample
 * contributions ({@link SampleEntry}), so a labeler's new submission takes back the sample's old
 * contribution and adds the new one, without touching any other sample. `snapshot()` turns the
 * sums into {@link ProjectAgreement}; the full computation is a ledger filled sample by sample.
 * `dashboard()` answers without a row per sample, from results kept until a submission changes
 * them: the sums' figures and intervals (a few per group, from the kept bootstrap sums), the worst
 * samples (scanned again only when a listed sample changes or a new score would enter a list),
 * and the guideline versions' comparisons (again only when a sample with two versions changes).
 */
export class AgreementLedger {
  readonly kind: 'bbox' | 'transcript';
  private readonly measure: Measure<unknown, AgreementFigure>;
  private readonly entries = new EntryStore();
  private readonly slots = new SlotTable();
  private readonly measurer: SampleMeasurer<unknown, AgreementFigure>;
  private readonly pools: GroupPools;
  private readonly emptyFlag = new Float64Array(COINCIDENCE_WIDTH);
  private readonly untagged = new Float64Array(COINCIDENCE_WIDTH);
  private readonly tagged = new Map<string, { sums: Float64Array; samples: number }>();
  private readonly histogram = new Array<number>(HISTOGRAM_BINS).fill(0);
  private summary: Summary | null = null;
  /** The versions' comparisons and the versions they compare (joined). */
  private comparisons: { versions: string; result: VersionComparison[] } | null = null;
  private worst: WorstLists | null = null;
  /**
   * The last dashboard's rows of its worst samples, by entry: a sample's entry is replaced when it
   * changes, so a row kept for an entry still listed is current, and the dashboard after a
   * submission measures only the rows that changed.
   */
  private worstRows = new Map<PackedEntry, SampleDisagreement>();

  constructor(
    kind: 'bbox' | 'transcript',
    private readonly options: AgreementOptions = {},
  ) {
    this.kind = kind;
    this.measure = kind === 'bbox' ? new BoxMeasure(options.iouThreshold ?? 0.5) : new TranscriptMeasure(options.normalize ?? []);
    this.measurer = new SampleMeasurer(this.measure, this.slots);
    this.pools = new GroupPools(this.slots, this.measure.width, options.bootstrap, kind === 'bbox');
  }

  /** A ledger holding every sample of `annotations` (a project's submitted annotations). */
  static of(kind: 'bbox' | 'transcript', annotations: readonly AnnotationForAgreement[], options: AgreementOptions = {}): AgreementLedger {
    const ledger = new AgreementLedger(kind, options);
    for (const [sampleId, list] of bySample(annotations)) ledger.setSample(sampleId, list);
    return ledger;
  }

  /**
   * Replaces what sample `sampleId` contributes with the agreement of `annotations`, its submitted
   * annotations (when a labeler submitted more than once, the latest `submittedAt` counts; with
   * fewer than two labelers the sample counts nowhere, flags and tags included). Every annotation
   * must be of this ledger's kind and belong to the sample; on an error nothing changes.
   */
  setSample(sampleId: number, annotations: readonly AnnotationForAgreement[]): void {
    const latest = latestPerLabeler(sampleId, annotations, this.kind);
    this.put(sampleId, latest.length >= 2 ? this.measurer.measureSample(sampleId, latest, latestPerVersion(annotations)) : null);
  }

  /** How many numbers each contribution's counts take in a packed entry (see `packed-entry.ts`). */
  get width(): number {
    return this.measure.width;
  }

  /**
   * Every compared sample's packed entry, in the order they were set, with the names of the slots
   * their contributions refer to and a copy of the sums: what a ledger of the same kind and
   * options takes back through {@link restoreKept} in a later session. The entries are the
   * ledger's own (it replaces an entry, never changes one); iterate them before the next change.
   */
  kept(): KeptParts {
    return keptParts(this.insides());
  }

  /**
   * Fills this empty ledger with what {@link kept} gave in an earlier session (`entries` in the
   * order they were kept, their slot numbers named by `slots`): the entries and the sums as they
   * were, without adding each sample again. Samples changed since are then set as a submission
   * sets them. Throws, leaving the ledger to be dropped, when the parts do not fit together (see
   * `sumsProblem`) or were kept with other options (a bootstrap of another size).
   */
  restoreKept(slots: readonly SlotName[], entries: readonly PackedEntry[], sums: LedgerSums): void {
    restoreKept(this.insides(), slots, entries, sums);
  }

  /**
   * As {@link restoreKept}, without reading the entries yet: the sums and the worst lists answer
   * the dashboard at once, and `deferred` gives the entries block by block when a sample is set,
   * when every entry is needed, or through {@link readDeferred} before it is written again. `counts` are the
   * entries' counts as the file keeps them, checked against the sums now and against the entries as
   * their blocks are read (as are the worst lists): reading a block that does not fit throws.
   */
  restoreDeferred(slots: readonly SlotName[], sums: LedgerSums, counts: EntryCounts, worst: WorstLists, deferred: DeferredEntries): void {
    restoreDeferred(this.insides(), slots, sums, counts, worst, deferred);
  }

  /** Reads the next block of entries a restored ledger deferred (see {@link restoreDeferred}); false once all are read. */
  readDeferred(): boolean {
    return this.entries.readNext();
  }

  /** Lets go of what a restored ledger has not read yet (its file): the ledger is dropped. */
  close(): void {
    this.entries.close();
  }

  /** What keeping and restoring reach inside the ledger (see `ledger-keeping.ts`). */
  private insides(): LedgerInsides {
    return {
      width: this.measure.width,
      bins: HISTOGRAM_BINS,
      slots: this.slots,
      entries: this.entries,
      pools: this.pools.byDimension,
      resamplesOf: (dimension, key, make) => this.pools.resamplesOf(dimension, key, make),
      resampled: (dimension) => this.pools.resampled(dimension),
      classBootstrap: this.pools.classBootstrap,
      histogram: this.histogram,
      emptyFlag: this.emptyFlag,
      untagged: this.untagged,
      tagged: this.tagged,
      keepWorst: (worst) => {
        this.worst = worst;
      },
    };
  }

  private put(sampleId: number, entry: PackedEntry | null): void {
    const previous = this.entries.get(sampleId);
    if (!previous && !entry) return;
    this.summary = null;
    if ((previous?.versions ?? 0) >= 2 || (entry?.versions ?? 0) >= 2) this.comparisons = null;
    // The lists rank every compared sample, or those of one pair (its pool's samples), as they were before this change.
    const sizes: RankingSizes = { overall: this.entries.size, pair: (key) => this.pools.get('pair', key)?.samples ?? 0 };
    if (this.worst && !updateWorstLists(this.worst, previous, entry, sizes)) this.worst = null;
    if (previous) this.apply(previous, -1);
    if (entry) this.apply(entry, 1);
    if (entry) this.entries.set(sampleId, entry);
    else this.entries.delete(sampleId);
  }

  /**
   * The disagreement score one sample's `annotations` would have in a ledger of these options
   * (null with fewer than two labelers), without a ledger to keep: the review queue's severity.
   *
   * @example
   * AgreementLedger.scoreOfSample('bbox', 7, annotationsOf7, { iouThreshold: 0.5 }); // 0.4
   */
  static scoreOfSample(
    kind: 'bbox' | 'transcript',
    sampleId: number,
    annotations: readonly AnnotationForAgreement[],
    options: AgreementOptions = {},
  ): number | null {
    const ledger = new AgreementLedger(kind, { ...options, bootstrap: false });
    ledger.setSample(sampleId, annotations);
    return ledger.scoreOf(sampleId);
  }

  /** Sample `sampleId`'s disagreement score (0 none … 1 total), or null when fewer than two labelers answered it. */
  scoreOf(sampleId: number): number | null {
    return this.entries.get(sampleId)?.score ?? null;
  }

  /** How many samples are compared (two labelers or more). */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Every compared sample's disagreement score, packed as sample id then score, pair after pair:
   * one flat array crosses a worker boundary far faster than 100,000 objects.
   *
   * @example
   * const packed = ledger.scores(); // Float64Array [7, 0.4, 9, 0]: sample 7 scores 0.4, sample 9 0
   */
  scores(): Float64Array {
    const packed = new Float64Array(this.entries.size * 2);
    let at = 0;
    this.entries.visitAll((entry) => {
      packed[at++] = entry.sampleId;
      packed[at++] = entry.score;
    });
    return packed;
  }

  /**
   * Visits each compared sample's peer record (see `peerRecordOf`: its labelers, when each last
   * submitted it, its pairs of labelers with their disagreement there), without the figure a row
   * of {@link snapshot} computes or an object per sample: what drift reads (see `PeerScoreSource`),
   * in no particular order. The record is a view, valid during the visit; entries still in the
   * ledger's file are not read for it (their blocks' peer records are).
   */
  forEachPeerRecord(visit: (sampleId: number, labelers: number, record: Float64Array) => void): void {
    this.entries.visitPeers(visit);
  }

  /** The whole project's agreement, with a row per compared sample. */
  snapshot(): ProjectAgreement {
    const perSample = [...this.entries.values()].map((entry) => this.rowOf(entry)).sort((x, y) => y.score - x.score || x.sampleId - y.sampleId);
    return { ...this.summarize(), perSample } as ProjectAgreement;
  }

  /** What the dashboard shows (see {@link AgreementDashboard}), from the kept results where no submission changed them. */
  dashboard(): AgreementDashboard {
    const summary = this.summarize();
    this.worst ??= worstLists(this.entries.values());
    const { pairs } = this.worst;
    return {
      ...summary,
      samplesCompared: this.entries.size,
      scoreHistogram: [...this.histogram],
      worstSamples: this.worstSampleRows(),
      pairSamples: summary.perPair.map(({ labelerA, labelerB, figure }) => ({
        labelerA,
        labelerB,
        samples: figure.samples,
        worst: pairs.get(`${labelerA}:${labelerB}`)?.slice(0, WORST_SAMPLES) ?? [],
      })),
    } as AgreementDashboard;
  }

  /** The rows of the worst samples, those kept for their entries reused. */
  private worstSampleRows(): SampleDisagreement[] {
    const listed = this.worst!.overall.slice(0, WORST_SAMPLES);
    this.worstRows = new Map(listed.map((entry) => [entry, this.worstRows.get(entry) ?? this.rowOf(entry)]));
    return [...this.worstRows.values()];
  }

  /** The sample's row: its score and pairs as kept, its figure from its overall counts. */
  private rowOf(entry: PackedEntry): SampleDisagreement {
    const { slot, contribution } = firstContribution(entry, this.measure.width);
    if (this.slots.dimension(slot) !== 'overall') throw new Error(`sample ${entry.sampleId}'s first contribution is not its overall one`);
    const pairScores: SampleDisagreement['pairScores'] = [];
    forEachPair(entry, (labelerA, labelerB, score) => pairScores.push({ labelerA, labelerB, score }));
    return {
      sampleId: entry.sampleId,
      score: entry.score,
      labelerIds: labelerIdsOf(entry),
      pairScores,
      figure: this.measure.figure(contribution.counts, contribution.comparisons, 1, contribution.confusion),
    };
  }

  private summarize(): Summary {
    this.summary ??= this.computeSummary();
    return this.summary;
  }

  private computeSummary(): Summary {
    const figureOf = (pool: Pool): AgreementFigure => this.measure.figure(pool.counts, pool.comparisons, pool.samples, pool.confusion);
    const groups = (dimension: Dimension) => [...this.pools.byDimension.get(dimension)!].map(([key, pool]) => ({ key, pool, figure: figureOf(pool) }));
    const overallPool = this.pools.get('overall', '');
    const overall = overallPool ? figureOf(overallPool) : this.measure.figure(new Float64Array(this.measure.width), 0, 0, new Map());
    const grouped = <K>(dimension: Dimension, key: (text: string) => K, compare: (x: K, y: K) => number): GroupAgreement<K>[] =>
      groups(dimension)
        .map(({ key: text, figure }) => ({ key: key(text), figure, interval: this.interval(dimension, text) }))
        .sort((x, y) => compare(x.key, y.key));

    return {
      kind: this.kind,
      overall: { ...overall, interval: this.interval('overall', ''), classIntervals: this.classIntervals() },
      perPair: groups('pair')
        .map(({ key, figure }) => {
          const [labelerA, labelerB] = key.split(':').map(Number) as [number, number];
          return { labelerA, labelerB, figure };
        })
        .sort((x, y) => x.labelerA - y.labelerA || x.labelerB - y.labelerB),
      perLabeler: groups('labeler')
        .map(({ key, figure }) => ({
          labelerId: Number(key),
          figure,
          difference: figure.value === null || overall.value === null ? null : figure.value - overall.value,
        }))
        .sort((x, y) => x.labelerId - y.labelerId),
      perClass: groups('class')
        .map(({ key, figure }) =>
          figure.kind === 'bbox' ? { classId: Number(key), tp: figure.tp, fp: figure.fp, fn: figure.fn, f1: figure.f1, meanIoU: figure.meanIoU } : null,
        )
        .filter((row) => row !== null)
        .sort((x, y) => x.classId - y.classId),
      perTag: grouped('tag', String, compareText),
      perGuidelineVersion: grouped('version', Number, (x, y) => x - y),
      versionComparisons: this.versionComparisons(),
      perWeek: grouped('week', (day) => weekLabel(Number(day)), compareText),
      perVersionAndClass: groups('versionClass')
        .map(({ key, figure }) => {
          const [version, classId] = key.split(':').map(Number) as [number, number];
          return { version, classId, figure };
        })
        .sort((x, y) => x.version - y.version || x.classId - y.classId),
      perVersionAndTag: groups('versionTag')
        .map(({ key, figure }) => {
          const split = key.indexOf(':');
          return { version: Number(key.slice(0, split)), tag: key.slice(split + 1), figure };
        })
        .sort((x, y) => x.version - y.version || compareText(x.tag, y.tag)),
      tagKappa: [...this.tagged.keys()].sort(compareText).map((tag) => ({ tag, ...this.tagAlpha(tag) })),
      emptyFlag: { flag: this.kind === 'bbox' ? 'noObjects' : 'noSpeech', ...binaryAlpha(this.emptyFlag) },
    } as Summary;
  }

  /** Each guideline version against the one before, kept until a sample compared under two versions changes. */
  private versionComparisons(): VersionComparison[] {
    const versions = [...this.pools.byDimension.get('version')!.keys()].map(Number).sort((x, y) => x - y);
    if (versions.length < 2) return [];
    // A version that gains or loses its last comparison changes which versions are compared.
    if (this.comparisons?.versions !== versions.join()) {
      const byVersion = [...this.entries.values()]
        .filter((entry) => entry.versions >= 2)
        .map((entry) => ({ sampleId: entry.sampleId, versions: this.versionsOf(entry) }));
      this.comparisons = { versions: versions.join(), result: compareVersions(byVersion, versions, this.measure, this.options.bootstrap ?? {}) };
    }
    return this.comparisons.result;
  }

  /** The sample's contributions by guideline version. */
  private versionsOf(entry: PackedEntry): Map<string, Contribution> {
    const versions = new Map<string, Contribution>();
    forEachContribution(entry, this.measure.width, (slot, contribution) => {
      if (this.slots.dimension(slot) === 'version') versions.set(this.slots.key(slot), { ...contribution, counts: contribution.counts.slice() });
    });
    return versions;
  }

  private apply(entry: PackedEntry, sign: 1 | -1): void {
    this.pools.apply(entry, sign);
    this.histogram[Math.min(HISTOGRAM_BINS - 1, Math.floor(entry.score * HISTOGRAM_BINS))]! += sign;
    addInto(this.emptyFlag, emptyFlagOf(entry), sign);
    addInto(this.untagged, untaggedOf(entry), sign);
    for (const [tag, delta] of entry.tagged ?? []) {
      let tagged = this.tagged.get(tag);
      if (!tagged) this.tagged.set(tag, (tagged = { sums: new Float64Array(COINCIDENCE_WIDTH), samples: 0 }));
      addInto(tagged.sums, delta, sign);
      tagged.samples += sign;
      if (tagged.samples === 0) this.tagged.delete(tag);
    }
  }

  private interval(dimension: Dimension, key: string): Interval | null {
    if (!this.pools.resampled(dimension)) return null;
    const bootstrap = this.pools.resamplesOf(dimension, key, false);
    return bootstrap ? bootstrap.interval((sums) => this.measure.figure(sums, 0, 0).value) : null;
  }

  /** Boxes: intervals of kappa, AC1 and Brennan–Prediger on matched boxes' classes; `null` for transcripts or without bootstrap. */
  private classIntervals(): ClassIntervals | null {
    const { classBootstrap } = this.pools;
    if (!classBootstrap) return this.kind === 'bbox' ? { kappa: null, ac1: null, brennanPrediger: null } : null;
    const classes = confusionClassIds(this.pools.get('overall', '')?.confusion ?? new Map());
    const [kappa = null, ac1 = null, brennanPrediger = null] = classBootstrap.intervals((keys) => {
      const table = new ClassConfusionTable(keys, classes);
      return (counts) => {
        const c = table.coefficients(counts);
        return [c.kappa, c.ac1, c.brennanPrediger];
      };
    });
    return { kappa, ac1, brennanPrediger };
  }

  private tagAlpha(tag: string): BinaryAlpha {
    const sums = Float64Array.from(this.untagged);
    addInto(sums, this.tagged.get(tag)!.sums, 1);
    return binaryAlpha(sums);
  }
}

/** Per guideline version, each labeler's latest answer under it (by labeler id); versions with two or more labelers. */
function latestPerVersion(annotations: readonly AnnotationForAgreement[]): Map<number, AnnotationForAgreement[]> {
  const versions = new Map<number, AnnotationForAgreement[]>();
  // Most samples were answered under one version: its members are then the current answers, found without a set and a filtered copy per sample.
  const oneVersion = annotations.length > 0 && annotations.every((annotation) => annotation.guidelineVersion === annotations[0]!.guidelineVersion);
  for (const version of oneVersion ? [annotations[0]!.guidelineVersion] : new Set(annotations.map((annotation) => annotation.guidelineVersion))) {
    const members = currentAnswers(oneVersion ? annotations : annotations.filter((annotation) => annotation.guidelineVersion === version));
    if (members.length >= 2) versions.set(version, members);
  }
  return versions;
}

/** Each labeler's current answer, after checking every annotation belongs here. */
function latestPerLabeler(sampleId: number, annotations: readonly AnnotationForAgreement[], kind: 'bbox' | 'transcript'): AnnotationForAgreement[] {
  for (const annotation of annotations) {
    if (annotation.sampleId !== sampleId) throw new Error(`an annotation of sample ${annotation.sampleId} given as one of sample ${sampleId}`);
    if (annotation.payload.kind !== kind) {
      throw new Error(`sample ${annotation.sampleId}, labeler ${annotation.labelerId}: a ${annotation.payload.kind} annotation in a ${kind} agreement`);
    }
  }
  return currentAnswers(annotations);
}

function addInto(target: Float64Array, source: Float64Array, sign: 1 | -1): void {
  for (let k = 0; k < target.length; k++) target[k]! += sign * source[k]!;
}

function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
