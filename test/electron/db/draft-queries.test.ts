import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { getDraft, putDraft } from '../../../electron/db/queries/gold';
import { readDraft, writeDraft } from '../../../electron/db/queries/guidelines';
import { insertSample } from '../../../electron/db/queries/samples';
import type { Database } from '../../../electron/db/schema';
import type { BboxPayload } from '../../../shared/annotation/payload';
import { boxOfWidth } from '../../support/box-payload';
import { describeOnEngines } from '../../support/engines';

const payload = boxOfWidth;

async function oneSample(db: Kysely<Database>): Promise<number> {
  return insertSample(
    db,
    { display_name: 'a.png', media_path: '/a.png', media_kind: 'image', mime_type: 'image/png', sha256: 'a', byte_size: 1, imported_at: 1 },
    [],
  );
}

/**
 * Drafts are saved by whoever edits them, from any window or server. A save names the
 * revision it makes; the write itself refuses to land on anything but the revision before
 * it, so a writer whose read is out of date is refused rather than overwriting newer work.
 */
describeOnEngines('draft writes that check their base themselves', (engine) => {
  it("keeps an SME's gold draft when a second writer saves from the same base", async () => {
    const db = await engine.migratedDatabase();
    const sampleId = await oneSample(db);
    expect(await putDraft(db, sampleId, payload(10), 1, null, 1)).toBe(true);
    // Another writer who also saw no draft yet.
    expect(await putDraft(db, sampleId, payload(99), 1, null, 2)).toBe(false);
    expect(await putDraft(db, sampleId, payload(20), 2, null, 3)).toBe(true);
    expect(await putDraft(db, sampleId, payload(99), 2, null, 4)).toBe(false);
    const draft = await getDraft(db, sampleId);
    expect([draft?.revision, (draft?.payload as BboxPayload).boxes[0]!.x2]).toEqual([2, 20]);
  });

  it('keeps the guideline draft when a second writer saves from the same base', async () => {
    const db = await engine.migratedDatabase();
    const draft = (bodyMd: string, revision: number) => ({ bodyMd, baseVersion: 1, addresses: [], revision, at: revision });
    expect(await writeDraft(db, draft('first', 1))).toBe(true);
    expect(await writeDraft(db, draft('stale', 1))).toBe(false);
    expect(await writeDraft(db, draft('second', 2))).toBe(true);
    expect(await writeDraft(db, draft('stale', 2))).toBe(false);
    expect(await readDraft(db)).toMatchObject({ bodyMd: 'second', revision: 2 });
  });
});
