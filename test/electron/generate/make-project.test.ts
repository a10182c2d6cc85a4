import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedMediaPath, makeProject, type MakeProjectOptions } from '../../../electron/generate/make-project';
import { probeMedia } from '../../../electron/media/probe';
import { useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

describe('make-project, the large-project generator', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  /** Generates a project and reads back, through the API as its owner, every sample's content hash and every annotation. */
  async function generateAndRead(options: Omit<MakeProjectOptions, 'out' | 'dataDir'>) {
    const dataDir = tempDir();
    const made = await makeProject({ ...options, out: join(tempDir(), 'generated'), dataDir });
    const host = newHost(dataDir);
    const project = await host.ok('projects.open', { dir: made.projectDir, readOnly: false });
    const samples = (await host.ok('samples.list', { limit: 500 })).items;
    const annotations: Record<string, unknown> = {};
    for (const sample of samples) {
      for (const labeler of made.labelers) {
        const view = await host.ok('annotations.mine', { labelerId: labeler.id, sampleId: sample.id });
        annotations[`${sample.displayName} by ${labeler.name}`] = view && { status: view.status, revision: view.revision, payload: view.payload };
      }
    }
    return { made, host, project, samples, annotations, hashes: samples.map((s) => `${s.displayName} ${s.sha256}`) };
  }

  it('makes a box project of real images, labelers who sign in, and every labeler’s submitted boxes of every image', async () => {
    const { made, host, project, samples, annotations } = await generateAndRead({ kind: 'bbox', samples: 12, labelers: 2, boxes: 4, seed: 3 });
    expect(project).toMatchObject({ kind: 'bbox', sampleCount: 12, labelerCount: 3 /* and the owner */ });
    expect(samples.every((s) => s.mediaAvailable && s.image?.width === 160 && s.image?.height === 120)).toBe(true);
    expect(made.annotations).toBe(24);
    const views = Object.values(annotations) as Array<{ status: string; revision: number; payload: { kind: string; boxes: unknown[] } }>;
    expect(views.every((v) => v.status === 'submitted' && v.revision === 1 && v.payload.kind === 'bbox')).toBe(true);
    // About four boxes an image, as asked (one fewer to one more, now and then one missed).
    const boxes = views.reduce((sum, v) => sum + v.payload.boxes.length, 0) / views.length;
    expect(boxes).toBeGreaterThan(2.5);
    expect(boxes).toBeLessThan(5.5);

    // A generated labeler is a real account: they sign in with the password and find their work submitted.
    const labeler = host.connection();
    await labeler.ok('session.signIn', { method: 'password', name: 'labeler1', password: 'concord-labeler' });
    const queue = await labeler.ok('queue.get', { labelerId: made.labelers[0]!.id });
    expect(queue.counts).toEqual({ todo: 0, draft: 0, submitted: 12 });
    // And the agreement dashboard has every sample's comparison to show.
    const agreement = await host.ok('agreement.project', {});
    expect(agreement.samplesCompared).toBe(12);
    expect(agreement.worstSamples).toHaveLength(12);
  });

  it('makes the same media and the same annotations for the same seed, and others for another seed', async () => {
    const options = { kind: 'bbox' as const, samples: 6, labelers: 2, boxes: 3 };
    const first = await generateAndRead({ ...options, seed: 11 });
    const again = await generateAndRead({ ...options, seed: 11 });
    const other = await generateAndRead({ ...options, seed: 12 });
    expect(again.hashes).toEqual(first.hashes);
    expect(again.annotations).toEqual(first.annotations);
    expect(other.hashes).not.toEqual(first.hashes);
    expect(other.annotations).not.toEqual(first.annotations);
  });

  it('makes a transcript project of real clips, each transcribed by every labeler', async () => {
    const { project, samples, annotations } = await generateAndRead({ kind: 'transcript', samples: 5, labelers: 3, seed: 1 });
    expect(project).toMatchObject({ kind: 'transcript', sampleCount: 5 });
    expect(samples.every((s) => s.mediaAvailable && s.audio?.durationMs === 1000)).toBe(true);
    const views = Object.values(annotations) as Array<{ status: string; payload: { kind: string; segments: Array<{ text: string }> } }>;
    expect(views).toHaveLength(15);
    expect(views.every((v) => v.status === 'submitted' && v.payload.kind === 'transcript' && v.payload.segments[0]!.text.length > 0)).toBe(true);
  });

  it('registers each file with the facts the import’s probe reads from it, so the bulk path is an import’s equal', async () => {
    for (const kind of ['bbox', 'transcript'] as const) {
      const dataDir = tempDir();
      const made = await makeProject({ kind, samples: 4, labelers: 1, boxes: 3, seed: 5, out: join(tempDir(), 'generated'), dataDir });
      const host = newHost(dataDir);
      await host.ok('projects.open', { dir: made.projectDir, readOnly: false });
      const samples = (await host.ok('samples.list', { limit: 10 })).items;
      expect(samples.map((s) => s.displayName)).toEqual([0, 1, 2, 3].map((i) => generatedMediaPath(kind, i)));
      for (const sample of samples) {
        const thumbnailDir = join(tempDir(), 'thumbnails');
        const probed = await probeMedia(join(made.mediaDir, sample.displayName), { kind: kind === 'bbox' ? 'image' : 'audio', thumbnailDir });
        if (!probed.ok) throw new Error(`${sample.displayName}: ${probed.reason}`);
        // The Samples grid's thumbnail is the one an import makes, served from the project's own cache.
        const served = await host.resolveMedia({ sampleId: sample.id, variant: 'thumbnail', sha256: sample.sha256 });
        if (kind === 'bbox') {
          expect(served?.path).toBe(join(made.projectDir, 'cache', 'thumbnails', `${sample.sha256}.webp`));
          expect(readFileSync(served!.path)).toEqual(readFileSync(join(thumbnailDir, `${sample.sha256}.webp`)));
        } else expect(served?.path).toBe(join(made.mediaDir, sample.displayName));
        expect({
          sha256: sample.sha256,
          byteSize: sample.byteSize,
          kind: sample.mediaKind,
          image: sample.image,
          audio: sample.audio,
          available: sample.mediaAvailable,
        }).toEqual({
          sha256: probed.sha256,
          byteSize: probed.byteSize,
          kind: probed.mediaKind,
          image: probed.image ?? null,
          audio: probed.audio ?? null,
          available: true,
        });
      }
    }
  });

  it('refuses a folder that already holds something, leaving it as it was', async () => {
    const out = tempDir();
    mkdirSync(join(out, 'mine'));
    writeFileSync(join(out, 'mine', 'keep.txt'), 'mine');
    await expect(makeProject({ kind: 'bbox', samples: 1, labelers: 1, out, dataDir: tempDir() })).rejects.toThrow(/is not empty/);
    expect(readdirSync(out)).toEqual(['mine']);
    expect(readFileSync(join(out, 'mine', 'keep.txt'), 'utf8')).toBe('mine');
  });
});
