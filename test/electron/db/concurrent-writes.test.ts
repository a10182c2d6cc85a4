import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { saveAnnotation, type AnnotationWrite } from '../../../electron/db/queries/annotations';
import { addDecision, decisionHistory } from '../../../electron/db/queries/gold';
import { insertLabeler } from '../../../electron/db/queries/labelers';
import { insertGuidelineVersion, insertProject } from '../../../electron/db/queries/project';
import { insertSample } from '../../../electron/db/queries/samples';
import type { Database } from '../../../electron/db/schema';
import { inTransaction } from '../../../electron/db/transaction';
import { toErrorBody } from '../../../electron/services/hosting/error-body';
import type { BboxPayload } from '../../../shared/annotation/payload';
import { boxOfWidth } from '../../support/box-payload';
import { describeOnEngines } from '../../support/engines';

const payload = boxOfWidth;

/** A project with one sample, one labeler and a published guideline. */
async function seeded(db: Kysely<Database>) {
  await insertProject(db, { name: 'p', kind: 'bbox', createdAt: 1 });
  const guidelineVersionId = await insertGuidelineVersion(db, { version: 1, bodyMd: '', changelog: 'first', publishedAt: 1 });
  const labeler = await insertLabeler(db, { name: 'ana', role: 'labeler', createdAt: 1 });
  const sampleId = await insertSample(
    db,
    { display_name: 'a.png', media_path: '/a.png', media_kind: 'image', mime_type: 'image/png', sha256: 'a', byte_size: 1, imported_at: 1 },
    [],
  );
  const write = (width: number): AnnotationWrite => ({ sampleId, labelerId: labeler.id, guidelineVersionId, payload: payload(width), status: 'draft', at: 2 });
  return { sampleId, labelerId: labeler.id, guidelineVersionId, write };
}

describeOnEngines('two writers creating the same thing', (engine) => {
  it('refuses a second decision of the same revision as a conflict, keeping the first', async () => {
    const db = await engine.migratedDatabase();
    const { sampleId, guidelineVersionId } = await seeded(db);
    const decision = {
      sampleId,
      choice: 'edited',
      sourceLabelerId: null,
      decidedBy: null,
      at: 3,
      reason: '',
      guidelineRule: null,
      guidelineVersionId,
    } as const;
    await addDecision(db, { ...decision, payload: payload(10) });
    // What a writer that read "no decision yet" before the first committed would insert.
    const late = sql`INSERT INTO gold_decision (sample_id, revision, choice, payload_json, decided_at, guideline_version_id)
                     VALUES (${sampleId}, 1, 'edited', ${JSON.stringify(payload(99))}, 4, ${guidelineVersionId})`.execute(db);
    const error = await late.then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(toErrorBody('review.decide', error)).toMatchObject({ code: 'conflict', message: expect.stringMatching(/nothing of this change was saved/i) });
    const history = await decisionHistory(db, sampleId);
    expect(history.map((d) => [d.revision, (d.payload as BboxPayload).boxes[0]!.x2])).toEqual([[1, 10]]);
  });

  it('keeps every revision of an annotation saved in turn', async () => {
    const db = await engine.migratedDatabase();
    const { write } = await seeded(db);
    expect((await saveAnnotation(db, write(10))).revision).toBe(1);
    expect((await saveAnnotation(db, write(20))).revision).toBe(2);
    const revisions = await db.selectFrom('annotation_revision').select('revision').orderBy('revision').execute();
    expect(revisions).toEqual([{ revision: 1 }, { revision: 2 }]);
  });

  if (engine.name === 'postgres') {
    it('lets one of two simultaneous saves of an annotation win and refuses the other, on a connection pool', async () => {
      const db = await engine.migratedDatabase();
      const { write } = await seeded(db);
      await saveAnnotation(db, write(10));

      let second: Promise<unknown> | null = null;
      await inTransaction(db, async (trx) => {
        await saveAnnotation(trx, write(20)); // holds the annotation's row until it commits
        // The second writer reads revision 1 too, then waits for the row.
        second = saveAnnotation(db, write(30)).then(
          () => null,
          (reason: unknown) => reason,
        );
        await waitForALockWaiter(db);
      });
      const refused = await second!;
      expect(toErrorBody('annotations.save', refused).code).toBe('conflict');
      const revisions = await db.selectFrom('annotation_revision').select(['revision', 'payload_json']).orderBy('revision').execute();
      expect(revisions.map((r) => [r.revision, (JSON.parse(r.payload_json) as BboxPayload).boxes[0]!.x2])).toEqual([
        [1, 10],
        [2, 20],
      ]);
      const current = await db.selectFrom('annotation').select(['revision', 'payload_json']).executeTakeFirstOrThrow();
      expect([current.revision, (JSON.parse(current.payload_json) as BboxPayload).boxes[0]!.x2]).toEqual([2, 20]);
    });

    it('tells two transactions that wait for each other to try again, keeping what the other wrote', async () => {
      const db = await engine.migratedDatabase();
      const { write, sampleId } = await seeded(db);
      await saveAnnotation(db, write(10));
      await addDecision(db, {
        sampleId,
        choice: 'edited',
        sourceLabelerId: null,
        payload: payload(1),
        decidedBy: null,
        at: 3,
        reason: '',
        guidelineRule: null,
        guidelineVersionId: 1,
      });

      let other: Promise<unknown> = Promise.resolve(null);
      const ours = inTransaction(db, async (trx) => {
        await sql`UPDATE annotation SET time_spent_ms = 1`.execute(trx);
        // The other takes the decision, then wants the annotation we hold; we then want its decision.
        other = inTransaction(db, async (theirs) => {
          await sql`UPDATE gold_decision SET reason = 'theirs'`.execute(theirs);
          await sql`UPDATE annotation SET time_spent_ms = 2`.execute(theirs);
        }).then(
          () => null,
          (reason: unknown) => reason,
        );
        await waitForALockWaiter(db);
        await sql`UPDATE gold_decision SET reason = 'ours'`.execute(trx);
      }).then(
        () => null,
        (reason: unknown) => reason,
      );
      const outcomes = [await ours, await other];
      // PostgreSQL ends one of them; which one is its choice. The refused one changed nothing.
      const refused = outcomes.filter((outcome) => outcome !== null);
      expect(refused).toHaveLength(1);
      expect(toErrorBody('annotations.save', refused[0]).code).toBe('busy');
      const { reason } = await db.selectFrom('gold_decision').select('reason').executeTakeFirstOrThrow();
      const { time_spent_ms } = await db.selectFrom('annotation').select('time_spent_ms').executeTakeFirstOrThrow();
      expect([reason, time_spent_ms]).toEqual(outcomes[0] === null ? ['ours', 1] : ['theirs', 2]);
    });
  }
});

/** Until another connection of this database is waiting for a row lock (it has read, and now wants to write). */
async function waitForALockWaiter(db: Kysely<Database>): Promise<void> {
  for (;;) {
    const { rows } = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(db);
    if (rows[0]!.n > 0) return;
  }
}
