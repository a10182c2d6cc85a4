import type { Kysely } from 'kysely';
import type { ImportReport } from '../../../shared/api/imports';
import { importReportListsSchema } from '../../../shared/domain/stored/import-report';
import type { Database, ImportJobRow } from '../schema';
import { readStoredJson } from '../stored-json';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toImportReport(row: ImportJobRow): ImportReport {
  // One job is read at a time; a report that says nothing of its problems would mislead, so it fails.
  const details = readStoredJson(importReportListsSchema, row.report_json, { table: 'import_job', column: 'report_json', row: row.id });
  return {
    jobId: row.id,
    state: row.state,
    source: row.source,
    total: row.total,
    processed: row.processed,
    imported: row.imported,
    duplicates: row.duplicates,
    failed: row.failed,
    startedAt: iso(row.started_at)!,
    finishedAt: iso(row.finished_at),
    ...(row.error ? { error: row.error } : {}),
    problems: details.problems,
    duplicateFiles: details.duplicateFiles,
  };
}

export async function insertImportJob(db: Kysely<Database>, job: { id: string; source: string; copyMedia: boolean; startedAt: number }): Promise<void> {
  await db
    .insertInto('import_job')
    .values({ id: job.id, source: job.source, copy_media: job.copyMedia ? 1 : 0, state: 'scanning', started_at: job.startedAt })
    .execute();
}

/** A job's state and counts, as its row keeps them. */
function countersOf(report: ImportReport) {
  const { state, total, processed, imported, duplicates, failed } = report;
  return { state, total, processed, imported, duplicates, failed };
}

/** Writes a job's counters (and, when finished, its full report) as they stand now. */
export async function updateImportJob(db: Kysely<Database>, report: ImportReport): Promise<void> {
  await db
    .updateTable('import_job')
    .set({
      ...countersOf(report),
      finished_at: report.finishedAt ? Date.parse(report.finishedAt) : null,
      error: report.error ?? null,
      report_json: JSON.stringify({ problems: report.problems, duplicateFiles: report.duplicateFiles }),
    })
    .where('id', '=', report.jobId)
    .execute();
}

/**
 * Writes a running job's counters alone. Its problem and duplicate lists grow with the files,
 * so rewriting them with every batch would cost time quadratic in the size of the import.
 */
export async function updateImportCounters(db: Kysely<Database>, report: ImportReport): Promise<void> {
  await db.updateTable('import_job').set(countersOf(report)).where('id', '=', report.jobId).execute();
}

export async function getImportJob(db: Kysely<Database>, id: string): Promise<ImportReport | null> {
  const row = await db.selectFrom('import_job').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toImportReport(row) : null;
}

/** Jobs left "running" by a process that died: they did not finish, and say so. */
/** Whether an import was left running (the app stopped during it): a read, so it never waits for writes to be allowed. */
export async function hasInterruptedImports(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('import_job').select('id').where('state', 'in', ['scanning', 'importing']).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function failInterruptedImports(db: Kysely<Database>, at: number): Promise<void> {
  await db
    .updateTable('import_job')
    .set({ state: 'failed', error: 'interrupted: Concord closed before the import finished', finished_at: at })
    .where('state', 'in', ['scanning', 'importing'])
    .execute();
}
