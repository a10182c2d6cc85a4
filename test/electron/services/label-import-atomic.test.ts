import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type * as AnnotationQueries from '../../../electron/db/queries/annotations';
import { openDemoAs, useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

/** Saves this many annotations, then fails the next one as a full disk or a lost lock would. */
const failure = vi.hoisted(() => ({ savesLeft: Infinity }));

vi.mock('../../../electron/db/queries/annotations', async (importOriginal) => {
  const original = await importOriginal<typeof AnnotationQueries>();
  return {
    ...original,
    saveAnnotation: (...args: Parameters<typeof original.saveAnnotation>) => {
      if (failure.savesLeft-- <= 0) throw new Error('simulated write failure');
      return original.saveAnnotation(...args);
    },
  };
});

describe('a label import that fails while writing', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  it('leaves neither the labeler nor any of its annotations', async () => {
    const host = newHost(tempDir());
    const labelers = await openDemoAs(host, 'bbox', 'eli');
    const path = join(tempDir(), 'labels.json');
    const images = ['coffee.jpg', 'camera.jpg', 'rocket.jpg'].map((file_name, i) => ({ id: i + 1, file_name }));
    writeFileSync(path, JSON.stringify({ images, annotations: [], categories: [] }));

    failure.savesLeft = 1; // the first image's label is written, the second fails
    const error = await host.fails('labels.import', { labeler: 'vendor', format: 'coco', path });
    failure.savesLeft = Infinity;
    expect(error.code).toBe('internal');
    expect((await host.ok('labelers.list', {})).map((l) => l.name).sort()).toEqual([...labelers.keys()].sort());

    // The same file imports whole once writing works again.
    const report = await host.ok('labels.import', { labeler: 'vendor', format: 'coco', path });
    expect(report.imported).toBe(3);
    const samples = (await host.ok('samples.list', {})).items.filter((s) => images.some((i) => s.displayName.endsWith(i.file_name)));
    for (const sample of samples) expect(await host.ok('annotations.mine', { labelerId: report.labelerId!, sampleId: sample.id })).not.toBeNull();
  });
});
