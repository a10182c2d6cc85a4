import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '../../../electron/db/connection';
import { submittedForAgreement } from '../../../electron/db/queries/agreement-inputs';
import { findAnnotation } from '../../../electron/db/queries/annotation-reads';
import { getPlanSettings } from '../../../electron/db/queries/assignments';
import { listAudit } from '../../../electron/db/queries/audit';
import { datasetVersion, frozenItem, insertDatasetVersion, listDatasetVersions } from '../../../electron/db/queries/datasets';
import { currentGoldLabels, getDraft } from '../../../electron/db/queries/gold';
import { publishedGuideline, readDraft } from '../../../electron/db/queries/guidelines';
import { getImportJob } from '../../../electron/db/queries/import-jobs';
import { listSamples } from '../../../electron/db/queries/samples';
import { trainingRunsOf } from '../../../electron/db/queries/training-runs';
import { versionPage } from '../../../electron/db/queries/version-inputs';
import type { Database } from '../../../electron/db/schema';
import { StoredJsonError } from '../../../electron/db/stored-json';
import { answersOfPage } from '../../../electron/db/version-page';
import { openProjectDatabase, projectPaths } from '../../../electron/services/project-folder';
import { seedBasicRows } from '../../support/basic-rows';
import { bboxLabel, itemOf, summaryOf } from '../../support/dataset-fixtures';
import { useTempDirs } from '../../support/temp-dir';

/** Stored content that must never reach an error message or a log line. */
const SECRET = 'do-not-echo-7731';
/** Two ways a hostile or damaged database can hold a JSON column: not JSON at all, and JSON of the wrong shape. */
const DAMAGE = [
  { what: 'text that is not JSON', text: `{"${SECRET}": ` },
  { what: 'JSON of the wrong shape', text: JSON.stringify(SECRET) },
];

/** A project database with one of everything that holds JSON, all of it valid. */
async function seed(db: Kysely<Database>): Promise<void> {
  await seedBasicRows(db, { labelers: ['ana'], guidelineVersions: [1], samples: 2 });
  const payload_json = JSON.stringify(bboxLabel);
  await db
    .insertInto('annotation')
    .values({
      sample_id: 1,
      labeler_id: 1,
      guideline_version_id: 1,
      status: 'submitted',
      payload_json,
      revision: 1,
      created_at: 1,
      updated_at: 1,
      submitted_at: 1,
    })
    .execute();
  await db
    .insertInto('annotation_revision')
    .values({ annotation_id: 1, revision: 1, status: 'submitted', guideline_version_id: 1, payload_json, saved_at: 1 })
    .execute();
  await db
    .insertInto('gold_decision')
    .values({
      sample_id: 1,
      revision: 1,
      choice: 'labeler',
      source_labeler_id: 1,
      payload_json,
      decided_by: 1,
      decided_at: 1,
      guideline_rule: null,
      guideline_version_id: 1,
    })
    .execute();
  await db.insertInto('gold_draft').values({ sample_id: 1, payload_json, revision: 1, saved_by: 1, saved_at: 1 }).execute();
}

interface Column {
  table: keyof Database;
  column: string;
  /** Puts `text` into the column of one row; returns how errors must name that row. */
  damage(db: Kysely<Database>, text: string): Promise<string>;
}

/** Columns read one record at a time, where a damaged value must fail the read with a typed error. */
const FAILING: (Column & { read(db: Kysely<Database>): Promise<unknown>; by?: string })[] = [
  {
    table: 'dataset_item',
    column: 'item_json',
    async damage(db, text) {
      await insertDatasetVersion(db, summaryOf(1), [itemOf(1), itemOf(2)].map(frozenItem), 1);
      await db.updateTable('dataset_item').set({ item_json: text }).where('sample_id', '=', 2).execute();
      return 'dataset_version_id 1, sample_id 2';
    },
    read: (db) => datasetVersion(db, 1),
  },
  {
    table: 'dataset_version',
    column: 'summary_json',
    async damage(db, text) {
      await insertDatasetVersion(db, summaryOf(1), [itemOf(1)].map(frozenItem), 1);
      await db.updateTable('dataset_version').set({ summary_json: text }).execute();
      return '1';
    },
    read: (db) => datasetVersion(db, 1),
  },
  {
    table: 'assignment_plan',
    column: 'calibration_json',
    async damage(db, text) {
      await db.insertInto('assignment_plan').values({ id: 1, overlap: 2, calibration_json: text, seed: 1, planned_at: 1 }).execute();
      return '1';
    },
    read: (db) => getPlanSettings(db),
  },
  {
    table: 'guideline_draft',
    column: 'addresses_json',
    async damage(db, text) {
      await db.insertInto('guideline_draft').values({ id: 1, body_md: '# Draft', base_version: 1, addresses_json: text, revision: 1, updated_at: 1 }).execute();
      return '1';
    },
    read: (db) => readDraft(db),
  },
  {
    table: 'import_job',
    column: 'report_json',
    async damage(db, text) {
      await db.insertInto('import_job').values({ id: 'job-1', source: '/in', copy_media: 0, state: 'done', started_at: 1, report_json: text }).execute();
      return 'job-1';
    },
    read: (db) => getImportJob(db, 'job-1'),
  },
  {
    table: 'annotation',
    column: 'payload_json',
    async damage(db, text) {
      await db.updateTable('annotation').set({ payload_json: text }).execute();
      return '1';
    },
    read: (db) => findAnnotation(db, 1, 1),
  },
  {
    table: 'annotation_revision',
    column: 'payload_json',
    async damage(db, text) {
      await db.updateTable('annotation_revision').set({ payload_json: text }).execute();
      return '1';
    },
    read: (db) => submittedForAgreement(db),
  },
  {
    table: 'annotation_revision',
    column: 'payload_json',
    by: "a dataset version's read",
    async damage(db, text) {
      await db.updateTable('annotation_revision').set({ payload_json: text }).execute();
      return '1';
    },
    async read(db) {
      const page = await versionPage(db, { afterId: 0, limit: 500 });
      const answersOf = answersOfPage(page, (name) => name);
      return page.samples.map((sample) => answersOf(sample.id));
    },
  },
  {
    table: 'gold_decision',
    column: 'payload_json',
    async damage(db, text) {
      await db.updateTable('gold_decision').set({ payload_json: text }).execute();
      return '1';
    },
    read: (db) => currentGoldLabels(db),
  },
  {
    table: 'gold_draft',
    column: 'payload_json',
    async damage(db, text) {
      await db.updateTable('gold_draft').set({ payload_json: text }).execute();
      return 'sample_id 1';
    },
    read: (db) => getDraft(db, 1),
  },
];

describe('stored JSON is checked where it is read', () => {
  const tempDir = useTempDirs();
  let connection: Connection;
  let db: Kysely<Database>;
  let warnings: string[];

  beforeEach(async () => {
    connection = await openProjectDatabase(projectPaths(tempDir()));
    db = connection.db;
    await seed(db);
    warnings = [];
    // Slow-query notes on a busy machine are not what these tests are about.
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
      const line = args.join(' ');
      if (!line.startsWith('[db] slow query')) warnings.push(line);
    });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await connection.close();
  });

  for (const column of FAILING) {
    for (const damage of DAMAGE) {
      it(`${column.table}.${column.column} holding ${damage.what} fails ${column.by ?? 'its read'} naming table, row and column, not the content`, async () => {
        const row = await column.damage(db, damage.text);
        const error = await column.read(db).then(
          () => null,
          (thrown: unknown) => thrown,
        );
        expect(error).toBeInstanceOf(StoredJsonError);
        const stored = error as StoredJsonError;
        expect(stored.place).toEqual({ table: column.table, column: column.column, row: expect.anything() });
        expect(String(stored.place.row)).toBe(row);
        expect(stored.message).toContain(`${column.column} of ${column.table} row ${row}`);
        expect(stored.message).toMatch(damage.what === 'text that is not JSON' ? /is not valid JSON/ : /does not have the expected shape/);
        expect(stored.message).not.toContain(SECRET);
      });
    }
  }

  it('a dataset item whose label is damaged says the label is what is wrong', async () => {
    await insertDatasetVersion(db, summaryOf(1), [itemOf(1)].map(frozenItem), 1);
    const badBox = { ...bboxLabel, noObjects: false, boxes: [{ id: SECRET, classId: 1, x1: 5, y1: 0, x2: 1, y2: 2 }] };
    await db
      .updateTable('dataset_item')
      .set({ item_json: JSON.stringify({ ...itemOf(1), label: badBox }) })
      .execute();
    const error = (await datasetVersion(db, 1).catch((thrown: unknown) => thrown)) as StoredJsonError;
    expect(error).toBeInstanceOf(StoredJsonError);
    expect(error.message).toMatch(/^The project database is damaged: item_json of dataset_item row dataset_version_id 1, sample_id 1 .*at label: .*x1 < x2/);
    expect(error.message).not.toContain(SECRET);
  });

  it('reads what it writes: a dataset version comes back exactly as it was frozen', async () => {
    await insertDatasetVersion(db, summaryOf(1), [itemOf(1), itemOf(2)].map(frozenItem), 1);
    expect(await datasetVersion(db, 1)).toEqual({ summary: summaryOf(1), items: [itemOf(1), itemOf(2)] });
    expect(await listDatasetVersions(db)).toEqual([summaryOf(1)]);
  });

  it('upgrades a dataset item stored before items and their labels carried every field', async () => {
    await insertDatasetVersion(db, summaryOf(1), [], 1);
    // As versions were frozen before items had `v`, with a label from before payloads had flags, tags and noObjects.
    const { label: _label, ...oldItem } = itemOf(1);
    const oldLabel = { v: 1, kind: 'bbox', boxes: [{ id: 'b1', classId: 1, x1: 0, y1: 0, x2: 2, y2: 2 }] };
    await db
      .insertInto('dataset_item')
      .values({ dataset_version_id: 1, sample_id: 1, item_json: JSON.stringify({ ...oldItem, label: oldLabel }) })
      .execute();

    const read = await datasetVersion(db, 1);
    expect(read!.items).toEqual([
      {
        ...oldItem,
        label: { ...oldLabel, noObjects: false, flags: { unsure: false, comment: '', mediaBroken: false }, tags: [] },
      },
    ]);
  });

  it('refuses a dataset item written by a newer Concord rather than misreading it', async () => {
    await insertDatasetVersion(db, summaryOf(1), [], 1);
    await db
      .insertInto('dataset_item')
      .values({ dataset_version_id: 1, sample_id: 1, item_json: JSON.stringify({ ...itemOf(1), v: 99 }) })
      .execute();
    await expect(datasetVersion(db, 1)).rejects.toThrow(/dataset item is version 99, newer than this Concord understands \(1\)/);
  });

  describe('in listings, one damaged row does not hide the others', () => {
    for (const damage of DAMAGE) {
      it(`with ${damage.what}`, async () => {
        // Dataset versions: the damaged one is left out of the list, the others stay exportable.
        await insertDatasetVersion(db, summaryOf(1), [itemOf(1)].map(frozenItem), 1);
        await insertDatasetVersion(db, summaryOf(2), [itemOf(1)].map(frozenItem), 2);
        await db.updateTable('dataset_version').set({ summary_json: damage.text }).where('version', '=', 1).execute();
        expect((await listDatasetVersions(db)).map((summary) => summary.version)).toEqual([2]);

        // Training runs: the damaged run is left out, the other still compares.
        const run = { version: 2, backend: 'cpu', input: { kind: 'crops' }, epochs: [], evaluation: { dev: score, test: score } };
        for (const runJson of [damage.text, JSON.stringify(run)]) {
          await db
            .insertInto('training_run')
            .values({ dataset_version: 2, created_at: 1, run_json: runJson, model_json: '{}', weights: Buffer.from([1]) })
            .execute();
        }
        expect(await trainingRunsOf(db, 2)).toEqual([{ id: 2, createdAt: new Date(1).toISOString(), ...run }]);

        // Samples: the sample is still listed (it can be labeled), without the metadata that cannot be read.
        await db.updateTable('sample').set({ metadata_json: damage.text }).where('id', '=', 2).execute();
        await db
          .updateTable('sample')
          .set({ metadata_json: JSON.stringify({ speaker: 'ana' }) })
          .where('id', '=', 1)
          .execute();
        const samples = await listSamples(db, { tags: [], offset: 0, limit: 10 });
        expect(samples.rows.map((sample) => [sample.id, sample.metadata])).toEqual([
          [1, { speaker: 'ana' }],
          [2, {}],
        ]);

        // The audit log: every entry keeps its who, what and when; only the unreadable details are dropped.
        for (const details_json of [damage.text, JSON.stringify({ format: 'coco' })]) {
          await db
            .insertInto('audit_log')
            .values({ at: 1, actor_id: 1, actor_name: 'ana', action: 'datasets.export', subject: 'dataset v2', details_json })
            .execute();
        }
        expect((await listAudit(db, { offset: 0, limit: 10 })).entries.map((entry) => [entry.id, entry.details])).toEqual([
          [2, { format: 'coco' }],
          [1, {}],
        ]);

        // Guideline examples: the guideline still reads, without the example whose evidence is damaged.
        const evidence = { kind: 'bbox', image: { width: 4, height: 3 }, crop: { x1: 0, y1: 0, x2: 4, y2: 3 }, labels: [] };
        for (const evidence_json of [damage.text, JSON.stringify(evidence)]) {
          await db
            .insertInto('guideline_example')
            .values({ guideline_version_id: 1, section: 'boxes', polarity: 'do', sample_id: 1, caption: 'tight', evidence_json, created_at: 1 })
            .execute();
        }
        expect((await publishedGuideline(db, 1))!.examples.map((example) => [example.id, example.evidence])).toEqual([[2, evidence]]);

        // Each left-out or emptied row is reported by place, never by content.
        expect(warnings).toEqual([
          expect.stringContaining('summary_json of dataset_version row 1 '),
          expect.stringContaining('run_json of training_run row 1 '),
          expect.stringContaining('metadata_json of sample row 2 '),
          expect.stringContaining('details_json of audit_log row 1 '),
          expect.stringContaining('evidence_json of guideline_example row 1 '),
        ]);
        expect(warnings.join('\n')).not.toContain(SECRET);
      });
    }
  });
});

const score = { accuracy: null, macroF1: null, examples: 0 };
