import { AgreementLedger, type AgreementOptions, type AnnotationForAgreement } from '../../shared/agreement';
import { bySample } from '../../shared/agreement/current-answers';
import type { PackedEntry } from '../../shared/agreement/packed-entry';
import type { KeptLedgerSample } from './agreement-ledger-codec';
import { readAgreementLedgerFile, writeAgreementLedgerFile, type KeptLedger, type KeptLedgerIdentity } from './agreement-ledger-file';

/**
 * An agreement ledger in the worker with what it was built from: the stamp of each sample's
 * inputs and the file it is kept in between sessions. Loading takes back the file's entries and
 * sums as they were kept (no sample added again), then sets the samples whose stamp changed
 * since as a submission sets them: their kept entry taken back, the new one added. Without a
 * usable file every sample is measured, in increasing id, as a fresh ledger adds them.
 */
export class KeptAgreementLedger {
  /** Whether the ledger holds samples its file does not (or lacks some it has). */
  private changed = true;

  private constructor(
    readonly ledger: AgreementLedger,
    private readonly stamps: Map<number, string>,
    private readonly file: string | null,
    private readonly identity: KeptLedgerIdentity,
  ) {}

  /** A ledger of `options` taken back from `file` where it can be, and the samples whose annotations it still needs (in increasing id). */
  static async load(
    kind: 'bbox' | 'transcript',
    options: AgreementOptions,
    identity: KeptLedgerIdentity,
    stamps: Map<number, string>,
    file: string | null,
  ): Promise<{ kept: KeptAgreementLedger; stale: number[] }> {
    let ledger = new AgreementLedger(kind, options);
    const read = file === null ? null : await readAgreementLedgerFile(file, identity, ledger.width);
    let restored: KeptLedger | null = null;
    if (read !== null) {
      try {
        const entries: PackedEntry[] = [];
        for (const { entry } of read.samples.values()) if (entry) entries.push(entry);
        ledger.restoreKept(read.slots, entries, read.sums);
        restored = read;
      } catch (error) {
        console.warn(
          `[agreement] ${file} is not a ledger this version can take back (${error instanceof Error ? error.message : String(error)}); it is built again.`,
        );
        ledger = new AgreementLedger(kind, options);
      }
    }
    const kept = new KeptAgreementLedger(ledger, stamps, file, identity);
    const stale: number[] = [];
    for (const [sampleId, stamp] of stamps) if (restored?.samples.get(sampleId)?.stamp !== stamp) stale.push(sampleId);
    stale.sort((x, y) => x - y);
    // Kept samples without a submitted answer now (all withdrawn, or the sample removed) are taken back here: no fill brings them.
    let removed = 0;
    for (const sampleId of restored?.samples.keys() ?? []) {
      if (stamps.has(sampleId)) continue;
      ledger.setSample(sampleId, []);
      removed++;
    }
    kept.changed = restored === null || stale.length > 0 || removed > 0;
    return { kept, stale };
  }

  /** Sets each of `samples` (stale ones `load` listed) from `annotations`, their submitted annotations. */
  fill(samples: readonly number[], annotations: readonly AnnotationForAgreement[]): void {
    const measured = bySample(annotations);
    for (const sampleId of samples) this.ledger.setSample(sampleId, measured.get(sampleId) ?? []);
  }

  /** A submission changed the sample after loading: its stamp is no longer known, so the next session measures it again. */
  set(sampleId: number, annotations: readonly AnnotationForAgreement[]): void {
    this.ledger.setSample(sampleId, annotations);
    this.stamps.delete(sampleId);
    this.changed = true;
  }

  /**
   * Writes the ledger to its file when it holds anything the file does not; whether it did. What
   * is written is taken before this returns (entries are replaced, never changed; the sums are
   * copied): the ledger may take submissions and answer requests while the file is encoded and written.
   */
  async save(): Promise<boolean> {
    if (this.file === null || !this.changed) return false;
    const { entries, slots, sums } = this.ledger.kept();
    const compared = new Map([...entries].map((entry) => [entry.sampleId, entry]));
    const samples: KeptLedgerSample[] = [];
    // Every sample with a stamp, compared or not (one labeler so far), so the next session reads neither again.
    for (const [sampleId, stamp] of this.stamps) samples.push({ sampleId, stamp, entry: compared.get(sampleId) ?? null });
    // A sample changed by a submission has no stamp: left out, and taken back with its entry in the next session.
    for (const [sampleId, entry] of compared) if (!this.stamps.has(sampleId)) samples.push({ sampleId, stamp: '', entry });
    // Increasing id, as the file is read back.
    samples.sort((x, y) => x.sampleId - y.sampleId);
    const written = writeAgreementLedgerFile(this.file, this.identity, slots, samples, sums);
    this.changed = false;
    try {
      await written;
      return true;
    } catch (error) {
      this.changed = true;
      throw error;
    }
  }
}
