import { AgreementLedger, type AgreementOptions, type AnnotationForAgreement } from '../../shared/agreement';
import { bySample } from '../../shared/agreement/current-answers';
import type { KeptLedgerSample } from './agreement-ledger-codec';
import { readAgreementLedgerFile, writeAgreementLedgerFile, type KeptLedger, type KeptLedgerIdentity } from './agreement-ledger-file';

/**
 * An agreement ledger in the worker with what it was built from: the stamp of each sample's
 * inputs and the file it is kept in between sessions. It is filled in increasing sample id, each
 * sample taken back from the file when its stamp matches or measured from its annotations when
 * not, so its sums are added in the order a fresh ledger adds them and come out exactly the same.
 */
export class KeptAgreementLedger {
  /** Samples of the file still to take back, by id; emptied as `fill` reaches them. */
  private restorable = new Map<number, KeptLedgerSample>();
  private slots: KeptLedger['slots'] = [];
  /** Whether the ledger holds samples its file does not (or lacks some it has). */
  private changed = true;

  private constructor(
    readonly ledger: AgreementLedger,
    private readonly stamps: Map<number, string>,
    private readonly file: string | null,
    private readonly identity: KeptLedgerIdentity,
  ) {}

  /** A ledger of `options` to fill, and the samples whose annotations it needs (in increasing id). */
  static async load(
    kind: 'bbox' | 'transcript',
    options: AgreementOptions,
    identity: KeptLedgerIdentity,
    stamps: Map<number, string>,
    file: string | null,
  ): Promise<{ kept: KeptAgreementLedger; stale: number[] }> {
    const kept = new KeptAgreementLedger(new AgreementLedger(kind, options), stamps, file, identity);
    const read = file === null ? null : await readAgreementLedgerFile(file, identity, kept.ledger.width);
    let restored = 0;
    for (const [sampleId, sample] of read?.samples ?? []) {
      if (stamps.get(sampleId) !== sample.stamp) continue;
      kept.restorable.set(sampleId, sample);
      restored++;
    }
    kept.slots = read?.slots ?? [];
    kept.changed = read === null || restored !== read.samples.size || restored !== stamps.size;
    const stale = [...stamps.keys()].filter((sampleId) => !kept.restorable.has(sampleId)).sort((x, y) => x - y);
    return { kept, stale };
  }

  /** Takes in the next `samples`: each from the file when it was kept there, else from `annotations`. */
  fill(samples: readonly number[], annotations: readonly AnnotationForAgreement[]): void {
    const measured = bySample(annotations);
    for (const sampleId of samples) {
      const sample = this.restorable.get(sampleId);
      if (sample) {
        this.restorable.delete(sampleId);
        if (sample.entry) this.ledger.restoreSample(sample.entry, this.slots);
      } else {
        const list = measured.get(sampleId);
        if (list) this.ledger.setSample(sampleId, list);
      }
    }
  }

  /** A submission changed the sample after loading: its stamp is no longer known, so the next session measures it again. */
  set(sampleId: number, annotations: readonly AnnotationForAgreement[]): void {
    this.ledger.setSample(sampleId, annotations);
    this.stamps.delete(sampleId);
    this.changed = true;
  }

  /**
   * Writes the ledger to its file when it holds anything the file does not; whether it did. What
   * is written is taken before this returns (entries are replaced, never changed): the ledger may
   * take submissions and answer requests while the file is encoded and written.
   */
  async save(): Promise<boolean> {
    if (this.file === null || !this.changed) return false;
    const { entries, slots } = this.ledger.kept();
    const compared = new Map([...entries].map((entry) => [entry.sampleId, entry]));
    const samples: KeptLedgerSample[] = [];
    // Every sample with a stamp, compared or not (one labeler so far), so the next session reads neither again.
    for (const [sampleId, stamp] of this.stamps) samples.push({ sampleId, stamp, entry: compared.get(sampleId) ?? null });
    // Increasing id, as the file is read back and a fresh ledger is filled.
    samples.sort((x, y) => x.sampleId - y.sampleId);
    const written = writeAgreementLedgerFile(this.file, this.identity, slots, samples);
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
