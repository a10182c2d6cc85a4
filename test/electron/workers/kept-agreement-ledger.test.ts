import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgreementOptions, AnnotationForAgreement } from '../../../shared/agreement';
import { mulberry32 } from '../../../shared/assignment/prng';
import { SAMPLES_PER_BLOCK } from '../../../electron/workers/agreement-ledger-codec';
import { KeptAgreementLedger } from '../../../electron/workers/kept-agreement-ledger';
import { box, boxes } from '../../shared/agreement/fixtures';
import { useTempDirs } from '../../support/temp-dir';

const OPTIONS: AgreementOptions = { iouThreshold: 0.5, normalize: [] };
const IDENTITY = { kind: 'bbox', options: JSON.stringify(OPTIONS), project: 'created 2026-12-05' } as const;
/** Two blocks in the file, so that one can be read and the other left. */
const SAMPLES = SAMPLES_PER_BLOCK + 100;

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

  it('leaves the entries of a ledger its file still holds in the file, and reads them all to write it again once a sample changed', async () => {
    const file = join(tempDir(), 'ledger');
    const ids = Array.from({ length: SAMPLES }, (_, i) => i + 1);
    const built = (await KeptAgreementLedger.load('bbox', OPTIONS, IDENTITY, file)).kept;
    built.begin('changes at 1', true);
    built.fill(ids, ids.flatMap((id) => answersOf(id)));
    expect(await built.save()).toBe(true);
    const dashboard = built.ledger.dashboard();

    // Nothing changed since it was kept: the dashboard is answered from the sums, and nothing is read or written.
    const unchanged = await KeptAgreementLedger.load('bbox', OPTIONS, IDENTITY, file);
    expect(unchanged.position).toBe('changes at 1');
    unchanged.kept.begin('changes at 2', false);
    expect(unchanged.kept.ledger.dashboard()).toEqual(dashboard);
    expect(await unchanged.kept.save()).toBe(false);
    // Both blocks are still to be read, one at a time.
    expect(unchanged.kept.ledger.readDeferred()).toBe(true);
    expect(unchanged.kept.ledger.readDeferred()).toBe(true);
    expect(unchanged.kept.ledger.readDeferred()).toBe(false);
    unchanged.kept.close();

    // A sample changed: its block is read to take it back, and the other is read to write the file whole.
    const changed = (await KeptAgreementLedger.load('bbox', OPTIONS, IDENTITY, file)).kept;
    changed.begin('changes at 3', false);
    changed.fill([1], answersOf(1, 40));
    expect(await changed.save()).toBe(true);
    expect(changed.ledger.readDeferred()).toBe(false);
    const again = await KeptAgreementLedger.load('bbox', OPTIONS, IDENTITY, file);
    expect(again.position).toBe('changes at 3');
    expect(again.kept.ledger.dashboard()).toEqual(changed.ledger.dashboard());
    expect(again.kept.ledger.dashboard()).not.toEqual(dashboard);
    expect(again.kept.ledger.size).toBe(SAMPLES);
    again.kept.close();
    changed.close();
  });
});
