import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeImage } from '../../support/media-fixtures';
import { importAndWait, useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

describe('re-linking moved media', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  it('finds moved and renamed files by content and points the samples at them', async () => {
    const root = tempDir();
    const before = join(root, 'before');
    await writeImage(join(before, 'a.png'), 'png', 10, 10, 1);
    await writeImage(join(before, 'nested/b.png'), 'png', 12, 10, 2);
    const host = newHost(tempDir());
    await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }] });
    await importAndWait(host, before);

    const after = join(root, 'after');
    renameSync(before, after);
    renameSync(join(after, 'nested', 'b.png'), join(after, 'renamed-b.png'));
    expect((await host.ok('samples.list', {})).items.map((s) => s.mediaAvailable)).toEqual([false, false]);

    expect(await host.ok('media.relink', { folder: after })).toEqual({ relinked: 2, stillMissing: 0 });
    const samples = (await host.ok('samples.list', {})).items;
    expect(samples.every((s) => s.mediaAvailable)).toBe(true);
    const b = samples.find((s) => s.displayName === 'nested/b.png')!;
    expect((await host.resolveMedia({ sampleId: b.id, variant: 'original', sha256: b.sha256 }))?.path).toBe(join(after, 'renamed-b.png'));
  });
});
