import { expect, it } from 'vitest';
import { appendAudit, listAudit } from '../../../electron/db/queries/audit';
import { datasetVersion, frozenItem, insertDatasetVersion, latestDatasetVersion, listDatasetVersions } from '../../../electron/db/queries/datasets';
import { failInterruptedImports, getImportJob, insertImportJob } from '../../../electron/db/queries/import-jobs';
import { findCredentials, getOwner, insertLabeler, listLabelers, updateLabeler } from '../../../electron/db/queries/labelers';
import { countRows } from '../../../electron/db/queries/project';
import {
  deleteExpiredSessions,
  deleteSessionsOf,
  extendSession,
  findSessionByPublicId,
  findSessionWithAccount,
  insertSession,
} from '../../../electron/db/queries/sessions';
import { clearFailures, getFailures, putFailures } from '../../../electron/db/queries/sign-in-failures';
import { toErrorBody } from '../../../electron/services/hosting/error-body';
import { itemOf, summaryOf } from '../../support/dataset-fixtures';
import { describeOnEngines } from '../../support/engines';

describeOnEngines('account, audit, import and dataset queries', (engine) => {
  it('keeps accounts with unique names, and tells a second account of the same name it conflicts', async () => {
    const db = await engine.migratedDatabase();
    const ana = await insertLabeler(db, { name: 'ana', role: 'labeler', createdAt: 1, passwordHash: 'scrypt$x' });
    expect(ana).toMatchObject({ name: 'ana', role: 'labeler', disabled: false, hasPassword: true, owner: false });
    expect(await updateLabeler(db, ana.id, { role: 'sme', disabledAt: 5 })).toMatchObject({ role: 'sme', disabled: true });
    expect(await findCredentials(db, 'ana')).toMatchObject({ passwordHash: 'scrypt$x' });
    // The migrations made the owner admin; accounts list by name.
    expect((await listLabelers(db)).map((labeler) => labeler.name)).toEqual(['admin', 'ana']);
    expect(await getOwner(db)).toMatchObject({ name: 'admin', owner: true });
    const duplicate = await insertLabeler(db, { name: 'ana', role: 'admin', createdAt: 2 }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(toErrorBody('labelers.create', duplicate).code).toBe('conflict');
    expect(await countRows(db, 'labeler')).toBe(2);
  });

  it('keeps sessions until they end or expire, and counts failed sign-ins per key', async () => {
    const db = await engine.migratedDatabase();
    const ana = await insertLabeler(db, { name: 'ana', role: 'labeler', createdAt: 1 });
    const day = 86_400_000;
    const now = Date.UTC(2026, 11, 3);
    await insertSession(db, 'hash-1', { publicId: 'one', labelerId: ana.id, createdAt: now, expiresAt: now + day });
    await insertSession(db, 'hash-2', { publicId: 'two', labelerId: ana.id, createdAt: now, expiresAt: now + 2 * day });
    await extendSession(db, 'one', now + 3 * day);
    expect(await findSessionWithAccount(db, 'hash-1')).toEqual({
      session: { publicId: 'one', labelerId: ana.id, createdAt: now, expiresAt: now + 3 * day },
      account: ana,
    });
    await deleteExpiredSessions(db, now + 2 * day);
    expect(await findSessionByPublicId(db, 'two')).toBeNull();
    await deleteSessionsOf(db, ana.id, 'one');
    expect(await findSessionByPublicId(db, 'one')).not.toBeNull();
    await deleteSessionsOf(db, ana.id);
    expect(await findSessionWithAccount(db, 'hash-1')).toBeNull();

    await putFailures(db, 'account:ana', { failures: 1, lastAt: now, lockedUntil: 0 });
    await putFailures(db, 'account:ana', { failures: 2, lastAt: now + 1, lockedUntil: now + 60_000 });
    expect(await getFailures(db, 'account:ana')).toEqual({ failures: 2, lastAt: now + 1, lockedUntil: now + 60_000 });
    await clearFailures(db, 'account:ana');
    expect(await getFailures(db, 'account:ana')).toBeNull();
  });

  it('lists the audit log newest first, reports interrupted imports, and stores dataset versions in full', async () => {
    const db = await engine.migratedDatabase();
    for (const subject of ['first', 'second'])
      await appendAudit(db, { at: 1, actorId: null, actorName: 'owner', action: 'datasets.create', subject, details: { n: 1 } });
    expect(await listAudit(db, { offset: 0, limit: 1 })).toMatchObject({ total: 2, entries: [{ subject: 'second', details: { n: 1 } }] });

    await insertImportJob(db, { id: 'job-1', source: '/in', copyMedia: true, startedAt: 1 });
    await failInterruptedImports(db, 2);
    expect(await getImportJob(db, 'job-1')).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/interrupted/),
      finishedAt: new Date(2).toISOString(),
    });

    // Items made as they are written (as a version's are), enough for two full statements and one more
    // item; their content is stored as given.
    const count = 4_001;
    function* madeAsWritten() {
      for (let id = 1; id <= count; id++) yield frozenItem(itemOf(id));
    }
    const summary = summaryOf(1);
    await insertDatasetVersion(db, summary, madeAsWritten(), 3);
    expect(await latestDatasetVersion(db)).toBe(1);
    expect(await listDatasetVersions(db)).toEqual([summary]);
    const stored = await datasetVersion(db, 1);
    expect(stored?.items.map((item) => item.sampleId)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    expect(stored?.items[count - 1]).toEqual(itemOf(count));
  });

  it('reads a version in pages with every item once, in sample order, and none of another version', async () => {
    const db = await engine.migratedDatabase();
    // Stored out of order, with gaps in the sample ids, beside a second version of overlapping samples.
    const ids = Array.from({ length: 130 }, (_, i) => 3 * i + 1).reverse();
    await insertDatasetVersion(db, summaryOf(1), ids.map(itemOf).map(frozenItem), 1);
    await insertDatasetVersion(db, summaryOf(2), [itemOf(4), itemOf(500)].map(frozenItem), 2);
    const inOrder = [...ids].sort((a, b) => a - b).map(itemOf);
    // A page size that divides the count (the last page is empty), one that does not, and one past it.
    for (const pageSize of [13, 7, 1_000]) expect((await datasetVersion(db, 1, pageSize))?.items).toEqual(inOrder);
    expect((await datasetVersion(db, 2, 1))?.items).toEqual([itemOf(4), itemOf(500)]);
  });
});
