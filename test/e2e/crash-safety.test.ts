import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyPayload } from '../../shared/annotation/empty-payload';
import { runCrashRounds } from '../support/crash-rounds';
import { useTempDirs } from '../support/temp-dir';
import { startWebApp, type RunningWebApp } from '../support/web-app';

describe('a process killed mid-session', () => {
  const tempDir = useTempDirs('suite');
  const running: RunningWebApp[] = [];
  afterAll(async () => {
    for (const app of running) await app.stop();
  });

  it('keeps every save it confirmed, with its revisions', async () => {
    const dataDir = tempDir();
    const first = await startWebApp(dataDir);
    running.push(first);
    const project = await first.call<{ dir: string; classes: Array<{ id: number }> }>('projects.create', {
      dir: join(tempDir(), 'p'),
      name: 'P',
      kind: 'bbox',
      classes: [{ name: 'car' }],
    });
    const { jobId } = await first.call<{ jobId: string }>('imports.start', {
      source: join(import.meta.dirname, '..', '..', 'resources', 'demo', 'bbox', 'images'),
    });
    await expect.poll(async () => (await first.call<{ state: string }>('imports.get', { jobId })).state, { timeout: 30_000 }).toBe('done');
    const labeler = await first.call<{ id: number }>('labelers.create', { name: 'ana', password: 'crash test password' });
    await first.call('session.signIn', { method: 'password', name: 'ana', password: 'crash test password' });
    const [sample] = (await first.call<{ items: Array<{ sampleId: number }> }>('queue.get', { labelerId: labeler.id })).items;
    let revision: number | null = null;
    for (let i = 1; i <= 20; i++) {
      const payload = { ...emptyPayload('bbox'), boxes: [{ id: 'a', classId: project.classes[0]!.id, x1: 1, y1: 1, x2: 10 + i, y2: 10 }] };
      const saved: { revision: number } = await first.call('annotations.save', {
        labelerId: labeler.id,
        sampleId: sample!.sampleId,
        payload,
        status: 'draft',
        baseRevision: revision,
      });
      revision = saved.revision;
    }
    await first.kill();

    const second = await startWebApp(dataDir); // reopens the last project
    running.push(second);
    await second.call('session.signIn', { method: 'password', name: 'ana', password: 'crash test password' });
    const mine = await second.call<{ revision: number; payload: { boxes: Array<{ x2: number }> } }>('annotations.mine', {
      labelerId: labeler.id,
      sampleId: sample!.sampleId,
    });
    expect(mine.revision).toBe(20);
    expect(mine.payload.boxes[0]!.x2).toBe(30);
  });

  // The short version of `npm run test:crash` (30 kills): kills at random moments of every activity.
  it('keeps the database sound and every confirmed change through kills during saves, imports, exports and publications', { timeout: 180_000 }, async () => {
    const seed = Number(process.env.CONCORD_CRASH_SEED ?? Date.now() % 1_000_000);
    const report = await runCrashRounds({ kills: 6, workDir: tempDir(), seed, budgetMs: 120_000 });
    expect(report.problems, `seed ${seed}`).toEqual([]);
    expect(report.kills).toBe(6);
  });
});
