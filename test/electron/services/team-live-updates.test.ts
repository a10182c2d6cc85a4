import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../shared/api/events';
import type { Database } from '../../../electron/db/schema';
import { boxOfWidth } from '../../support/box-payload';
import { writeImage } from '../../support/media-fixtures';
import { usePostgresUrls } from '../../support/postgres';
import { importAndWait, TEST_PASSWORD, useServiceHost, type TestHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

/** The connections of servers listening for the team's announcements (each server holds one, named so). */
async function listenerPids(db: Kysely<Database>): Promise<number[]> {
  const { rows } = await sql<{ pid: number }>`
    SELECT pid FROM pg_stat_activity
    WHERE datname = current_database() AND application_name = 'concord listener' AND query LIKE 'LISTEN%'`.execute(db);
  return rows.map((row) => row.pid);
}

/**
 * Two servers on one team database, as behind a load balancer: what a caller changes through
 * one reaches the windows of the other, and the other's agreement figures follow it.
 */
describe('live updates between servers of one team database', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost('postgres');
  const reserveDatabase = usePostgresUrls();

  async function twoServers() {
    const { url, ready } = reserveDatabase();
    await ready;
    const first = newHost(tempDir(), { teamDatabase: url });
    const media = tempDir();
    for (let i = 0; i < 3; i++) await writeImage(join(media, `s${i}.png`), 'png', 64, 48, i);
    const project = await first.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }] });
    await importAndWait(first, media);
    const account = async (name: string, role: 'labeler' | 'sme' | 'engineer') =>
      (await first.ok('labelers.create', { name, role, password: TEST_PASSWORD })).id;
    const people = { ana: await account('ana', 'labeler'), ben: await account('ben', 'labeler'), sam: await account('sam', 'sme') };
    const second = newHost(tempDir(), { teamDatabase: url });
    // The same folder, as servers behind one address share their media root.
    await second.ok('projects.open', { dir: project.dir });
    /** A window of `name`'s on either server, signed in with their password. */
    const window = async (host: TestHost, name: keyof typeof people) => {
      const opened = host.connection();
      await opened.ok('session.signIn', { method: 'password', name, password: TEST_PASSWORD });
      return opened;
    };
    const database = await first.openDatabase(project.dir);
    // Both servers listen before anything is changed: an announcement is only heard by those listening.
    await expect.poll(async () => (await listenerPids(database.db)).length, { timeout: 30_000 }).toBe(2);
    const heardOnSecond: EventEnvelope[] = [];
    second.onEvent((event) => heardOnSecond.push(event));
    return { first, second, people, database, window, heardOnSecond };
  }

  it('a submission, a decision, a publication, an assignment plan and a dataset version made on one server reach the windows of the other', async () => {
    const { first, second, people, database, window, heardOnSecond } = await twoServers();
    const [ana, ben, sam] = [await window(first, 'ana'), await window(first, 'ben'), await window(first, 'sam')];
    const sampleId = (await ana.ok('queue.get', { labelerId: people.ana })).items[0]!.sampleId;
    for (const [labeler, id] of [
      [ana, people.ana],
      [ben, people.ben],
    ] as const)
      await labeler.ok('annotations.save', { labelerId: id, sampleId, status: 'submitted', baseRevision: null, payload: boxOfWidth(20) });
    await expect.poll(() => heardOnSecond.filter((e) => e.name === 'agreement.changed').length, { timeout: 30_000 }).toBe(2);

    const seen = await sam.ok('review.sample', { sampleId });
    await sam.ok('review.decide', { sampleId, choice: 'consensus', reason: 'agreed', baseRevision: null, answersSeenAt: seen.answersAt });
    const draft = await sam.ok('guidelines.draft', {});
    await sam.ok('guidelines.saveDraft', { bodyMd: `${draft.bodyMd}\n\nBoxes are tight.\n`, baseRevision: draft.revision });
    await sam.ok('guidelines.publish', { changelog: 'Tight boxes.', baseRevision: draft.revision + 1 });
    await sam.ok('assignments.plan', { overlap: 2, seed: 3 });
    await first.ok('datasets.create', { ratios: [1, 0, 0], seed: 1, minAgreement: 0, unresolved: 'flag', stratifyTags: [], pinTestFrom: null });

    await expect
      .poll(() => heardOnSecond.filter((e) => e.name !== 'agreement.changed'), { timeout: 30_000 })
      .toEqual([
        { name: 'review.decided', payload: { sampleId, revision: 1 } },
        { name: 'guideline.published', payload: { version: 2 } },
        { name: 'queues.changed', payload: { cause: 'assignments' } },
        { name: 'dataset.created', payload: { version: 1 } },
      ]);
    // The second server's own windows read the same: the version it was told of is there.
    const onSecond = await window(second, 'sam');
    expect((await onSecond.ok('guidelines.current', {})).version).toBe(2);
    await database.close();
  });

  it("the other server's agreement figures already loaded, follow submissions made on the first", async () => {
    const { first, second, people, database, window } = await twoServers();
    const dashboard = await window(second, 'sam');
    const before = await dashboard.ok('agreement.project', {});
    expect(before.worstSamples).toEqual([]); // its ledger is loaded now, and kept

    const [ana, ben] = [await window(first, 'ana'), await window(first, 'ben')];
    const sampleId = (await ana.ok('queue.get', { labelerId: people.ana })).items[0]!.sampleId;
    await ana.ok('annotations.save', { labelerId: people.ana, sampleId, status: 'submitted', baseRevision: null, payload: boxOfWidth(20) });
    await ben.ok('annotations.save', { labelerId: people.ben, sampleId, status: 'submitted', baseRevision: null, payload: boxOfWidth(40) });

    await expect.poll(async () => (await dashboard.ok('agreement.project', {})).worstSamples.map((s) => s.sampleId), { timeout: 30_000 }).toEqual([sampleId]);
    await database.close();
  });

  it("a tag renamed on one server: the other server's windows hear of it, and its agreement per tag already loaded shows the new name", async () => {
    const { first, second, people, database, window, heardOnSecond } = await twoServers();
    const tagId = (await first.ok('taxonomy.change', { action: 'add', target: 'tag', name: 'night' })).itemId;
    const [ana, ben] = [await window(first, 'ana'), await window(first, 'ben')];
    const sampleId = (await ana.ok('queue.get', { labelerId: people.ana })).items[0]!.sampleId;
    await first.ok('samples.tag', { sampleIds: [sampleId], tag: 'night' });
    await ana.ok('annotations.save', { labelerId: people.ana, sampleId, status: 'submitted', baseRevision: null, payload: boxOfWidth(20) });
    await ben.ok('annotations.save', { labelerId: people.ben, sampleId, status: 'submitted', baseRevision: null, payload: boxOfWidth(40) });
    const dashboard = await window(second, 'sam');
    const sliceNames = async () => (await dashboard.ok('agreement.project', {})).perTag.map((figure) => figure.key);
    await expect.poll(sliceNames, { timeout: 30_000 }).toContain('night'); // loaded and kept on the second server

    // Adding the tag was announced with the payload the rename's has. Announcements arrive in the order
    // they were made: once a submission after it is heard, only an announcement heard later is the rename's.
    await expect
      .poll(() => heardOnSecond.some((e) => e.name === 'agreement.changed' && JSON.stringify(e.payload) === JSON.stringify({ sampleId })), { timeout: 30_000 })
      .toBe(true);
    const heardBefore = heardOnSecond.length;
    await first.ok('taxonomy.change', { action: 'edit', target: 'tag', id: tagId, name: 'dark' });
    await expect
      .poll(
        () =>
          heardOnSecond
            .slice(heardBefore)
            .filter((e) => e.name === 'taxonomy.changed')
            .map((e) => e.payload),
        { timeout: 30_000 },
      )
      .toContainEqual({ target: 'tag', id: tagId });
    expect(await sliceNames()).toContain('dark');
    expect(await sliceNames()).not.toContain('night');
    await database.close();
  });

  it("a window's media ticket and a download it prepared hold on the other server, as behind a load balancer", async () => {
    const { first, second, people, database, window } = await twoServers();
    const [ana, ben] = [await window(first, 'ana'), await window(first, 'ben')];
    const sampleId = (await ana.ok('queue.get', { labelerId: people.ana })).items[0]!.sampleId;
    await ana.ok('annotations.save', { labelerId: people.ana, sampleId, status: 'submitted', baseRevision: null, payload: boxOfWidth(20) });
    await ben.ok('annotations.save', { labelerId: people.ben, sampleId, status: 'submitted', baseRevision: null, payload: boxOfWidth(20) });
    const version = (
      await first.ok('datasets.create', { ratios: [1, 0, 0], seed: 1, minAgreement: 0, unresolved: 'flag', stratifyTags: [], pinTestFrom: null })
    ).version;
    await first.ok('labelers.create', { name: 'eli', role: 'engineer', password: TEST_PASSWORD });
    const eli = first.connection();
    const signedIn = await eli.ok('session.signIn', { method: 'password', name: 'eli', password: TEST_PASSWORD });

    // The browser's event stream and media carry the ticket in their address; the next request may reach the other server.
    const ignore = () => undefined;
    const stream = await second.listen(signedIn.mediaTicket, false, ignore, ignore);
    expect(stream).not.toBeNull();
    stream!();
    expect(await second.listen(`${signedIn.mediaTicket.split('.')[0]!}.forged`, false, ignore, ignore)).toBeNull();

    const prepared = await eli.ok('datasets.download', { version, format: 'coco' });
    const token = prepared.url.split('/').pop()!;
    const noHeaders = { transport: 'http', owner: false, session: null, address: null } as const;
    const download = await second.openDownload(token, noHeaders, signedIn.mediaTicket);
    expect(download?.fileName).toBe(prepared.fileName);
    let bytes = 0;
    for await (const chunk of download!.zip) bytes += (chunk as Buffer).length;
    await download!.done();
    expect(bytes).toBeGreaterThan(0);
    // Fetched once, whichever server is asked next.
    expect(await first.openDownload(token, noHeaders, signedIn.mediaTicket)).toBeNull();
    await database.close();
  });

  it('a server whose listening connection drops listens again, and hears what is announced after', async () => {
    const { first, people, database, window, heardOnSecond } = await twoServers();
    const dropped = await listenerPids(database.db);
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ANY(${dropped})`.execute(database.db);
    const listeningAgain = async () => (await listenerPids(database.db)).filter((pid) => !dropped.includes(pid)).length;
    await expect.poll(listeningAgain, { timeout: 30_000 }).toBe(2);

    const ana = await window(first, 'ana');
    const sampleId = (await ana.ok('queue.get', { labelerId: people.ana })).items[0]!.sampleId;
    await ana.ok('annotations.save', { labelerId: people.ana, sampleId, status: 'submitted', baseRevision: null, payload: boxOfWidth(20) });
    await expect.poll(() => heardOnSecond, { timeout: 30_000 }).toEqual([{ name: 'agreement.changed', payload: { sampleId } }]);
    await database.close();
  });
});
