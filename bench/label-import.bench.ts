// What the database's change triggers (migration 26: each submitted answer notes its sample's
// change, so a kept agreement ledger knows what to read again) cost a large label import. In one
// run, on copies of a generated project (`--samples N`, 20,000 by default; large-project makes
// it): an outside labeler's COCO file with every image's boxes imported by `labels.import`, once
// as the app does and once with those triggers removed from the copy, alternating, `--rounds R`
// times (2 by default). Reports both medians and their ratios, wall and the host's CPU, with the load average.
// Run with `npm run bench -- label-import [--samples N] [--rounds R]`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openConnection } from '../electron/db/connection';
import { migrate } from '../electron/db/migrate';
import { AGREEMENT_CHANGE_RULES } from '../electron/db/migrations/0026-agreement-changes';
import { generatedMediaPath } from '../electron/generate/make-project';
import { GENERATED_CLASSES, IMAGE_HEIGHT, IMAGE_WIDTH, truthBoxes } from '../electron/generate/synthetic-labels';
import { startWebApp } from '../test/support/web-app';
import { ensureProject } from './large-project.bench';
import { copyProjectDatabase, samplesArg, spread, startMeter, timed, wholeNumberArg, type Benchmark, type Figure } from './support';

const SEED = 1;
const BOXES = 5;

/** A COCO file as another tool would write it: every generated image with its true boxes. */
function writeCoco(path: string, samples: number): number {
  const images = [];
  const annotations = [];
  for (let index = 0; index < samples; index++) {
    images.push({ id: index + 1, file_name: generatedMediaPath('bbox', index), width: IMAGE_WIDTH, height: IMAGE_HEIGHT });
    for (const box of truthBoxes(SEED, index, BOXES)) {
      const bbox = [box.x1, box.y1, box.x2 - box.x1, box.y2 - box.y1];
      annotations.push({ id: annotations.length + 1, image_id: index + 1, category_id: box.classIndex + 1, bbox, area: bbox[2]! * bbox[3]!, iscrowd: 0 });
    }
  }
  const categories = GENERATED_CLASSES.map((c, i) => ({ id: i + 1, name: c.name }));
  writeFileSync(path, JSON.stringify({ images, annotations, categories }));
  return annotations.length;
}

/** A copy of the project's database, migrated, with or without migration 26's triggers. */
async function preparedCopy(projectDir: string, into: string, triggers: boolean): Promise<void> {
  copyProjectDatabase(projectDir, into);
  const connection = openConnection(join(into, 'concord.db'));
  try {
    await migrate(connection.db);
    if (!triggers) for (const rule of AGREEMENT_CHANGE_RULES) await sql.raw(`drop trigger ${rule.name}`).execute(connection.db);
  } finally {
    await connection.close();
  }
}

/** Milliseconds `labels.import` of the file takes on a fresh web host with the copy open, and the host's CPU seconds over it. */
async function importOnce(work: string, copy: string, file: string): Promise<{ ms: number; cpu: number; imported: number }> {
  const app = await startWebApp(join(work, `app-data-${copy.split('/').pop()}`));
  try {
    await app.call('projects.open', { dir: copy });
    await app.call('session.signIn', { method: 'owner' });
    let imported = 0;
    const cost = startMeter(app.pid);
    const ms = await timed(async () => {
      const report = await app.call<{ imported: number; problems: Array<{ where: string; message: string }> }>('labels.import', {
        labeler: 'vendor',
        format: 'coco',
        path: file,
      });
      imported = report.imported;
      if (report.problems.length > 0)
        console.log(`  ${report.problems.length} problems, the first: ${report.problems[0]!.where}: ${report.problems[0]!.message}`);
    });
    return { ms, cpu: cost().cpuMs / 1000, imported };
  } finally {
    await app.stop();
  }
}

export const benchmark: Benchmark = {
  name: 'label-import',
  summary: "a large COCO label import with and without the database's agreement-change triggers, in the same run",
  async run(args) {
    const samples = samplesArg(args, 20_000);
    const rounds = wholeNumberArg(args, 'rounds', 2);
    const { kept, figures } = await ensureProject('bbox', samples);
    const work = mkdtempSync(join(tmpdir(), 'concord-label-import-'));
    try {
      const file = join(work, 'vendor.coco.json');
      const boxes = writeCoco(file, samples);
      const times = { with: [] as number[], without: [] as number[] };
      const cpu = { with: [] as number[], without: [] as number[] };
      const loads: number[] = [loadavg()[0]!];
      for (let round = 0; round < rounds; round++) {
        for (const variant of round % 2 === 0 ? (['with', 'without'] as const) : (['without', 'with'] as const)) {
          const copy = join(work, `${variant}-${round}`);
          await preparedCopy(kept.projectDir, copy, variant === 'with');
          const measured = await importOnce(work, copy, file);
          if (measured.imported !== samples) throw new Error(`the ${variant} round imported ${measured.imported} of ${samples} images`);
          times[variant].push(measured.ms);
          cpu[variant].push(measured.cpu);
          loads.push(loadavg()[0]!);
          console.log(`  round ${round + 1}, ${variant} the triggers: ${(measured.ms / 1000).toFixed(1)} s (host CPU ${measured.cpu.toFixed(1)} s)`);
          rmSync(copy, { recursive: true, force: true });
        }
      }
      const median = (values: number[]) => spread(values).median;
      const [withTriggers, without] = [median(times.with) / 1000, median(times.without) / 1000];
      const [cpuWith, cpuWithout] = [median(cpu.with), median(cpu.without)];
      const size = `${samples.toLocaleString('en')} images, ${boxes.toLocaleString('en')} boxes`;
      const note = `medians of ${rounds} alternating rounds; load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`;
      console.log(
        `  with ${withTriggers.toFixed(1)} s (CPU ${cpuWith.toFixed(1)} s), without ${without.toFixed(1)} s (CPU ${cpuWithout.toFixed(1)} s): ${(withTriggers / without).toFixed(2)}× wall, ${(cpuWith / cpuWithout).toFixed(2)}× CPU (${note})`,
      );
      return [
        ...figures,
        {
          what: `labels.import (COCO), ${size}, as the app does`,
          value: withTriggers,
          unit: 's',
          aim: null,
          note: `host CPU ${cpuWith.toFixed(1)} s; ${note}`,
        },
        {
          what: `labels.import (COCO), ${size}, the change triggers removed`,
          value: without,
          unit: 's',
          aim: null,
          note: `host CPU ${cpuWithout.toFixed(1)} s; ${note}`,
        },
        { what: 'the change triggers: the import with them against without, wall time', value: withTriggers / without, unit: '×', aim: null, note },
        { what: "the change triggers: the same, the host's CPU time", value: cpuWith / cpuWithout, unit: '×', aim: null, note },
      ] satisfies Figure[];
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};
