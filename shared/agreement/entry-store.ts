import { peerRecordOf, type PackedEntry } from './packed-entry';

/** A run of a kept ledger's entries, by the sample ids it spans: `samples` entries from `first` to `last`. */
export interface EntryBlock {
  first: number;
  last: number;
  samples: number;
}

/**
 * Where a ledger taken back from its file finds the entries it has not read yet: blocks of
 * increasing, separate sample ids, each read when a sample of it is needed or when the rest is
 * read before the ledger is written again.
 */
export interface DeferredEntries {
  readonly blocks: readonly EntryBlock[];
  /** The entries of block `index`, in increasing sample id; throws when they are not what the file's index says. */
  read(index: number): PackedEntry[];
  /**
   * The peer records of block `index`'s entries (see `peerRecordOf`), in increasing sample id,
   * each led by its sample id, its labeler count and its length: what drift reads, without the
   * rest of the entries (a tenth of their numbers). The next call may overwrite them. Throws as
   * {@link read} does.
   */
  readPeers(index: number): Float64Array;
  /** Every block was read (or the ledger let go of them): the file is not needed any more. */
  close(): void;
}

/**
 * A ledger's compared samples by id. A ledger taken back from its file answers the dashboard
 * from its kept sums and worst lists before it reads its entries (179 MB at 100,000 samples):
 * their blocks are read here when a sample of them is asked for, all of them when every entry
 * is, and one at a time by {@link readNext} before the ledger is written again. `onRead` sees each block's
 * entries as read, before any of them is changed (the ledger checks them against its kept sums).
 */
export class EntryStore {
  private readonly entries = new Map<number, PackedEntry>();
  private deferred: DeferredEntries | null = null;
  private unread: boolean[] = [];
  /** Samples in the blocks not read yet. */
  private waiting = 0;
  private onRead: (entries: readonly PackedEntry[], last: boolean) => void = () => undefined;

  /** Defers the entries of `deferred`'s blocks to when they are needed; the store must be empty. */
  defer(deferred: DeferredEntries, onRead: (entries: readonly PackedEntry[], last: boolean) => void): void {
    if (this.entries.size > 0 || this.deferred) throw new Error('entries deferred to a store that is not empty');
    this.deferred = deferred;
    this.unread = deferred.blocks.map(() => true);
    this.waiting = deferred.blocks.reduce((sum, block) => sum + block.samples, 0);
    this.onRead = onRead;
    if (deferred.blocks.length === 0) {
      this.finish();
      onRead([], true);
    }
  }

  /** Whether some blocks are still unread. */
  get deferring(): boolean {
    return this.deferred !== null;
  }

  /** How many samples are compared, read or not. */
  get size(): number {
    return this.entries.size + this.waiting;
  }

  get(sampleId: number): PackedEntry | undefined {
    this.readBlockOf(sampleId);
    return this.entries.get(sampleId);
  }

  has(sampleId: number): boolean {
    return this.get(sampleId) !== undefined;
  }

  /** Sets a sample's entry; its block (if any) was read by the `get` before it, as `AgreementLedger.put` does. */
  set(sampleId: number, entry: PackedEntry): void {
    this.readBlockOf(sampleId);
    this.entries.set(sampleId, entry);
  }

  delete(sampleId: number): void {
    this.readBlockOf(sampleId);
    this.entries.delete(sampleId);
  }

  /** Every entry, all blocks read first. */
  values(): IterableIterator<PackedEntry> {
    this.readAll();
    return this.entries.values();
  }

  [Symbol.iterator](): IterableIterator<[number, PackedEntry]> {
    this.readAll();
    return this.entries.entries();
  }

  /**
   * Visits every entry, those of the blocks not read yet as each is read, without keeping them:
   * a request that reads every entry once (the scores) leaves the store as it found it,
   * rather than holding every entry from then on. `visit` must not change the store.
   */
  visitAll(visit: (entry: PackedEntry) => void): void {
    for (const entry of this.entries.values()) visit(entry);
    const deferred = this.deferred;
    if (!deferred) return;
    for (const [index, unread] of this.unread.entries()) if (unread) for (const entry of deferred.read(index)) visit(entry);
  }

  /**
   * Visits every entry's peer record (see `peerRecordOf`), those of the blocks not read yet from
   * their peer records alone: drift reads every sample's pairs and submission times, and a ledger
   * taken back from its file need not read and decode every entry for them (0.45 s at 100,000
   * samples here). The records are views, valid during the visit.
   */
  visitPeers(visit: (sampleId: number, labelers: number, record: Float64Array) => void): void {
    for (const entry of this.entries.values()) {
      const { labelers, record } = peerRecordOf(entry);
      visit(entry.sampleId, labelers, record);
    }
    const deferred = this.deferred;
    if (!deferred) return;
    for (const [index, unread] of this.unread.entries()) {
      if (!unread) continue;
      const records = deferred.readPeers(index);
      for (let at = 0; at < records.length; at += 3 + records[at + 2]!)
        visit(records[at]!, records[at + 1]!, records.subarray(at + 3, at + 3 + records[at + 2]!));
    }
  }

  /** Reads the next unread block; false when none is left. */
  readNext(): boolean {
    const index = this.unread.indexOf(true);
    if (index < 0) return false;
    this.read(index);
    return true;
  }

  /** Lets go of the blocks not read (the ledger is dropped): nothing is read after this. */
  close(): void {
    this.deferred?.close();
    this.deferred = null;
    this.unread = [];
  }

  private readAll(): void {
    while (this.readNext());
  }

  private readBlockOf(sampleId: number): void {
    if (!this.deferred) return;
    const { blocks } = this.deferred;
    let low = 0;
    let high = blocks.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (blocks[middle]!.last < sampleId) low = middle + 1;
      else high = middle;
    }
    if (low < blocks.length && blocks[low]!.first <= sampleId && this.unread[low]) this.read(low);
  }

  private read(index: number): void {
    const deferred = this.deferred!;
    const entries = deferred.read(index);
    this.unread[index] = false;
    this.waiting -= deferred.blocks[index]!.samples;
    for (const entry of entries) this.entries.set(entry.sampleId, entry);
    const last = !this.unread.includes(true);
    if (last) this.finish();
    this.onRead(entries, last);
  }

  private finish(): void {
    this.deferred?.close();
    this.deferred = null;
  }
}
