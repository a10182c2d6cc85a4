import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { textOf } from '../../../shared/disagreement/transcript-disagreements';
import { SPLITS as ALL_IN } from '../../support/dataset-splits';
import { readHfFolder } from '../../support/hf-folder-reader';
import { openDemoAs, useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';
import { frozenItemsOf } from '../../support/dataset-items';

const HF_SPLIT = { train: 'train', dev: 'validation', test: 'test' } as const;

describe('the Hugging Face export', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  it('is an imagefolder whose metadata.jsonl gives each image its boxes ([x, y, w, h]) and class indexes', async () => {
    const host = newHost(tempDir());
    await openDemoAs(host, 'bbox', 'eli');
    const { version } = await host.ok('datasets.create', ALL_IN);
    const items = await frozenItemsOf(host, version);
    const classes = (await host.ok('projects.current', {}))!.classes;
    const dir = join(tempDir(), 'hf');
    await host.ok('datasets.export', { version, format: 'huggingface', outDir: dir, copyMedia: true });

    const splits = readHfFolder(dir, 'image');
    expect([...splits.keys()].sort()).toEqual(['test', 'train', 'validation']);
    for (const item of items) {
      const row = splits.get(HF_SPLIT[item.split])!.find((r) => r.file_name === item.fileName)!;
      expect(row, item.fileName).toBeDefined();
      const boxes = item.label.kind === 'bbox' ? item.label.boxes : [];
      const objects = row.objects as { bbox: number[][]; categories: number[] };
      expect(objects.categories.map((index) => classes[index]!.id)).toEqual(boxes.map((box) => box.classId));
      objects.bbox.forEach(([x, y, w, h], i) => {
        const box = boxes[i]!;
        [x, y, x! + w!, y! + h!].forEach((value, k) => expect(value).toBeCloseTo([box.x1, box.y1, box.x2, box.y2][k]!, 2));
      });
      expect(row).toMatchObject({ source: item.source, agreement: item.agreement, flagged: item.source === 'flagged' });
    }
    expect(readFileSync(join(dir, 'DATASET.md'), 'utf8')).toMatch(/\| dev \| `validation` \|/);
  });

  it('is an audiofolder whose metadata.jsonl gives each clip its transcription, duration and segments', async () => {
    const host = newHost(tempDir());
    await openDemoAs(host, 'transcript', 'eli');
    const { version } = await host.ok('datasets.create', ALL_IN);
    const items = await frozenItemsOf(host, version);
    const dir = join(tempDir(), 'hf');
    await host.ok('datasets.export', { version, format: 'huggingface', outDir: dir, copyMedia: false });

    const splits = readHfFolder(dir, 'audio');
    expect([...splits.values()].flat()).toHaveLength(items.length);
    for (const item of items) {
      if (item.label.kind !== 'transcript') throw new Error('a transcript project has transcripts');
      const row = splits.get(HF_SPLIT[item.split])!.find((r) => r.file_name === item.fileName)!;
      expect(row.transcription).toBe(item.label.noSpeech ? '' : textOf(item.label));
      expect(row.duration).toBe((item.durationMs ?? 0) / 1000);
      expect((row.segments as { text: string }[]).map((s) => s.text).join(' ')).toBe(item.label.noSpeech ? '' : textOf(item.label));
    }
  });
});
