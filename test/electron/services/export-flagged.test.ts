import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../../../electron/db/connection';
import { datasetVersion } from '../../../electron/db/queries/datasets';
import type { DatasetItem } from '../../../shared/domain/dataset';
import { SPLITS } from '../../support/dataset-splits';
import { openDemoAs, useServiceHost, type TestHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

/**
 * A version of the demo where samples whose labelers agree less than `minAgreement` are
 * unresolved, and kept with their mark.
 */
async function flaggedVersion(host: TestHost, kind: 'bbox' | 'transcript', minAgreement: number): Promise<{ version: number; items: DatasetItem[] }> {
  await openDemoAs(host, kind, 'eli');
  const { version } = await host.ok('datasets.create', { ...SPLITS, minAgreement });
  const current = (await host.ok('projects.current', {}))!;
  const connection = openConnection(join(current.dir, 'concord.db'));
  try {
    const items = (await datasetVersion(connection.db, version))!.items;
    // Both kinds of sample, so each format is seen telling them apart.
    expect(items.some((item) => item.source === 'flagged')).toBe(true);
    expect(items.some((item) => item.source !== 'flagged')).toBe(true);
    return { version, items };
  } finally {
    await connection.close();
  }
}

const flaggedIds = (items: readonly DatasetItem[]) =>
  items
    .filter((item) => item.source === 'flagged')
    .map((item) => item.sampleId)
    .sort((a, b) => a - b);

function manifestFlagged(dir: string): number[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { flaggedSamples: { sampleId: number; fileName: string }[] };
  return manifest.flaggedSamples.map((sample) => sample.sampleId).sort((a, b) => a - b);
}

describe('unresolved samples kept in a version keep their mark in every export', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  it('images: each VOC annotation says whether it is flagged, and every manifest lists the flagged samples (YOLO has nowhere else)', async () => {
    const host = newHost(tempDir());
    const { version, items } = await flaggedVersion(host, 'bbox', 0.9);
    const voc = join(tempDir(), 'voc');
    await host.ok('datasets.export', { version, format: 'voc', outDir: voc });
    for (const item of items) {
      const xml = readFileSync(join(voc, 'Annotations', `${item.fileName.replace(/\.[^.]+$/, '')}.xml`), 'utf8');
      expect(xml, item.fileName).toContain(`<concord><source>${item.source}</source><flagged>${item.source === 'flagged' ? 1 : 0}</flagged></concord>`);
    }
    expect(manifestFlagged(voc)).toEqual(flaggedIds(items));
    const yolo = join(tempDir(), 'yolo');
    await host.ok('datasets.export', { version, format: 'yolo', outDir: yolo });
    expect(manifestFlagged(yolo)).toEqual(flaggedIds(items));
  });

  it('transcripts: each JSONL row and CSV row says whether its clip is flagged', async () => {
    const host = newHost(tempDir());
    const { version, items } = await flaggedVersion(host, 'transcript', 0.8); // the demo's clips agree 65% to 87%
    const byFile = new Map(items.map((item) => [item.fileName, item]));
    const jsonl = join(tempDir(), 'jsonl');
    const csv = join(tempDir(), 'csv');
    await host.ok('datasets.export', { version, format: 'jsonl', outDir: jsonl });
    await host.ok('datasets.export', { version, format: 'csv', outDir: csv });
    const seen = new Set<number>();
    for (const split of ['train', 'val', 'test']) {
      for (const line of readFileSync(join(jsonl, split, 'manifest.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)) {
        const row = JSON.parse(line) as { audio_filepath: string; flagged: boolean };
        const item = byFile.get(row.audio_filepath.replace(/^audio\//, ''))!;
        expect(row.flagged, item.fileName).toBe(item.source === 'flagged');
      }
      const [header, ...rows] = readFileSync(join(csv, split, 'metadata.csv'), 'utf8')
        .split('\n')
        .filter(Boolean);
      expect(header).toBe('file_name,duration,text,flagged');
      for (const row of rows) {
        const item = byFile.get(row.split(',')[0]!)!;
        expect(row.endsWith(`,${item.source === 'flagged'}`), item.fileName).toBe(true);
        seen.add(item.sampleId);
      }
    }
    expect(seen.size).toBe(items.length);
    expect(manifestFlagged(csv)).toEqual(flaggedIds(items));
  });
});
