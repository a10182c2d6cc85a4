import { KeyedPoissonBootstrap, PoissonBootstrap, bootstrapSettings, poissonWeights, type BootstrapOptions } from '../metrics/poisson-bootstrap';
import { DerivedSlots, derivedGroup, derivedVersionSlot, forEachPackedContribution, forEachPair, type PackedEntry, type SlotTable } from './packed-entry';
import { clearContribution, emptyContribution, Pool, type Contribution } from './pool';
import { DIMENSIONS, type Dimension } from './sample-entry';

/** Dimensions whose groups carry a bootstrap interval. */
const WITH_INTERVAL: ReadonlySet<Dimension> = new Set(['overall', 'tag', 'version']);

/**
 * The running sums of every group a ledger reports (overall, each pair, labeler, class, tag,
 * version, week…): one {@link Pool} per group and, for the groups with an interval, its bootstrap
 * resamples. An entry's contributions are added or taken back here; each labeler's sums are
 * derived from the pairs that include them (entries do not carry them), and a group no sample
 * reaches any more is let go with its resamples.
 */
export class GroupPools {
  /** Every group's pool, by dimension then key, in the order made. */
  readonly byDimension = new Map<Dimension, Map<string, Pool>>(DIMENSIONS.map((dimension) => [dimension, new Map()]));
  /** The overall confusion of matched boxes' classes, resampled with the same weights as the overall counts. */
  readonly classBootstrap: KeyedPoissonBootstrap | null;
  private readonly bootstraps = new Map<string, PoissonBootstrap>();
  /** The pools and bootstraps by slot number, as each sample's contributions name them: no text built per contribution. */
  private readonly poolOfSlot: Array<Pool | undefined> = [];
  private readonly bootstrapOfSlot: Array<PoissonBootstrap | undefined> = [];
  /** Each labeler's group, by labeler id: entries do not name them (see `packEntry`). */
  private readonly labelerSlots = new Map<number, number>();
  /** The version group a contribution also counts for under its entry's derived version (see `derivedVersionSlot`). */
  private readonly derivedSlots = new DerivedSlots((versionSlot, slot) => this.derivedSlotOf(versionSlot, slot));
  private readonly weights: { resamples: number; seed: number } | null;
  /** One sample's labelers (in the order met) and their summed pairs, reused from sample to sample instead of a map and a contribution per labeler per sample. */
  private readonly labelerIds: number[] = [];
  private readonly labelerSums: Contribution[] = [];
  /** One sample's Poisson weights, filled again for each: a buffer per sample left holes between the entries in the allocator. */
  private weightsBuffer: Uint8Array | null = null;

  /** `bootstrap: false` keeps no resamples; `classes` resamples the overall class confusion too (boxes). */
  constructor(
    private readonly slots: SlotTable,
    private readonly width: number,
    private readonly bootstrap: BootstrapOptions | false | undefined,
    classes: boolean,
  ) {
    this.classBootstrap = classes && bootstrap !== false ? new KeyedPoissonBootstrap(bootstrap || {}) : null;
    this.weights = bootstrap === false ? null : bootstrapSettings(bootstrap || {});
  }

  /** The pool of group `key` of `dimension`, if a sample reaches it. */
  get(dimension: Dimension, key: string): Pool | undefined {
    return this.byDimension.get(dimension)!.get(key);
  }

  /** Whether groups of `dimension` carry resamples under these options. */
  resampled(dimension: Dimension): boolean {
    return this.weights !== null && WITH_INTERVAL.has(dimension);
  }

  /** The group's resamples (null: none kept for it); `make` makes them when missing. */
  resamplesOf(dimension: Dimension, key: string, make: boolean): PoissonBootstrap | null {
    return make ? this.bootstrapOf(dimension, key) : (this.bootstraps.get(`${dimension}\0${key}`) ?? null);
  }

  /** Adds (`sign` 1) or takes back (-1) every contribution of `entry`, with its Poisson weights in the resamples. */
  apply(entry: PackedEntry, sign: 1 | -1): void {
    const weights = this.weights ? poissonWeights(entry.sampleId, this.weights, (this.weightsBuffer ??= new Uint8Array(this.weights.resamples))) : null;
    const { data } = entry;
    const width = this.width;
    // Each labeler's contribution is the sum of the pairs that include them (see `packEntry`): summed here, pair by pair in the order measured.
    const pairLabelers: number[] = [];
    forEachPair(entry, (labelerA, labelerB) => pairLabelers.push(labelerA, labelerB));
    let labelers = 0;
    const versionSlot = derivedVersionSlot(entry);
    let pair = 0;
    const applyTo = (slot: number, dimension: Dimension, countsAt: number, comparisons: number, confusionAt: number, confusionSize: number) => {
      const pool = this.poolOf(slot, dimension);
      pool.applyPacked(data, countsAt, comparisons, confusionAt, confusionSize, sign);
      if (weights && WITH_INTERVAL.has(dimension)) {
        (this.bootstrapOfSlot[slot] ??= this.bootstrapOf(dimension, this.slots.key(slot))).applyWeighted(weights, data, sign, countsAt);
      }
      this.dropIfEmpty(pool, slot, dimension);
    };
    forEachPackedContribution(entry, width, (slot, countsAt, comparisons, confusionAt, confusionSize) => {
      const dimension = this.slots.dimension(slot);
      applyTo(slot, dimension, countsAt, comparisons, confusionAt, confusionSize);
      if (weights && dimension === 'overall') this.classBootstrap?.applyWeightedPairs(weights, data, confusionAt, confusionSize, sign);
      if (versionSlot !== null) {
        const versionGroup = this.derivedSlots.get(versionSlot, slot);
        if (versionGroup >= 0) applyTo(versionGroup, this.slots.dimension(versionGroup), countsAt, comparisons, confusionAt, confusionSize);
      }
      if (dimension !== 'pair') return;
      for (const labelerId of [pairLabelers[2 * pair]!, pairLabelers[2 * pair + 1]!]) {
        let met = 0;
        while (met < labelers && this.labelerIds[met] !== labelerId) met++;
        if (met === labelers) {
          this.labelerIds[labelers++] = labelerId;
          clearContribution((this.labelerSums[met] ??= emptyContribution(width)));
        }
        const sum = this.labelerSums[met]!;
        for (let k = 0; k < width; k++) sum.counts[k]! += data[countsAt + k]!;
        sum.comparisons += comparisons;
        for (let k = 0, at = confusionAt; k < confusionSize; k++, at += 2) sum.confusion.set(data[at]!, (sum.confusion.get(data[at]!) ?? 0) + data[at + 1]!);
      }
      pair++;
    });
    for (let met = 0; met < labelers; met++) {
      const labelerId = this.labelerIds[met]!;
      const contribution = this.labelerSums[met]!;
      let slot = this.labelerSlots.get(labelerId);
      if (slot === undefined) this.labelerSlots.set(labelerId, (slot = this.slots.id('labeler', String(labelerId))));
      const pool = this.poolOf(slot, 'labeler');
      pool.apply(contribution, sign);
      this.dropIfEmpty(pool, slot, 'labeler');
    }
  }

  /** The version group (of the derived version `versionSlot`) that group `slot` of the current answers also counts for; -1 for none. */
  private derivedSlotOf(versionSlot: number, slot: number): number {
    if (this.slots.dimension(versionSlot) !== 'version') throw new Error('an entry whose derived version is not a version');
    const group = derivedGroup(this.slots.key(versionSlot), this.slots.dimension(slot), this.slots.key(slot));
    return group === null ? -1 : this.slots.id(group.dimension, group.key);
  }

  /** The pool of group `slot` (of `dimension`), made when there is none. */
  private poolOf(slot: number, dimension: Dimension): Pool {
    let pool = this.poolOfSlot[slot];
    if (pool === undefined) {
      const pools = this.byDimension.get(dimension)!;
      pool = pools.get(this.slots.key(slot));
      if (!pool) pools.set(this.slots.key(slot), (pool = new Pool(this.width)));
      this.poolOfSlot[slot] = pool;
    }
    return pool;
  }

  /** Lets go of a group no sample reaches any more, with its resamples. */
  private dropIfEmpty(pool: Pool, slot: number, dimension: Dimension): void {
    if (pool.samples !== 0) return;
    const key = this.slots.key(slot);
    this.byDimension.get(dimension)!.delete(key);
    this.bootstraps.delete(`${dimension}\0${key}`);
    this.poolOfSlot[slot] = undefined;
    this.bootstrapOfSlot[slot] = undefined;
  }

  private bootstrapOf(dimension: Dimension, key: string): PoissonBootstrap {
    const id = `${dimension}\0${key}`;
    let bootstrap = this.bootstraps.get(id);
    if (!bootstrap) this.bootstraps.set(id, (bootstrap = new PoissonBootstrap(this.width, this.bootstrap || {})));
    return bootstrap;
  }
}
