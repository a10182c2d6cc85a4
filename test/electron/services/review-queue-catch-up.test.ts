import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { EventEnvelope, EventMap } from '../../../shared/api/events';
import { AgreementLedger } from '../../../shared/agreement';
import { bySample } from '../../../shared/agreement/current-answers';
import { submittedForAgreement } from '../../../electron/db/queries/agreement-inputs';
import { forgetKeptReviewQueue } from '../../../electron/db/queries/review-queue';
import { makeProject, type MadeProject } from '../../../electron/generate/make-project';
import { expectKeptEqualsComputed } from '../../support/kept-review-queue';
import { useServiceHost, type TestHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

type Progress = EventMap['review.classifying'];

/**
 * After an upgrade from before the Review queue was kept, or a label import answering every
 * sample, every sample must be classified again: far too many for a read to wait for. The first
 * read answers from what is kept and starts classifying in the background, a chunk at a time.
 * (The generator writes SQLite; the chunks' locking on PostgreSQL is the kept queue's own,
 * tested in review-queue-database.test.ts.)
 */
describe('the Review queue classified in the background', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  /** A generated project of 400 images with no queue kept (as after an upgrade), open in a new host, with the events it tells. */
  async function staleProject(): Promise<{ host: TestHost; made: MadeProject; events: Progress[]; ended: () => Promise<Progress> }> {
    const dataDir = tempDir();
    const made = await makeProject({ kind: 'bbox', samples: 400, labelers: 3, boxes: 3, seed: 11, out: join(tempDir(), 'generated'), dataDir });
    const host = newHost(dataDir);
    const connection = await host.openDatabase(made.projectDir);
    await forgetKeptReviewQueue(connection.db).finally(() => connection.close());
    const events: Progress[] = [];
    const waiting: Array<(progress: Progress) => void> = [];
    host.onEvent((event: EventEnvelope) => {
      if (event.name !== 'review.classifying') return;
      const progress = event.payload as Progress;
      events.push(progress);
      if (!progress.running) for (const resolve of waiting.splice(0)) resolve(progress);
    });
    await host.ok('projects.open', { dir: made.projectDir, readOnly: false });
    const ended = () => new Promise<Progress>((resolve) => waiting.push(resolve));
    return { host, made, events, ended };
  }

  /** Each sample's agreement as classifying its answers now gives it (1 − its disagreement score). */
  async function agreementNow(host: TestHost, dir: string): Promise<Map<number, number>> {
    const connection = await host.openDatabase(dir);
    try {
      const agreement = new Map<number, number>();
      for (const [sampleId, answers] of bySample(await submittedForAgreement(connection.db))) {
        const score = AgreementLedger.scoreOfSample('bbox', sampleId, answers, { iouThreshold: 0.5, normalize: [] });
        if (score !== null) agreement.set(sampleId, 1 - score);
      }
      return agreement;
    } finally {
      await connection.close();
    }
  }

  it('answers the first page at once with how far it is, then fills in to what classifying every answer gives', async () => {
    const { host, made, events, ended } = await staleProject();
    const end = ended();
    const first = await host.ok('review.queue', {});
    expect(first.classifying).not.toBeNull();
    expect(first.classifying!.remaining).toBeGreaterThan(0);
    // Nothing was kept: the queue holds only what the background has classified so far.
    expect(first.all).toBe(0);

    const last = await end;
    expect(last).toEqual({ classified: 400, remaining: 0, running: false });
    // Told along the way (at most once a second), the count only growing.
    const counts = events.map((e) => e.classified);
    expect(counts).toEqual([...counts].sort((x, y) => x - y));
    const after = await host.ok('review.queue', {});
    expect(after.classifying).toBeNull();
    expect(after.all).toBeGreaterThan(first.all);
    await expectKeptEqualsComputed(host, made.projectDir, 'bbox');
  });

  it('keeps a submission made meanwhile, and answers a list’s rows’ agreement exactly while the rest waits', async () => {
    const { host, made, ended } = await staleProject();
    const end = ended();
    const sorted = await host.ok('samples.list', { sort: { by: 'agreement', descending: false }, limit: 50 });
    expect(sorted.classifying).not.toBeNull();
    // The rows a list shows are classified as they are asked for, whatever the background has reached.
    const lastIds = (await host.ok('samples.list', { sort: { by: 'added', descending: true }, limit: 20 })).items.map((s) => s.id);
    expect((await host.ok('samples.list', { limit: 1 })).classifying).toBeNull();
    const asked = await host.ok('samples.agreement', { sampleIds: lastIds });

    const labeler = made.labelers[0]!;
    const sampleId = lastIds[0]!;
    const window = host.connection();
    await window.ok('session.signIn', { method: 'password', name: labeler.name, password: 'concord-labeler' });
    const mine = (await window.ok('annotations.mine', { labelerId: labeler.id, sampleId }))!;
    const payload = mine.payload.kind === 'bbox' ? { ...mine.payload, boxes: [] } : mine.payload;
    const expected = await agreementNow(host, made.projectDir);
    expect(asked).toEqual(lastIds.map((id) => ({ sampleId: id, agreement: expected.get(id) ?? null })));
    await window.ok('annotations.save', { labelerId: labeler.id, sampleId, status: 'submitted', baseRevision: mine.revision, payload });

    await end;
    // The background may have ended before the submission: a read classifies what is left.
    expect((await host.ok('review.queue', {})).classifying).toBeNull();
    await expectKeptEqualsComputed(host, made.projectDir, 'bbox');
    const now = await agreementNow(host, made.projectDir);
    expect(now.get(sampleId)).not.toBe(expected.get(sampleId));
    expect(await host.ok('samples.agreement', { sampleIds: [sampleId] })).toEqual([{ sampleId, agreement: now.get(sampleId) ?? null }]);
  });

  it('stops when the project closes, and goes on from there when it opens again', async () => {
    const { host, made, ended } = await staleProject();
    expect((await host.ok('review.queue', {})).classifying).not.toBeNull();
    await host.ok('projects.close', {});
    const connection = await host.openDatabase(made.projectDir);
    const left = await sql<{ n: number }>`select count(*) as n from review_stale`.execute(connection.db).finally(() => connection.close());
    expect(Number(left.rows[0]!.n)).toBeGreaterThan(0);

    await host.ok('projects.open', { dir: made.projectDir, readOnly: false });
    const end = ended();
    const again = await host.ok('review.queue', {});
    expect(again.classifying?.remaining).toBe(Number(left.rows[0]!.n));
    expect((await end).remaining).toBe(0);
    await expectKeptEqualsComputed(host, made.projectDir, 'bbox');
  });

  it('tells a read what stopped it, and tries again on the read after', async () => {
    const { host, made, ended } = await staleProject();
    const connection = await host.openDatabase(made.projectDir);
    // The newest sample's first answer made unreadable: its chunk is the last.
    await sql`update annotation_revision set payload_json = '{"kind":' where id = (
      select r.id from annotation_revision r join annotation a on a.id = r.annotation_id
      where r.status = 'submitted' order by a.sample_id desc, r.id limit 1)`
      .execute(connection.db)
      .finally(() => connection.close());

    const end = ended();
    expect((await host.ok('review.queue', {})).classifying).not.toBeNull();
    const stopped = await end;
    expect(stopped.running).toBe(false);
    expect(stopped.remaining).toBeGreaterThan(0);
    const failure = await host.fails('review.queue', {});
    expect(failure.message).toMatch(/annotation_revision/);
    expect(failure.message).not.toContain('"kind":');
    // The chunks before the damaged sample's stay classified; the next read tries the rest again
    // (few enough now to classify while it waits) and meets the same sample.
    expect(stopped.classified).toBeGreaterThan(0);
    expect(stopped.classified + stopped.remaining).toBe(400);
    expect((await host.fails('review.queue', {})).message).toBe(failure.message);
  });
});
