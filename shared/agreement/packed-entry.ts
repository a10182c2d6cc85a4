import { COINCIDENCE_WIDTH } from './binary-alpha';
import type { NumberSlab } from './number-slab';
import type { Contribution } from './pool';
import type { Dimension, SampleEntry } from './sample-entry';

/**
 * A {@link SampleEntry} as a ledger keeps it: one flat array of numbers instead of some thirty
 * maps and arrays. A 100,000-sample ledger holds a few objects per sample instead of millions, so
 * it stays within the back end's memory and the garbage collector does not walk it again and again.
 *
 * Layout of `data`: contributions, labelers, pairs, the derived version (see
 * {@link derivedVersionSlot}: its slot plus one, 0 for none); the empty-flag and untagged coincidences
 * (`COINCIDENCE_WIDTH` each); then the sample's peer record (see {@link peerRecordOf}): each labeler
 * id, when each labeler last submitted the sample, each pair's (labelerA, labelerB, score); then per
 * contribution: its slot (see {@link SlotTable}), comparisons, confusion entries, the `width`
 * counts and each confusion entry as (key, count).
 */
export interface PackedEntry {
  readonly sampleId: number;
  /** The sample's disagreement score (`SampleDisagreement.score`). */
  readonly score: number;
  readonly data: Float64Array;
  /** Guideline versions with comparisons on the sample: two or more take part in `versionComparisons`. */
  readonly versions: number;
  /** Per tag some labeler gave (see `SampleEntry.tagged`); null when none did, as on most samples. */
  readonly tagged: ReadonlyMap<string, Float64Array> | null;
}

/** What a slot number stands for: a group of one dimension. */
export interface SlotName {
  dimension: Dimension;
  key: string;
}

const HEADER = 4;
/** Where an entry's peer record (its labeler ids, their submission times, its pairs) begins. */
const PEER_RECORD_AT = HEADER + 2 * COINCIDENCE_WIDTH;
const NO_CONFUSION: ReadonlyMap<number, number> = new Map();

/** Numbers for a ledger's (dimension, key) pairs, so a packed entry names its aggregates with one number each. */
export class SlotTable {
  /** By dimension, then key: found without building a text per lookup (every contribution of every sample is looked up). */
  private readonly ids = new Map<Dimension, Map<string, number>>();
  private readonly dimensions: Dimension[] = [];
  private readonly keys: string[] = [];

  id(dimension: Dimension, key: string): number {
    let byKey = this.ids.get(dimension);
    if (!byKey) this.ids.set(dimension, (byKey = new Map()));
    let id = byKey.get(key);
    if (id === undefined) {
      id = this.keys.length;
      byKey.set(key, id);
      this.dimensions.push(dimension);
      this.keys.push(key);
    }
    return id;
  }

  /** How many slots are numbered. */
  get size(): number {
    return this.keys.length;
  }

  /** Every slot's name, by slot number. */
  names(): SlotName[] {
    return this.keys.map((key, id) => ({ dimension: this.dimensions[id]!, key }));
  }

  dimension(id: number): Dimension {
    return this.dimensions[id]!;
  }

  key(id: number): string {
    return this.keys[id]!;
  }
}

/**
 * `entry` packed (its contributions already numbered by slot, their counts `width` wide). It has
 * no per-labeler contributions: each is the sum of the pairs that include the labeler, which a
 * ledger adds up when it applies the entry (a fifth of a 100,000-sample ledger's numbers). Nor,
 * when its version is derived (see {@link derivedVersionSlot}), per-version ones.
 */
export function packEntry(entry: SampleEntry, width: number, slab: NumberSlab): PackedEntry {
  let size = HEADER + 2 * COINCIDENCE_WIDTH + 2 * entry.labelerIds.length + entry.pairScores.length;
  for (const contribution of entry.contributions) size += 3 + width + contribution.confusion.length;
  const data = slab.take(size);
  data[0] = entry.contributions.length;
  data[1] = entry.labelerIds.length;
  data[2] = entry.pairScores.length / 3;
  data[3] = entry.derivedVersionSlot === null ? 0 : entry.derivedVersionSlot + 1;
  let at = HEADER;
  data.set(entry.emptyFlag, at);
  data.set(entry.untagged, (at += COINCIDENCE_WIDTH));
  at += COINCIDENCE_WIDTH;
  for (const labelerId of entry.labelerIds) data[at++] = labelerId;
  for (const submittedAt of entry.submittedAt) data[at++] = submittedAt;
  for (const value of entry.pairScores) data[at++] = value;
  const { counts } = entry;
  for (const contribution of entry.contributions) {
    data[at++] = contribution.slot;
    data[at++] = contribution.comparisons;
    data[at++] = contribution.confusion.length / 2;
    // A loop, not `set`: five numbers, two million times at 100,000 samples.
    for (let k = 0; k < width; k++) data[at + k] = counts[contribution.countsAt + k]!;
    at += width;
    for (const value of contribution.confusion) data[at++] = value;
  }
  const tagged = entry.tagged !== null && entry.tagged.size > 0 ? entry.tagged : null;
  return { sampleId: entry.sampleId, score: entry.score, data, versions: entry.versions, tagged };
}

/**
 * Calls `visit` with each of the entry's contributions, in the order they were packed (the order
 * `measureSample` made them, so sums come out exactly as from the unpacked entry). The counts are
 * a view into the entry: read them, never keep or change them.
 */
export function forEachContribution(entry: PackedEntry, width: number, visit: (slot: number, contribution: Contribution) => void): void {
  forEachContributionUntil(entry, width, (slot, contribution) => {
    visit(slot, contribution);
    return true;
  });
}

/**
 * As {@link forEachContribution}, building nothing (no view, no map): each contribution as where
 * its parts lie in `entry.data`, its `width` counts from `countsAt`, its confusion as
 * `confusionSize` (key, count) pairs from `confusionAt`. Adding a large ledger's samples walks
 * millions of contributions; objects made per contribution were a good part of its time.
 */
export function forEachPackedContribution(
  entry: PackedEntry,
  width: number,
  visit: (slot: number, countsAt: number, comparisons: number, confusionAt: number, confusionSize: number) => void,
): void {
  const { data } = entry;
  let at = contributionsStart(data);
  for (let c = 0; c < data[0]!; c++) {
    const confusionSize = data[at + 2]!;
    visit(data[at]!, at + 3, data[at + 1]!, at + 3 + width, confusionSize);
    at += 3 + width + 2 * confusionSize;
  }
}

/** As {@link forEachContribution}, stopping once `visit` returns false. */
function forEachContributionUntil(entry: PackedEntry, width: number, visit: (slot: number, contribution: Contribution) => boolean): void {
  const { data } = entry;
  let at = contributionsStart(data);
  for (let c = 0; c < data[0]!; c++) {
    const slot = data[at]!;
    const comparisons = data[at + 1]!;
    const confusionSize = data[at + 2]!;
    const counts = data.subarray(at + 3, at + 3 + width);
    at += 3 + width;
    let confusion = NO_CONFUSION as Map<number, number>;
    if (confusionSize > 0) {
      confusion = new Map();
      for (let k = 0; k < confusionSize; k++, at += 2) confusion.set(data[at]!, data[at + 1]!);
    }
    if (!visit(slot, { counts, comparisons, confusion })) return;
  }
}

/** Calls `visit` with the slot of each of the entry's contributions: a walk that builds nothing, for counting a large ledger's groups. */
export function forEachSlot(entry: PackedEntry, width: number, visit: (slot: number) => void): void {
  const { data } = entry;
  let at = contributionsStart(data);
  for (let c = 0; c < data[0]!; c++) {
    visit(data[at]!);
    at += 3 + width + 2 * data[at + 2]!;
  }
}

/**
 * Why `data`, numbers already known to be finite, cannot be a packed entry's data of
 * contributions `width` wide naming fewer than `slots` slots (counts whole where whole, lengths
 * that add up to the array's), or null when it can.
 */
export function packedDataProblem(data: Float64Array, width: number, slots: number): string | null {
  if (data.length < HEADER + 2 * COINCIDENCE_WIDTH) return 'an entry shorter than its header';
  const whole = (value: number) => Number.isInteger(value) && value >= 0;
  if (!whole(data[0]!) || !whole(data[1]!) || !whole(data[2]!)) return 'a count that is not a whole number';
  if (data[0] === 0) return 'an entry without its overall contribution';
  if (!whole(data[3]!) || data[3]! > slots) return 'a derived version outside the table of groups';
  let at = contributionsStart(data);
  for (let c = 0; c < data[0]!; c++) {
    if (at + 3 + width > data.length) return 'a contribution past the end of its entry';
    if (!whole(data[at]!) || data[at]! >= slots) return 'a group number outside the table of groups';
    if (!whole(data[at + 2]!)) return 'a confusion size that is not a whole number';
    at += 3 + width + 2 * data[at + 2]!;
  }
  return at === data.length ? null : 'an entry whose length is not that of its contributions';
}

/**
 * The slot of the guideline version the entry's contributions per version are derived from (null:
 * they are packed as any other). When every current answer of a sample was given under one
 * version, as on most samples, that version's pairs are the current answers' pairs: its
 * contribution is the overall one, each of its tags' and classes' that of the same tag or class,
 * number for number. The entry then leaves them out (a fifth of a 100,000-sample ledger's numbers
 * after the labelers') and a ledger adds the current answers' contributions to the version's groups.
 */
export function derivedVersionSlot(entry: PackedEntry): number | null {
  return entry.data[3] === 0 ? null : entry.data[3]! - 1;
}

/**
 * For an entry whose version is derived: the version group a contribution to `dimension`, of key
 * `key`, also counts for (key `version:key`), or null when it counts for none.
 * @example derivedGroup('3', 'class', '7') // { dimension: 'versionClass', key: '3:7' }
 */
export function derivedGroup(versionKey: string, dimension: Dimension, key: string): SlotName | null {
  if (dimension === 'overall') return { dimension: 'version', key: versionKey };
  if (dimension === 'tag') return { dimension: 'versionTag', key: `${versionKey}:${key}` };
  if (dimension === 'class') return { dimension: 'versionClass', key: `${versionKey}:${key}` };
  return null;
}

/**
 * The version groups contributions also count for (see {@link derivedGroup}), found once per
 * (derived version's slot, contribution's slot) by `find` and kept: a group's slot is looked up
 * by its name, a text built per lookup, and every entry of a version names the same few.
 * @example
 * const derived = new DerivedSlots((versionSlot, slot) => slotOfGroup(versionSlot, slot) ?? -1);
 * derived.get(versionSlot, classSlot) // the version-and-class group's slot, or -1 for none
 */
export class DerivedSlots {
  /** By a derived version's slot, then a contribution's slot: the version group's slot (-1: none). */
  private readonly bySlot = new Map<number, number[]>();

  constructor(private readonly find: (versionSlot: number, slot: number) => number) {}

  /** The slot of the version group that group `slot` also counts for under derived version `versionSlot`; -1 for none. */
  get(versionSlot: number, slot: number): number {
    let ofVersion = this.bySlot.get(versionSlot);
    if (!ofVersion) this.bySlot.set(versionSlot, (ofVersion = []));
    return (ofVersion[slot] ??= this.find(versionSlot, slot));
  }
}

/** The coincidences of the sample's "nothing here" judgements. */
export function emptyFlagOf(entry: PackedEntry): Float64Array {
  return entry.data.subarray(HEADER, HEADER + COINCIDENCE_WIDTH);
}

/** The coincidences if nobody had given any tag. */
export function untaggedOf(entry: PackedEntry): Float64Array {
  return entry.data.subarray(HEADER + COINCIDENCE_WIDTH, HEADER + 2 * COINCIDENCE_WIDTH);
}

/** The labelers compared on the sample, by labeler id. */
export function labelerIdsOf(entry: PackedEntry): number[] {
  const from = PEER_RECORD_AT;
  // Read one by one: `Array.from` of a view iterates it, a cost per entry read.
  const ids: number[] = [];
  for (let at = from; at < from + entry.data[1]!; at++) ids.push(entry.data[at]!);
  return ids;
}

/** Calls `visit` with each pair of labelers compared on the sample and their disagreement score there. */
export function forEachPair(entry: PackedEntry, visit: (labelerA: number, labelerB: number, score: number) => void): void {
  const { data } = entry;
  let at = pairsStart(data);
  for (let p = 0; p < data[2]!; p++, at += 3) visit(data[at]!, data[at + 1]!, data[at + 2]!);
}

/**
 * The sample's peer record, what drift reads of it (see `PeerScoreSource`), as a view into the
 * entry (no copy): its `labelers` labeler ids, then when each of them last submitted the sample
 * (the current answer's `submittedAt`), then each pair's (labelerA, labelerB, score).
 */
export function peerRecordOf(entry: PackedEntry): { labelers: number; record: Float64Array } {
  const { data } = entry;
  return { labelers: data[1]!, record: data.subarray(PEER_RECORD_AT, contributionsStart(data)) };
}

/** Where an entry's pairs begin: after its header, its flag coincidences, its labeler ids and their submission times. */
function pairsStart(data: Float64Array): number {
  return PEER_RECORD_AT + 2 * data[1]!;
}

/** Where an entry's contributions begin: after its pairs. */
function contributionsStart(data: Float64Array): number {
  return pairsStart(data) + 3 * data[2]!;
}

/** The entry's first contribution, the overall one (`measureSample` makes it first): its slot, counts, comparisons and confusion. */
export function firstContribution(entry: PackedEntry, width: number): { slot: number; contribution: Contribution } {
  let first: { slot: number; contribution: Contribution } | null = null;
  forEachContributionUntil(entry, width, (slot, contribution) => {
    first = { slot, contribution };
    return false;
  });
  if (first === null) throw new Error(`sample ${entry.sampleId} has no comparison`);
  return first;
}
