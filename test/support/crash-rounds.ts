import { existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { emptyPayload } from '../../shared/annotation/empty-payload';
import { mulberry32 } from '../../shared/assignment/prng';
import { writeImage } from './media-fixtures';
import { startWebApp, type RunningWebApp } from './web-app';

/** What the crash rounds do between kills; each is a loop of real API calls. */
export const ACTIVITIES = ['saves', 'import', 'export', 'publication'] as const;
type Activity = (typeof ACTIVITIES)[number];

export interface CrashRoundsOptions {
  kills: number;
  /** A folder for the host's settings, the project (the demo) and the exports. */
  workDir: string;
  /** The same seed kills at the same moments of the same activities. */
  seed: number;
  /** Rounds stop starting once this much time has passed, whatever `kills` says. */
  budgetMs: number;
  log?: (line: string) => void;
}

export interface CrashRoundsReport {
  kills: number;
  byActivity: Record<Activity, number>;
  /** Every confirmed save, publication, dataset version and export checked after the last kill. */
  checked: { saves: number; publications: number; datasets: number; exports: number; imports: number };
  /** What was found missing or broken: empty when the storage held. */
  problems: string[];
}

/** What the host confirmed before it was killed: it must all be there afterwards. */
interface Confirmed {
  saves: Map<number, { revision: number; x2: number }>;
  publications: Map<number, string>;
  datasets: Set<number>;
  exports: string[];
  imports: string[];
}

/**
 * Starts the built web host on the demo project again and again, each time runs one
 * activity (saves, an import with copied media, a dataset export, a guideline
 * publication) and kills the host with SIGKILL at a random moment of it. Afterwards the
 * database must pass `PRAGMA integrity_check` and hold everything the host confirmed.
 */
export async function runCrashRounds(options: CrashRoundsOptions): Promise<CrashRoundsReport> {
  const next = mulberry32(options.seed); // seeded, so a failing run can be repeated
  const log = options.log ?? (() => undefined);
  const dataDir = join(options.workDir, 'settings');
  const confirmed: Confirmed = { saves: new Map(), publications: new Map(), datasets: new Set(), exports: [], imports: [] };
  const byActivity = Object.fromEntries(ACTIVITIES.map((a) => [a, 0])) as Record<Activity, number>;
  const started = Date.now();
  let kills = 0;
  let projectDir = '';

  const problems: string[] = [];

  while (kills < options.kills && Date.now() - started < options.budgetMs) {
    const activity = ACTIVITIES[Math.floor(next() * ACTIVITIES.length)]!;
    // An import first starts its probe worker, so its window is longer: some finish, most are cut.
    const killAfterMs = 5 + Math.floor(next() * (activity === 'import' ? 3000 : 800));
    const context = { round: kills, workDir: options.workDir };
    if (activity === 'import') await writeImportFolder(context);
    const app = await startWebApp(dataDir);
    try {
      // The first start opens nothing; every later one reopens the demo opened here.
      projectDir = ((await app.call<{ dir: string } | null>('projects.current')) ?? (await app.call<{ dir: string }>('projects.openDemo', { kind: 'bbox' })))
        .dir;
      const running = ACTIVITY_RUNNERS[activity](app, confirmed, context).catch((error: unknown) => {
        // The kill breaks the connection (fetch throws a TypeError); any answer the host gave was a real failure.
        if (!(error instanceof TypeError)) problems.push(`round ${context.round} (${activity}): ${(error as Error).message}`);
      });
      await new Promise((resolve) => setTimeout(resolve, killAfterMs));
      await app.kill();
      await running;
      kills++;
      byActivity[activity]++;
      log(`kill ${kills}: during ${activity}, after ${killAfterMs} ms`);
    } finally {
      await app.kill();
    }
  }

  const verified = await verify(dataDir, projectDir, confirmed);
  return { kills, byActivity, checked: verified.checked, problems: [...problems, ...verified.problems] };
}

const importFolder = ({ round, workDir }: RoundContext) => join(workDir, `import-${round}`);

/** New images for each import round, made before the host starts so the kill lands in the import itself. */
async function writeImportFolder(context: RoundContext): Promise<void> {
  for (let i = 0; i < 12; i++) await writeImage(join(importFolder(context), `round-${context.round}-${i}.png`), 'png', 64, 48, 1000 * (context.round + 1) + i);
}

interface RoundContext {
  round: number;
  workDir: string;
}

type Runner = (app: RunningWebApp, confirmed: Confirmed, context: RoundContext) => Promise<void>;

/** Signs the script in as one of the demo's people (the owner looks them up first). */
async function signInAs(app: RunningWebApp, name: string): Promise<number> {
  await app.call('session.signIn', { method: 'owner' });
  const labelers = await app.call<Array<{ id: number; name: string }>>('labelers.list');
  const id = labelers.find((l) => l.name === name)!.id;
  await app.call('session.signIn', { method: 'demo', labelerId: id });
  return id;
}

const ACTIVITY_RUNNERS: Record<Activity, Runner> = {
  async saves(app, confirmed) {
    const ana = await signInAs(app, 'ana');
    await app.call('guidelines.acknowledge', { labelerId: ana });
    const classId = (await app.call<{ classes: Array<{ id: number }> }>('projects.current')).classes[0]!.id;
    const samples = (await app.call<{ items: Array<{ sampleId: number }> }>('queue.get', { labelerId: ana })).items.map((i) => i.sampleId);
    for (let i = 0; ; i++) {
      const sampleId = samples[i % samples.length]!;
      const mine = await app.call<{ revision: number } | null>('annotations.mine', { labelerId: ana, sampleId });
      // Inside every image of the project, the imported 64×48 ones included.
      const x2 = 11 + (i % 30);
      const payload = { ...emptyPayload('bbox'), boxes: [{ id: 'c', classId, x1: 1, y1: 1, x2, y2: 10 }] };
      const saved = await app.call<{ revision: number }>('annotations.save', {
        labelerId: ana,
        sampleId,
        payload,
        status: 'draft',
        baseRevision: mine?.revision ?? null,
      });
      confirmed.saves.set(sampleId, { revision: saved.revision, x2 });
    }
  },

  async import(app, confirmed, context) {
    const { jobId } = await app.call<{ jobId: string }>('imports.start', { source: importFolder(context), copyMedia: true });
    for (;;) {
      const report = await app.call<{ state: string }>('imports.get', { jobId });
      if (report.state === 'done') {
        confirmed.imports.push(jobId);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  },

  async export(app, confirmed, { round, workDir }) {
    await signInAs(app, 'eli');
    const version = await app.call<{ version: number }>('datasets.create', {
      ratios: [0.5, 0.25, 0.25],
      seed: round + 1,
      minAgreement: 0,
      unresolved: 'flag',
      stratifyTags: [],
      pinTestFrom: null,
    });
    confirmed.datasets.add(version.version);
    const outDir = join(workDir, `export-${round}`);
    await app.call('datasets.export', { version: version.version, format: 'coco', outDir, copyMedia: true });
    confirmed.exports.push(outDir);
  },

  async publication(app, confirmed, { round }) {
    await signInAs(app, 'sam');
    for (let i = 0; ; i++) {
      const draft = await app.call<{ bodyMd: string; revision: number }>('guidelines.draft');
      const edited = await app.call<{ revision: number }>('guidelines.saveDraft', {
        bodyMd: `${draft.bodyMd}\n\nRule added in round ${round}, step ${i}.`,
        baseRevision: draft.revision,
      });
      const changelog = `Round ${round}, step ${i}.`;
      const published = await app.call<{ version: number }>('guidelines.publish', { changelog, baseRevision: edited.revision });
      confirmed.publications.set(published.version, changelog);
    }
  },
};

/** Reads the project after the last kill: the file must be sound and hold every confirmed change. */
async function verify(dataDir: string, projectDir: string, confirmed: Confirmed): Promise<Pick<CrashRoundsReport, 'checked' | 'problems'>> {
  const problems: string[] = [];
  // One clean start and stop first, as a user would after the crash (it also ends interrupted imports).
  const app = await startWebApp(dataDir);
  const jobs = await Promise.all(confirmed.imports.map((jobId) => app.call<{ state: string }>('imports.get', { jobId })));
  await app.stop();
  jobs.forEach((job, i) => job.state !== 'done' && problems.push(`import ${confirmed.imports[i]} was done, now ${job.state}`));

  const db = new BetterSqlite3(join(projectDir, 'concord.db'), { readonly: true });
  try {
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
    if (integrity.join() !== 'ok') problems.push(`integrity_check: ${integrity.join('; ')}`);
    const revision = db.prepare(
      `SELECT r.payload_json AS payload FROM annotation_revision r JOIN annotation a ON a.id = r.annotation_id
       JOIN labeler l ON l.id = a.labeler_id WHERE l.name = 'ana' AND a.sample_id = ? AND r.revision = ?`,
    );
    for (const [sampleId, save] of confirmed.saves) {
      const row = revision.get(sampleId, save.revision) as { payload: string } | undefined;
      const x2 = row ? (JSON.parse(row.payload) as { boxes: Array<{ x2: number }> }).boxes[0]?.x2 : undefined;
      if (x2 !== save.x2) problems.push(`sample ${sampleId}: confirmed revision ${save.revision} (x2 ${save.x2}) is ${row ? `x2 ${x2}` : 'missing'}`);
    }
    const version = db.prepare('SELECT changelog FROM guideline_version WHERE version = ?');
    for (const [number, changelog] of confirmed.publications) {
      const row = version.get(number) as { changelog: string } | undefined;
      if (row?.changelog !== changelog) problems.push(`guideline v${number} was published, now ${row ? 'different' : 'missing'}`);
    }
    const dataset = db.prepare('SELECT 1 FROM dataset_version WHERE version = ?');
    for (const number of confirmed.datasets) if (!dataset.get(number)) problems.push(`dataset version ${number} was made, now missing`);
  } finally {
    db.close();
  }
  for (const dir of confirmed.exports) if (!existsSync(join(dir, 'manifest.json'))) problems.push(`export ${dir} was confirmed, has no manifest.json`);

  const checked = {
    saves: confirmed.saves.size,
    publications: confirmed.publications.size,
    datasets: confirmed.datasets.size,
    exports: confirmed.exports.length,
    imports: confirmed.imports.length,
  };
  return { checked, problems };
}
