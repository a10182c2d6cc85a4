import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import type { LedgerSums } from '../../shared/agreement/ledger-sums';
import { DIMENSIONS } from '../../shared/agreement/sample-entry';
import type { PackedEntry, SlotName } from '../../shared/agreement/packed-entry';
import { writeFileAtomic } from '../fs/atomic-write';
import { decodeKeptLedger, encodeKeptLedger, KeptLedgerDecodeError, NumberReader } from './agreement-ledger-codec';
import { decodeLedgerSums } from './agreement-ledger-sums-codec';

/**
 * An agreement ledger kept in the project's cache folder between sessions, so that the first
 * dashboard request after opening a large project takes back its entries and sums and measures
 * only the samples whose answers or tags changed since (the database records them, see
 * `samplesChangedSince`; the file keeps where its changes stood when the ledger was read)
 * instead of every sample (minutes at 100,000 images). The file is a cache: when it is missing, damaged,
 * of another format, project or options, the ledger is built from the annotations as before.
 *
 * Layout: the 8 bytes of {@link MAGIC}, the CRC-32 of everything after it (4 bytes, little-endian:
 * a flipped byte among the numbers could otherwise read as a plausible count; format 1 had a
 * SHA-256 there, ten times slower over a 100,000-sample file and no safer against a file made
 * by hand, which the decoder's checks are for), the header's length (4 bytes, little-endian), the header
 * as JSON (format, kind, options, project, position of the changes, strings, slots, where the
 * sums start), zeros up to a multiple of 8 bytes, then the samples and the ledger's sums as
 * little-endian 64-bit numbers (see `agreement-ledger-codec.ts`). Format 2 added the sums (a
 * later session takes them back instead of adding every sample again) and the position in
 * place of a stamp per sample; a format 1 file is built again.
 */

/** Raised whenever what a packed entry means or how it is written changes: a file of another format is built again. */
export const AGREEMENT_LEDGER_FILE_FORMAT = 2;
const MAGIC = Buffer.from('CONCLDGR', 'latin1');
const DIGEST = 4;
/** Where the header's length is written: after the magic and the digest. */
const LENGTH_AT = MAGIC.length + DIGEST;

/** What a kept ledger must have been built for to be taken back. */
export interface KeptLedgerIdentity {
  kind: 'bbox' | 'transcript';
  /** The ledger's options, as the tracker keys them (`JSON.stringify`). */
  options: string;
  /** The project's own (its creation time): a cache file copied from another project is not taken. */
  project: string;
}

export interface KeptLedger {
  /** Where the database's changes stood when the ledger's inputs were read (see `agreementChangePosition`). */
  position: string;
  slots: SlotName[];
  /** Each compared sample's entry, in increasing sample id. */
  entries: PackedEntry[];
  /** The ledger's sums over the entries, as it kept them. */
  sums: LedgerSums;
}

const headerSchema = z.object({
  format: z.literal(AGREEMENT_LEDGER_FILE_FORMAT),
  kind: z.enum(['bbox', 'transcript']),
  options: z.string(),
  project: z.string(),
  position: z.string(),
  strings: z.array(z.string()),
  slots: z.array(z.object({ dimension: z.enum(DIMENSIONS as [SlotName['dimension'], ...SlotName['dimension'][]]), key: z.string() })),
  /** Where the sums start among the numbers. */
  sumsAt: z.number().int().nonnegative(),
});

/**
 * The samples kept in `path` for a ledger of `identity` whose contributions are `width` wide;
 * null when there is no such file or it does not hold what this version wrote (the reason is
 * logged without content).
 */
export async function readAgreementLedgerFile(path: string, identity: KeptLedgerIdentity, width: number): Promise<KeptLedger | null> {
  let bytes: Buffer;
  try {
    // Whole and at once: the worker answers nothing before its ledger is loaded, and this is faster than a read in chunks.
    bytes = readFileSync(path);
  } catch {
    return null; // not kept yet
  }
  const ignored = (reason: string) => {
    console.warn(`[agreement] ${path} is not an agreement ledger of this version (${reason}); it is built again.`);
    return null;
  };
  if (bytes.length < LENGTH_AT + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return ignored('it does not start as one');
  if (crc32(bytes.subarray(LENGTH_AT)) !== bytes.readUInt32LE(MAGIC.length)) return ignored('its contents do not match its checksum');
  const headerLength = bytes.readUInt32LE(LENGTH_AT);
  const headerEnd = LENGTH_AT + 4 + headerLength;
  if (headerEnd > bytes.length) return ignored('the file ends inside its header');
  let header: z.infer<typeof headerSchema>;
  try {
    const parsed = headerSchema.safeParse(JSON.parse(bytes.subarray(LENGTH_AT + 4, headerEnd).toString('utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return ignored(`${issue.path.join('.') || 'the header'}: ${issue.message}`);
    }
    header = parsed.data;
  } catch {
    return ignored('its header is not valid JSON');
  }
  if (header.kind !== identity.kind || header.options !== identity.options || header.project !== identity.project) {
    return ignored('it was kept for another project or other options');
  }
  const bodyStart = Math.ceil(headerEnd / 8) * 8;
  if (bodyStart > bytes.length || (bytes.length - bodyStart) % 8 !== 0) return ignored('its numbers do not fill whole 8-byte values');
  // A view of the file's bytes where they are aligned (a file read whole has a buffer of its own); a copy where not.
  const from = bytes.byteOffset + bodyStart;
  const count = (bytes.length - bodyStart) / 8;
  const body = from % 8 === 0 ? new Float64Array(bytes.buffer, from, count) : new Float64Array(bytes.buffer.slice(from, from + count * 8));
  if (header.sumsAt > count) return ignored('its sums start past its numbers');
  try {
    const entries = decodeKeptLedger(header.strings, body.subarray(0, header.sumsAt), width, header.slots);
    const sums = decodeLedgerSums(new NumberReader(body.subarray(header.sumsAt), header.strings));
    return { position: header.position, slots: header.slots, entries, sums };
  } catch (error) {
    if (!(error instanceof KeptLedgerDecodeError)) throw error;
    return ignored(error.message);
  }
}

/**
 * Keeps `kept` (its entries in increasing sample id) in `path` for a ledger of `identity`, whole
 * or not at all. The entries must not change meanwhile (see `encodeKeptLedger`).
 */
export async function writeAgreementLedgerFile(path: string, identity: KeptLedgerIdentity, kept: KeptLedger): Promise<void> {
  const { strings, data, sumsAt } = await encodeKeptLedger(kept.entries, kept.sums);
  const header = Buffer.from(
    JSON.stringify({ format: AGREEMENT_LEDGER_FILE_FORMAT, ...identity, position: kept.position, strings, slots: kept.slots, sumsAt }),
    'utf8',
  );
  const headerEnd = LENGTH_AT + 4 + header.length;
  const bodyStart = Math.ceil(headerEnd / 8) * 8;
  const bytes = Buffer.alloc(bodyStart + data.byteLength);
  MAGIC.copy(bytes, 0);
  bytes.writeUInt32LE(header.length, LENGTH_AT);
  header.copy(bytes, LENGTH_AT + 4);
  Buffer.from(data.buffer, data.byteOffset, data.byteLength).copy(bytes, bodyStart);
  bytes.writeUInt32LE(crc32(bytes.subarray(LENGTH_AT)), MAGIC.length);
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, bytes);
}
