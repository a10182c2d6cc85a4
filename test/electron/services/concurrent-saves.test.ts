import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { BboxPayload } from '../../../shared/annotation/payload';
import { boxOfWidth } from '../../support/box-payload';
import { deferred } from '../../support/deferred';
import { writeImage } from '../../support/media-fixtures';
import { importAndWait, TEST_PASSWORD, useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

/**
 * A team server answers many calls at once over a pool of PostgreSQL connections, where a
 * transaction holds only the rows it locks. These races are real: two saves in flight at
 * once, each on its own connection of the host's pool.
 */
describe('two saves of one annotation at once on a team server', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost('postgres');

  it('lets one land and tells the other which revision beat it, never overwriting the winner', async () => {
    const media = tempDir();
    await writeImage(join(media, 'a.png'), 'png', 64, 48, 1);
    const host = newHost(tempDir());
    const project = await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }] });
    await importAndWait(host, media);
    const ana = await host.ok('labelers.create', { name: 'ana', password: TEST_PASSWORD });
    // Two windows of one labeler, both editing from revision 1.
    const [left, right] = [host.connection(), host.connection()];
    await left.signInAs(ana.id);
    await right.signInAs(ana.id);
    const sampleId = (await left.ok('queue.get', { labelerId: ana.id })).items[0]!.sampleId;
    const save = (tab: typeof left, payload: BboxPayload) =>
      tab.call('annotations.save', { labelerId: ana.id, sampleId, status: 'draft', baseRevision: 1, payload });
    await left.ok('annotations.save', { labelerId: ana.id, sampleId, status: 'draft', baseRevision: null, payload: boxOfWidth(10) });

    // The test holds the annotation's row, so both saves are in flight at once before either may write.
    const database = await host.openDatabase(project.dir);
    const locked = deferred<void>();
    const release = deferred<void>();
    const holding = database.db.connection().execute(async (held) => {
      await sql`BEGIN`.execute(held);
      await sql`SELECT id FROM annotation WHERE sample_id = ${sampleId} FOR UPDATE`.execute(held);
      locked.resolve();
      await release.promise;
      await sql`COMMIT`.execute(held);
    });
    await locked.promise; // the saves start only once the row is held, however slow the machine
    const leftPayload = boxOfWidth(20);
    const rightPayload = boxOfWidth(30);
    const outcomes = Promise.all([save(left, leftPayload), save(right, rightPayload)]);
    const waitingForLocks = sql<{ n: string }>`
      SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    await expect.poll(async () => Number((await waitingForLocks.execute(database.db)).rows[0]!.n), { timeout: 30_000 }).toBe(2);
    release.resolve();
    await holding;
    const [leftResult, rightResult] = await outcomes;

    const results = [
      { result: leftResult, payload: leftPayload },
      { result: rightResult, payload: rightPayload },
    ];
    const won = results.filter((r) => r.result.ok);
    const lost = results.filter((r) => !r.result.ok);
    expect(won).toHaveLength(1);
    expect(lost.map((r) => !r.result.ok && r.result.error)).toEqual([
      expect.objectContaining({ code: 'conflict', message: expect.stringMatching(/saved elsewhere .*revision 2, this edit started from 1/) }),
    ]);
    expect((await left.ok('annotations.mine', { labelerId: ana.id, sampleId }))?.payload).toEqual(won[0]!.payload);
    const history = await database.db.selectFrom('annotation_revision').select(['revision', 'payload_json']).orderBy('revision').execute();
    await database.close();
    expect(history.map((h) => h.revision)).toEqual([1, 2]);
    expect(JSON.parse(history[1]!.payload_json)).toEqual(won[0]!.payload);
  });
});
