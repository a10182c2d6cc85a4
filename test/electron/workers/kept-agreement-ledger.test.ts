import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgreementOptions, AnnotationForAgreement } from '../../../shared/agreement';
import { mulberry32 } from '../../../shared/assignment/prng';
import { SAMPLES_PER_BLOCK } from '../../../electron/workers/agreement-ledger-codec';
import { KeptAgreementLedger, REWRITE_AFTER } from '../../../electron/workers/kept-agreement-ledger';
import { box, boxes } from '../../shared/agreement/fixtures';
import { useTempDirs } from '../../support/temp-dir';

const OPTIONS: AgreementOptions = { iouThreshold: 0.5, normalize: [] };
const IDENTITY = { kind: 'bbox', options: JSON.stringify(OPTIONS), project: 'created 2026-12-05' } as const;
/** More than a rewrite's worth, so that a rewrite is not all of them; in several blocks, so that one can be read and the others left. */
const SAMPLES = REWRITE_AFTER + 100;
const BLOCKS = Math.ceil(SAMPLES / SAMPLES_PER_BLOCK);

/** Three labelers' boxes on a sample, near enough to agree mostly; the third's `shift` away. */
function answersOf(sampleId: number, shift = 0): AnnotationForAgreement[] {
  const random = mulberry32(sampleId);
  const x = random() * 50;
  const moved = (labelerId: number) => (labelerId === 3 ? shift : 0);
  return [1, 2, 3].map((labelerId) =>
    boxes(sampleId, labelerId, [box(x + random() * 3 + moved(labelerId), 0, x + 20 + moved(labelerId), 20, 1 + (sampleId % 2))]),
  );
}

describe('KeptAgreementLedger', () => {
  const tempDir = useTempDirs();

  it('leaves the entries of a ledger its file still holds, or nearly, in the file, and reads them all to write it again once enough changed', async () => {
    const file = join(tempDir(), 'ledger');
    const ids = Array.from({ length: SAMPLES }, (_, i) => i + 1);
    const built = (await KeptAgreementLedger.load('bbox', OPTIONS, IDENTITY, file)).kept;
    built.begin('changes at 1', true);
    built.fill(
      ids,
      ids.flatMap((id) => answersOf(id)),
    );
    expect(await built.save()).toBe(true);
    const dashboard = built.ledger.dashboard();

    // Nothing changed since it was kept: the dashboard is answered from the sums, and nothing is read or written.
    const unchanged = await KeptAgreementLedger.load('bbox', OPTIONS, IDENTITY, file);
    expect(unchanged.position).toBe('changes at 1');
    unchanged.kept.begin('changes at 2', false);
    expect(unchanged.kept.ledger.dashboard()).toEqual(dashboard);
    expect(await unchanged.kept.save()).toBe(false);
    // Every block is still to be read, one at a time.
    expect(BLOCKS).toBeGreaterThan(2);
    for (let block = 0; block < BLOCKS; block++) expect(unchanged.kept.ledger.readDeferred()).toBe(true);
    expect(unchanged.kept.ledger.readDeferred()).toBe(false);
    unchanged.kept.close();

    // A sample changed: its block is read to take it back; the file is not written again for so few.
    const one = (await KeptAgreementLedger.load('bbox', OPTIONS, IDENTITY, file)).kept;
    one.begin('changes at 3', false);
    one.fill([1], answersOf(1, 40));
    expect(one.ledger.dashboard()).not.toEqual(dashboard);
    expect(await one.save()).toBe(false);
    expect(one.ledger.readDeferred()).toBe(true); // another block, still in the file
    one.close();

    // A rewrite's worth changed: every block is read and the file written whole, where the changes stand now.
    const changedIds = ids.slice(0, REWRITE_AFTER);
    const many = await KeptAgreementLedger.load('bbox', OPTIONS, IDENTITY, file);
    expect(many.position).toBe('changes at 1');
    many.kept.begin('changes at 4', false);
    many.kept.fill(
      changedIds,
      changedIds.flatMap((id) => answersOf(id, 40)),
    );
    expect(await many.kept.save()).toBe(true);
    expect(many.kept.ledger.readDeferred()).toBe(false);
    const again = await KeptAgreementLedger.load('bbox', OPTIONS, IDENTITY, file);
    expect(again.position).toBe('changes at 4');
    expect(again.kept.ledger.dashboard()).toEqual(many.kept.ledger.dashboard());
    expect(again.kept.ledger.dashboard()).not.toEqual(dashboard);
    expect(again.kept.ledger.size).toBe(SAMPLES);
    again.kept.close();
    many.kept.close();
  });
});
