import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyPayload } from '../../shared/annotation/empty-payload';
import { REPO_ROOT } from '../support/paths';
import { useTempDirs } from '../support/temp-dir';
import { startWebApp, type RunningWebApp } from '../support/web-app';

const run = promisify(execFile);

/** Runs the built `concord` command in its own process, as a user beside the app would. */
async function concord(args: string[], dataDir: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(REPO_ROOT, 'bin', 'concord.js'), ...args], {
      env: { ...process.env, CONCORD_DATA_DIR: dataDir },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('the command line beside a running app', () => {
  const tempDir = useTempDirs('suite');
  const running: RunningWebApp[] = [];
  afterAll(async () => {
    for (const app of running) await app.stop();
  });

  it('exports and imports labels while the app saves, and neither loses anything', { timeout: 120_000 }, async () => {
    const app = await startWebApp(tempDir());
    running.push(app);
    const project = await app.call<{ dir: string; classes: Array<{ id: number }> }>('projects.openDemo', { kind: 'bbox' });
    const labelers = await app.call<Array<{ id: number; name: string }>>('labelers.list');
    const ana = labelers.find((l) => l.name === 'ana')!.id;
    await app.call('session.signIn', { method: 'demo', labelerId: ana });
    const samples = (await app.call<{ items: Array<{ sampleId: number }> }>('queue.get', { labelerId: ana })).items.map((i) => i.sampleId);

    let saving = true;
    const confirmed = new Map<number, { revision: number; x2: number }>();
    const saves = (async () => {
      for (let i = 0; saving; i++) {
        const sampleId = samples[i % samples.length]!;
        const mine = await app.call<{ revision: number } | null>('annotations.mine', { labelerId: ana, sampleId });
        const x2 = 20 + (i % 100);
        const payload = { ...emptyPayload('bbox'), boxes: [{ id: 'a', classId: project.classes[0]!.id, x1: 1, y1: 1, x2, y2: 10 }] };
        const saved = await app.call<{ revision: number }>('annotations.save', {
          labelerId: ana,
          sampleId,
          payload,
          status: 'draft',
          baseRevision: mine?.revision ?? null,
        });
        confirmed.set(sampleId, { revision: saved.revision, x2 });
      }
    })();

    const dataDir = tempDir();
    const outputs: Array<{ code: number; output: string }> = [];
    for (let round = 0; round < 3; round++) {
      const out = join(tempDir(), `export-${round}`);
      outputs.push(await concord(['export', project.dir, '--format', 'coco', '--out', out, '--splits', '1,0,0'], dataDir));
      outputs.push(
        await concord(['labels', 'import', project.dir, '--labeler', `coco-${round}`, '--format', 'coco', join(out, 'train', 'annotations.json')], dataDir),
      );
    }
    saving = false;
    await saves;

    for (const result of outputs) expect(result, result.output).toMatchObject({ code: 0 });
    expect(confirmed.size).toBe(samples.length);
    for (const [sampleId, { revision, x2 }] of confirmed) {
      const mine = await app.call<{ revision: number; payload: { boxes: Array<{ x2: number }> } }>('annotations.mine', { labelerId: ana, sampleId });
      expect(mine.revision).toBe(revision);
      expect(mine.payload.boxes[0]!.x2).toBe(x2);
    }
  });
});
