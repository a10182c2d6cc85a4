import { AgreementLedger, type AgreementOptions, type AnnotationForAgreement } from '../../shared/agreement';
import { bySample } from '../../shared/agreement/current-answers';
import { openAgreementLedgerFile, writeAgreementLedgerFile, type KeptLedgerIdentity } from './agreement-ledger-file';

/**
 * Samples changed since the file was kept that make it worth writing again. Fewer are measured
 * again at the next opening in less time than reading every block and writing the file takes,
 * and without holding every entry meanwhile.
 */
export const REWRITE_AFTER = 2_000;

/** The entries a ledger deferred could not be read: the ledger is unusable (its file was removed; the next load builds it again). */
export class UnreadableLedgerError extends Error {}

/**
 * An agreement ledger in the worker with the file it is kept in between sessions. Loading takes
 * back the file's sums and worst lists as they were kept (no sample added again), which answer
 * the dashboard; the entries stay in the file until a changed sample needs its own (its block is
 * read), a request needs every entry, or the ledger is written again ({@link save} reads the rest
 * a block at a time). The samples whose answers or tags changed since are set as a submission sets
 * them (their kept entry taken back, the new one added). Without a usable file every sample is
 * measured, in increasing id, as a fresh ledger adds them.
 */
export class KeptAgreementLedger {
  /** How many samples the ledger holds otherwise than its file (Infinity: the file holds none of them). */
  private unkept = 0;
  /** Where the database's changes stood before the ledger's inputs were read (see `agreementChangePosition`). */
  private position: string | null = null;

  private constructor(
    private current: AgreementLedger,
    private readonly file: string | null,
    private readonly identity: KeptLedgerIdentity,
    private readonly options: AgreementOptions,
  ) {}

  get ledger(): AgreementLedger {
    return this.current;
  }

  /**
   * A ledger of `options` taken back from `file` where it can be, and where the database's
   * changes stood when it was kept (null: nothing taken back, every sample is to be measured).
   */
  static async load(
    kind: 'bbox' | 'transcript',
    options: AgreementOptions,
    identity: KeptLedgerIdentity,
    file: string | null,
  ): Promise<{ kept: KeptAgreementLedger; position: string | null }> {
    const kept = new KeptAgreementLedger(new AgreementLedger(kind, options), file, identity, options);
    const read = file === null ? null : openAgreementLedgerFile(file, identity, kept.current.width);
    if (read === null) return { kept, position: null };
    try {
      kept.current.restoreDeferred(read.slots, read.sums, read.counts, read.worst, read.deferred);
      return { kept, position: read.position };
    } catch (error) {
      read.deferred.close();
      console.warn(
        `[agreement] ${file} is not a ledger this version can take back (${error instanceof Error ? error.message : String(error)}); it is built again.`,
      );
      kept.current = new AgreementLedger(kind, options);
      return { kept, position: null };
    }
  }

  /**
   * Before the samples changed since are filled: `position` is where the changes stood before
   * anything was read this time; `fresh` says every sample is to be measured (what was taken
   * back from the file is dropped first).
   */
  begin(position: string, fresh: boolean): void {
    if (fresh) {
      this.current.close();
      this.current = new AgreementLedger(this.current.kind, this.options);
      this.unkept = Infinity;
    }
    this.position = position;
  }

  /** Sets each of `samples` (in increasing id) from `annotations`, their submitted annotations (none: the sample counts nowhere). */
  fill(samples: readonly number[], annotations: readonly AnnotationForAgreement[]): void {
    const measured = bySample(annotations);
    for (const sampleId of samples) this.current.setSample(sampleId, measured.get(sampleId) ?? []);
    this.unkept += samples.length;
  }

  /** A submission changed the sample after loading (the database recorded it after the position: the next session measures it again). */
  set(sampleId: number, annotations: readonly AnnotationForAgreement[]): void {
    this.current.setSample(sampleId, annotations);
    this.unkept++;
  }

  /**
   * Writes the ledger to its file when it holds at least {@link REWRITE_AFTER} samples otherwise
   * than the file; whether it did. What the ledger deferred is read first (a block at a time,
   * answering requests between blocks), as the file is written whole. A ledger its file still
   * holds, or nearly, is not read: its blocks stay in the file until a sample or a request needs
   * them, so a session that only looks at the dashboard never holds every entry (about 150 MB at
   * 100,000 images × 3 labelers), and the few samples changed since the file are measured again
   * at the next opening, as they were at this one. What is written is taken before encoding
   * starts (entries are replaced, never changed; the sums are copied): the ledger may take
   * submissions and answer requests while the file is encoded and written.
   */
  async save(): Promise<boolean> {
    if (this.file === null || this.unkept < REWRITE_AFTER || this.position === null) return false;
    try {
      for (let ledger = this.current; ledger.readDeferred(); ledger = this.current) await new Promise((resume) => setImmediate(resume));
    } catch (error) {
      throw new UnreadableLedgerError(error instanceof Error ? error.message : String(error));
    }
    const { entries, slots, sums } = this.current.kept();
    // Increasing id, as the file is read back.
    const sorted = [...entries].sort((x, y) => x.sampleId - y.sampleId);
    const written = writeAgreementLedgerFile(this.file, this.identity, { position: this.position, slots, entries: sorted, sums });
    const unkept = this.unkept;
    this.unkept = 0;
    try {
      await written;
      return true;
    } catch (error) {
      this.unkept += unkept;
      throw error;
    }
  }

  /** Lets go of the file a restored ledger still reads from: the ledger is dropped. */
  close(): void {
    this.current.close();
  }
}
