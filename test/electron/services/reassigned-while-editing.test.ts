import { join } from 'node:path';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { emptyPayload } from '../../../shared/annotation/empty-payload';
import { boxOfWidth } from '../../support/box-payload';
import { deferred } from '../../support/deferred';
import { describeOnEngines } from '../../support/engines';
import { writeImage } from '../../support/media-fixtures';
import { importAndWait, TEST_PASSWORD, useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

/**
 * A labeler's first edit of a sample can reach the back end late (kept while offline, or from a
 * window left open) after an SME reassigned that sample, which is allowed while nobody started it.
 * The first to be written wins; the other is refused and nothing of it is written.
 */
describeOnEngines('a sample reassigned while its labeler edits it', (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine.name);

  async function setUp() {
    const media = tempDir();
    for (let i = 0; i < 4; i++) await writeImage(join(media, `s${i}.png`), 'png', 64, 48, i + 1);
    const host = newHost(tempDir());
    const project = await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }] });
    await importAndWait(host, media);
    const ana = (await host.ok('labelers.create', { name: 'ana', password: TEST_PASSWORD })).id;
    const ben = (await host.ok('labelers.create', { name: 'ben', password: TEST_PASSWORD })).id;
    const sam = (await host.ok('labelers.create', { name: 'sam', role: 'sme', password: TEST_PASSWORD })).id;
    await host.signInAs(sam);
    await host.ok('assignments.plan', { overlap: 1, seed: 2 });
    const sampleId = (await host.ok('queue.get', { labelerId: ana })).items[0]!.sampleId;
    const [labeler, sme] = [host.connection(), host.connection()];
    await labeler.signInAs(ana);
    await sme.signInAs(sam);
    const save = () => labeler.call('annotations.save', { labelerId: ana, sampleId, payload: boxOfWidth(12), status: 'draft', baseRevision: null });
    const reassign = () => sme.call('assignments.reassign', { sampleId, from: ana, to: ben });
    return { host, project, ana, ben, sampleId, save, reassign, labeler };
  }

  it('refuses the late first save once the sample went to someone else, writing nothing', async () => {
    const { ana, ben, sampleId, save, reassign, labeler, host } = await setUp();
    expect((await reassign()).ok).toBe(true);
    const refused = await save();
    expect(refused).toMatchObject({ ok: false, error: { code: 'failed_precondition', message: expect.stringMatching(/no longer in your queue/) } });
    expect(await labeler.ok('annotations.mine', { labelerId: ana, sampleId })).toBeNull();
    expect((await host.ok('queue.get', { labelerId: ben })).items.map((i) => i.sampleId)).toContain(sampleId);
  });

  it('refuses the reassignment once the first save landed, and keeps that save', async () => {
    const { ana, sampleId, save, reassign, labeler } = await setUp();
    expect((await save()).ok).toBe(true);
    expect(await reassign()).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await labeler.ok('annotations.mine', { labelerId: ana, sampleId }))?.revision).toBe(1);
    // Later saves of work already started are not asked again (it can no longer be reassigned).
    const next = await labeler.ok('annotations.save', { labelerId: ana, sampleId, payload: emptyPayload('bbox'), status: 'draft', baseRevision: 1 });
    expect(next.revision).toBe(2);
  });

  if (engine.name === 'postgres') {
    it('serializes a save and a reassignment in flight at once on the pool: exactly one of them is written', async () => {
      const { project, ana, sampleId, save, reassign, labeler, host } = await setUp();
      // The test holds the project's row, so both calls are under way before either may write.
      const database = await host.openDatabase(project.dir);
      const locked = deferred<void>();
      const release = deferred<void>();
      const holding = database.db.connection().execute(async (held) => {
        await sql`BEGIN`.execute(held);
        await sql`SELECT id FROM project WHERE id = 1 FOR UPDATE`.execute(held);
        locked.resolve();
        await release.promise;
        await sql`COMMIT`.execute(held);
      });
      await locked.promise;
      const outcomes = Promise.all([save(), reassign()]);
      const waitingForLocks = sql<{ n: string }>`
        SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      await expect.poll(async () => Number((await waitingForLocks.execute(database.db)).rows[0]!.n), { timeout: 30_000 }).toBe(2);
      release.resolve();
      await holding;
      const [saved, moved] = await outcomes;
      const mine = await labeler.ok('annotations.mine', { labelerId: ana, sampleId });
      const assigned = await database.db.selectFrom('assignment').select('labeler_id').where('sample_id', '=', sampleId).execute();
      await database.close();
      expect([saved.ok, moved.ok].filter(Boolean)).toHaveLength(1);
      if (saved.ok) expect({ revision: mine?.revision, assigned: assigned.map((a) => a.labeler_id) }).toEqual({ revision: 1, assigned: [ana] });
      else expect({ mine, assignedToAna: assigned.some((a) => a.labeler_id === ana) }).toEqual({ mine: null, assignedToAna: false });
    });
  }
});
