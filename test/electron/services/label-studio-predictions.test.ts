import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededSplits } from '../../support/dataset-splits';
import { openDemoAs, useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

const SPLITS = seededSplits(3);

interface Task {
  data: Record<string, unknown>;
  annotations: { result: unknown[] }[];
  predictions?: unknown[];
}

describe('Label Studio predictions', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  for (const kind of ['bbox', 'transcript'] as const) {
    it(`${kind}: predictions that repeat a version's labels score perfectly; tasks outside the version are reported`, async () => {
      const host = newHost(tempDir());
      await openDemoAs(host, kind, 'eli');
      const version = await host.ok('datasets.create', SPLITS);
      const out = join(tempDir(), 'ls');
      await host.ok('datasets.export', { version: version.version, format: 'label-studio', outDir: out });
      // The version's final labels become a model's predictions: the annotations move to `predictions`.
      const tasks: Task[] = (JSON.parse(readFileSync(join(out, 'tasks.json'), 'utf8')) as Task[]).map((task) => ({
        ...task,
        annotations: [],
        predictions: task.annotations.map((a) => ({ model_version: 'copy', score: 0.9, result: a.result })),
      }));
      tasks.push({ data: { [kind === 'bbox' ? 'image' : 'audio']: 'elsewhere.jpg' }, annotations: [], predictions: [{ result: [] }] });
      const path = join(out, 'predictions.json');
      writeFileSync(path, JSON.stringify(tasks));

      const scored = await host.ok('train.predictions', { version: version.version, format: 'label-studio', path });
      expect(scored.problems).toEqual([
        { where: `task ${tasks.length} (elsewhere.jpg), prediction 1`, message: '"elsewhere.jpg" is not a file of this dataset version' },
      ]);
      expect(scored.scored).toHaveLength(version.counts.train + version.counts.dev + version.counts.test);
      expect(scored.scored.every((s) => s.score === 1)).toBe(true);
      expect(scored.missing).toBe(0);
    });
  }
});
